// The scenario runner against the reference runner (tests/reference/run_scenarios.py, the
// real Django stack): for steps whose answers do not depend on tokens or hashes, the table
// and the --json line must be the same bytes. Plus exit codes and unrunnable files.
#include <catch2/catch.hpp>

#include <string>

#include "scenario/runner.hpp"
#include "support/scenario_answers.hpp"
#include "support/temp_file.hpp"

using namespace authlab;

namespace {

scenario::RunnerOutput ours(const std::string& path, const std::string& text, bool json) {
    return scenario::run_scenario_files({{path, text, ""}}, json);
}

// Routing answers, failing expectations of every kind, captures, advances, padding.
const std::string format_scenario = R"({"name": "runner-format", "setup": {"world": "empty"},
 "steps": [
  {"request": {"method": "get", "path": "/nowhere/"}, "expect": {"status": 404, "header": {"Content-Type": "text/html", "Set-Cookie": null}}},
  {"request": {"method": "GET", "path": "/api/books"}, "expect": {"status": 200, "json": {"a": [1, true]}, "keys": ["id", 3],
   "header": {"Location": "/api/books/x", "set-cookie": "a=b"}}, "capture": {"c": "id", "d": 0}},
  {"advance": 2.5},
  {"advance": 7},
  {"request": {"method": "DELETE", "path": "/a-very-long-path/that/goes/on/and/on/beyond-34/"}, "expect": {"status": 404.0}},
  {"request": {"method": "PATCH", "path": "/\u00fcn\u00efcode/\u2713/"}},
  {"request": {"method": "GET", "path": "/x/?q=1"}, "expect": {"status": "404"}}
 ]})";

}  // namespace

TEST_CASE("the table and the JSON line are the reference runner's, byte for byte", "[scenario][runner][oracle]") {
    const testing::TempFile file(format_scenario, "runner-format.json");
    const std::string path = file.path().string();
    for (bool json : {false, true}) {
        INFO((json ? "--json" : "table"));
        const testing::python::Result expected =
            testing::run_reference(json ? std::vector<std::string>{"--json", path} : std::vector<std::string>{path});
        scenario::RunnerOutput got = ours(path, format_scenario, json);
        CHECK(got.out == expected.out);
        CHECK(got.exit_code == expected.status);
        CHECK(got.err.empty());
    }
}

TEST_CASE("exit codes: 0 when all pass, 1 for a failed expectation (table only), 2 when a file cannot run", "[scenario][runner]") {
    const std::string pass = R"({"steps": [{"request": {"method": "GET", "path": "/x/"}, "expect": {"status": 404}}], "setup": {"world": "empty"}})";
    const std::string fail = R"({"steps": [{"request": {"method": "GET", "path": "/x/"}, "expect": {"status": 200}}], "setup": {"world": "empty"}})";
    CHECK(scenario::run_scenario_files({{"p", pass, ""}}, false).exit_code == 0);
    CHECK(scenario::run_scenario_files({{"p", pass, ""}, {"f", fail, ""}}, false).exit_code == 1);
    CHECK(scenario::run_scenario_files({{"f", fail, ""}}, true).exit_code == 0);
    auto broken = scenario::run_scenario_files({{"p", pass, ""}, {"gone.json", std::nullopt, "no such file"}}, false);
    CHECK(broken.exit_code == 2);
    CHECK(broken.out.ends_with("== gone.json: CANNOT RUN: cannot read: no such file\n1 passed, 1 failed\n"));
    auto quiet = scenario::run_scenario_files({{"gone.json", std::nullopt, "no such file"}, {"p", pass, ""}}, true);
    CHECK(quiet.exit_code == 2);
    CHECK(quiet.err == "gone.json: cannot run: cannot read: no such file\n");
    CHECK(quiet.out.starts_with("[{\"status\": 404, "));
}

TEST_CASE("what makes a file unable to run", "[scenario][runner]") {
    struct Case { const char* text; const char* reason; };
    const Case cases[] = {
        {"[]", "not a scenario: needs an object with a \"steps\" list"},
        {R"({"steps": {}})", "not a scenario: needs an object with a \"steps\" list"},
        {R"({"steps": [], "setup": {"world": "full"}})", "unknown world 'full'"},
        {R"({"steps": [], "setup": {"wrld": "empty"}})", "unknown setup key(s): wrld"},
        {R"({"steps": [{"advance": -1}]})", "\"advance\" must be a number of seconds >= 0"},
        {R"({"steps": [{"advance": true}]})", "\"advance\" must be a number of seconds >= 0"},
        {R"({"steps": [{"advance": 1e300}]})", "\"advance\" moves the clock more than a century"},
        {R"({"steps": [{"advance": 123456789012345678901234567890}]})", "\"advance\" moves the clock more than a century"},
        {R"({"steps": [{"advance": 1, "request": {}}]})", "unknown advance step key(s): request"},
        {R"({"steps": [42]})", "step must be an object"},
        {R"({"steps": [{"expect": {}}]})", "request must be an object"},
        {R"({"steps": [{"request": {"method": "GET", "path": "/${who}/"}}]})", "unknown capture ${who}"},
        {R"({"steps": [{"request": {"method": "GET", "path": "/"}, "expect": null}]})", "expect must be an object"},
        {R"({"steps": [{"request": {"method": "GET", "path": "/"}, "capture": []}]})", "capture must be an object"},
        {R"({"steps": [], "setup": {"world": "empty", "users": [{"username": "u", "groups": ["Staff"]}]}})", "unknown group 'Staff'"},
        {R"({"steps": [], "setup": {"world": "empty", "groups": [{"name": "G", "permissions": ["bookshop.fly"]}]}})", "unknown permission 'bookshop.fly'"},
        {R"({"steps": [], "setup": {"policies": {"shelves": {}}}})", "unknown policy key 'shelves'"},
        {"{\"steps\": [}", "cannot read: Expecting value: line 1 column 12 (char 11)"},
        {"{\"name\": \"\xe9\", \"steps\": []}", "cannot read: 'utf-8' codec can't decode byte 0xe9 in position 10: invalid continuation byte"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        auto result = scenario::run_scenario_files({{"f.json", c.text, ""}}, true);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err == std::string("f.json: cannot run: ") + c.reason + "\n");
    }
}

TEST_CASE("read errors have one wording in both runners", "[scenario][runner]") {
    CHECK(scenario::read_error_text("ENOENT") == "no such file");
    CHECK(scenario::read_error_text("EISDIR") == "it is a directory");
    CHECK(scenario::read_error_text("EACCES") == "permission denied");
    CHECK(scenario::read_error_text("EWHATEVER") == "the file cannot be read");
}
