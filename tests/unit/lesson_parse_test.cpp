// Lesson files are untrusted (a teacher's own, pasted into the page): every problem comes back
// with its JSON path and a reason in a teacher's words, limits hold, and text is never read
// as markup.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "lesson/parse_lesson.hpp"
#include "pyjson/dump.hpp"

using namespace authlab;
using nlohmann::ordered_json;

namespace {

ordered_json valid_lesson() {
    return ordered_json::parse(R"({
      "format": "authlab.lesson", "version": 1, "id": "carol-403", "title": "Known, but not allowed",
      "concepts": ["groups-roles", "403"],
      "steps": [
        {"title": "Carol logs in", "text": "Send it.",
         "request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "carol-pass-1"}},
         "expect": {"status": 200}, "capture": {"tok": "auth_token"}},
        {"title": "Carol adds a book", "text": "Uses `Token ${tok}`.",
         "request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${tok}"},
                     "json": {"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": 2}},
         "expect": {"status": 403}},
        {"title": "Give Editors add_book", "text": "In the admin.",
         "admin": {"op": "save_group", "name": "Editor", "permissions": ["bookshop.add_book"]},
         "check": {"method": "GET", "path": "/api/books/"}, "expect": {"status": 200}},
        {"title": "Wait", "text": "Press +5 min.", "advance": 300}
      ]})");
}

std::vector<lesson::Problem> problems_of(const std::string& text) {
    auto parsed = lesson::parse_lesson(text);
    REQUIRE(std::holds_alternative<std::vector<lesson::Problem>>(parsed));
    return std::get<std::vector<lesson::Problem>>(parsed);
}

lesson::Lesson lesson_of(const std::string& text) {
    auto parsed = lesson::parse_lesson(text);
    if (auto* problems = std::get_if<std::vector<lesson::Problem>>(&parsed)) FAIL(problems->front().path + ": " + problems->front().reason);
    return std::get<lesson::Lesson>(parsed);
}

// The lesson has a problem at `path` whose reason contains `words`.
void check_problem(const std::vector<lesson::Problem>& problems, const std::string& path, const std::string& words) {
    std::string all;
    for (const auto& p : problems) all += p.path + ": " + p.reason + "\n";
    INFO(all);
    CHECK(std::any_of(problems.begin(), problems.end(), [&](const lesson::Problem& p) { return p.path == path && p.reason.find(words) != std::string::npos; }));
}

}  // namespace

TEST_CASE("a valid lesson is read with its defaults filled in", "[lesson][parse]") {
    lesson::Lesson lesson = lesson_of(valid_lesson().dump());
    CHECK(lesson.id == "carol-403");
    REQUIRE(lesson.steps.size() == 4);
    CHECK(lesson.steps[0].kind == lesson::LessonStep::Kind::request);
    CHECK(lesson.steps[2].kind == lesson::LessonStep::Kind::admin);
    CHECK(lesson.steps[3].kind == lesson::LessonStep::Kind::advance);
    auto json = ordered_json::parse(pyjson::dumps(lesson.json));
    CHECK(json["setup"] == ordered_json::parse(R"({"world": "default", "groups": [], "users": [], "books": [], "policies": {}, "advance": 0})"));
    CHECK(json["summary"] == "");
    CHECK(json["steps"][0]["hint"] == "");
    CHECK(json["steps"][0]["explain"] == "");
    CHECK(json["steps"][0]["prefill"] == true);
    CHECK(json["steps"][1]["capture"] == ordered_json::object());
    CHECK(!json["steps"][2].contains("prefill"));
}

TEST_CASE("text fields keep their markup as written, never as HTML", "[lesson][parse]") {
    ordered_json json = valid_lesson();
    const std::string text = "<b>bold?</b> <script>alert(1)</script> **really** `code`\nline &amp; more";
    json["steps"][0]["text"] = text;
    json["steps"][0]["explain"] = "<img src=x onerror=alert(1)>";
    json["title"] = "A <i>title</i>";
    lesson::Lesson lesson = lesson_of(json.dump());
    auto out = ordered_json::parse(pyjson::dumps(lesson.json));
    CHECK(out["steps"][0]["text"] == text);
    CHECK(out["steps"][0]["explain"] == "<img src=x onerror=alert(1)>");
    CHECK(out["title"] == "A <i>title</i>");
}

TEST_CASE("each malformed part is named by its JSON path with a reason", "[lesson][parse]") {
    struct Case {
        std::string pointer;  // where to change the valid lesson (a JSON pointer)
        ordered_json value;   // the new value; null with remove=true removes the member
        bool remove;
        std::string path;
        std::string words;
    };
    const std::vector<Case> cases = {
        {"/format", "authlab.lesn", false, "$.format", "must be \"authlab.lesson\""},
        {"/format", nullptr, true, "$.format", "missing"},
        {"/version", 3, false, "$.version", "reads version 1 and 2 lessons; this one says 3"},
        {"/mode", "challenge", false, "$.mode", "is read in version 2 lessons"},
        {"/steps/0/predict", true, false, "$.steps[0].predict", "is read in version 2 lessons"},
        {"/id", "Carol 403", false, "$.id", "lower-case letters, digits or hyphens"},
        {"/id", std::string(65, 'a'), false, "$.id", "1 to 64"},
        {"/title", nullptr, true, "$.title", "missing"},
        {"/title", 42, false, "$.title", "must be text in double quotes, not a number"},
        {"/concepts/1", "tokens", false, "$.concepts[1]", "unknown concept \"tokens\"; known: credentials, session-cookie"},
        {"/concepts/1", "groups-roles", false, "$.concepts[1]", "twice"},
        {"/colour", "blue", false, "$.colour", "unknown key \"colour\""},
        {"/setup", "default", false, "$.setup", "must be an object"},
        {"/setup", ordered_json{{"world", "full"}}, false, "$.setup.world", "\"default\""},
        {"/setup", ordered_json{{"advance", -5}}, false, "$.setup.advance", "number of seconds"},
        {"/setup", ordered_json::parse(R"({"groups": [{"name": "Editor", "permissions": ["bookshop.ad_book"]}]})"), false,
         "$.setup.groups[0].permissions[0]", "unknown permission \"bookshop.ad_book\"; did you mean \"bookshop.add_book\"?"},
        {"/setup", ordered_json::parse(R"({"users": [{"username": "dora", "password": "p", "groups": ["Customers"]}]})"), false,
         "$.setup.users[0].groups[0]", "unknown group \"Customers\"; did you mean \"Customer\"?"},
        {"/concepts/1", "403s", false, "$.concepts[1]", "unknown concept \"403s\"; did you mean \"403\"?"},
        {"/steps/2/admin/permissions/0", "bookshop.add_books", false, "$.steps[2].admin.permissions[0]",
         "unknown permission \"bookshop.add_books\"; did you mean \"bookshop.add_book\"?"},
        {"/steps", ordered_json::array(), false, "$.steps", "at least one step"},
        {"/steps", nullptr, true, "$.steps", "missing"},
        {"/steps/0/expct", ordered_json{{"status", 200}}, false, "$.steps[0].expct", "did you mean \"expect\"?"},
        {"/steps/0/expect/status", "403", false, "$.steps[0].expect.status", "must be a number like 403, not text"},
        {"/steps/0/expect/status", 42, false, "$.steps[0].expect.status", "from 100 to 599"},
        {"/steps/0/expect", ordered_json::object(), false, "$.steps[0].expect", "checks nothing"},
        {"/steps/0/expect", nullptr, true, "$.steps[0].expect", "missing"},
        {"/steps/0/expect/keys", "auth_token", false, "$.steps[0].expect.keys", "must be a list"},
        {"/steps/0/expect/header", ordered_json{{"WWW-Authenticate", 5}}, false, "$.steps[0].expect.header.WWW-Authenticate", "exact text"},
        {"/steps/0/request/method", "FETCH", false, "$.steps[0].request.method", "must be one of GET, HEAD, POST"},
        {"/steps/0/request/path", "api/books/", false, "$.steps[0].request.path", "starting with /"},
        {"/steps/0/request/form", ordered_json{{"a", "b"}}, false, "$.steps[0].request", "at most one body"},
        {"/steps/0/request/headers", ordered_json{{"X-Count", 3}}, false, "$.steps[0].request.headers.X-Count", "must be text"},
        {"/steps/0/capture", ordered_json{{"tok", 3}}, false, "$.steps[0].capture.tok", "dotted path"},
        {"/steps/0/prefill", "yes", false, "$.steps[0].prefill", "true or false"},
        {"/steps/0/text", nullptr, true, "$.steps[0].text", "missing"},
        {"/steps/0/hint", ordered_json::array(), false, "$.steps[0].hint", "not a list"},
        {"/steps/0/admin", ordered_json{{"op", "reset"}, {"world", "default"}}, false, "$.steps[0]", "more than one thing"},
        {"/steps/0/request", nullptr, true, "$.steps[0]", "nothing to do"},
        {"/steps/1/request/headers/Authorization", "Token ${token}", false, "$.steps[1].request.headers.Authorization",
         "uses ${token}, but no earlier step captures \"token\""},
        {"/steps/2/check", nullptr, true, "$.steps[2].check", "missing"},
        {"/steps/2/capture", ordered_json{{"x", "id"}}, false, "$.steps[2].capture", "belongs only in a \"request\" step"},
        {"/steps/2/admin/op", "make_admin", false, "$.steps[2].admin.op", "unknown admin change \"make_admin\"; known: save_group"},
        {"/steps/3/advance", 0, false, "$.steps[3].advance", "above 0"},
        {"/steps/3/advance", "5 min", false, "$.steps[3].advance", "number of seconds"},
        {"/steps/3/expect", ordered_json{{"status", 200}}, false, "$.steps[3].expect", "belongs only in a \"request\" or \"admin\" step"},
        {"/steps/3", "wait", false, "$.steps[3]", "must be an object"},
        {"/steps/3/odd key", 1, false, "$.steps[3][\"odd key\"]", "unknown key"},
    };
    for (const Case& c : cases) {
        ordered_json json = valid_lesson();
        ordered_json::json_pointer pointer(c.pointer);
        if (c.remove) json[pointer.parent_pointer()].erase(pointer.back());
        else json[pointer] = c.value;
        INFO(c.pointer);
        check_problem(problems_of(json.dump()), c.path, c.words);
    }
}

TEST_CASE("every problem of a lesson is reported at once", "[lesson][parse]") {
    ordered_json json = valid_lesson();
    json["version"] = 3;
    json["steps"][0]["expect"]["status"] = "200";
    json["steps"][3]["advance"] = -1;
    auto problems = problems_of(json.dump());
    CHECK(problems.size() == 3);
    check_problem(problems, "$.version", "version 1");
    check_problem(problems, "$.steps[0].expect.status", "number like 403");
    check_problem(problems, "$.steps[3].advance", "number of seconds");
}

TEST_CASE("what is not a lesson object is refused plainly", "[lesson][parse]") {
    check_problem(problems_of("{\"format\": \"authlab.lesson\",\n \"id\": }"), "$", "this is not valid JSON: Expecting value: line 2 column 8");
    check_problem(problems_of(""), "$", "not valid JSON");
    check_problem(problems_of("[1, 2]"), "$", "a lesson is a JSON object");
    check_problem(problems_of("\xff\xfe{\x00\"a"), "$", "not valid JSON");
    check_problem(problems_of(std::string("{\"title\": \"a\x80\"}")), "$", "not valid JSON");
}

TEST_CASE("a lesson is held to its limits", "[lesson][parse]") {
    SECTION("at most 256 KiB") {
        ordered_json json = valid_lesson();
        json["summary"] = std::string(3000, 'x');
        std::string text = json.dump();
        text += std::string(lesson::max_file_bytes - text.size(), ' ');
        CHECK(std::holds_alternative<lesson::Lesson>(lesson::parse_lesson(text)));
        check_problem(problems_of(text + " "), "$", "the file is 257 KiB; a lesson may be at most 256 KiB");
    }
    SECTION("at most 60 steps") {
        ordered_json json = valid_lesson();
        ordered_json step = json["steps"][3];
        json["steps"] = ordered_json::array();
        for (int i = 0; i < 60; ++i) json["steps"].push_back(step);
        CHECK(std::holds_alternative<lesson::Lesson>(lesson::parse_lesson(json.dump())));
        json["steps"].push_back(step);
        check_problem(problems_of(json.dump()), "$.steps", "has 61 steps; a lesson may have at most 60");
    }
    SECTION("at most 4,000 characters a text, counted as characters") {
        ordered_json json = valid_lesson();
        std::string text;
        for (int i = 0; i < 4000; ++i) text += "\xc3\xa9";  // é: two bytes, one character
        json["steps"][1]["explain"] = text;
        CHECK(std::holds_alternative<lesson::Lesson>(lesson::parse_lesson(json.dump())));
        json["steps"][1]["explain"] = text + "e";
        check_problem(problems_of(json.dump()), "$.steps[1].explain", "is 4001 characters long; a text may have at most 4000");
    }
    SECTION("at most 32 levels of nesting") {
        // The lesson, steps, a step, request and json are 5 levels: 27 more make 32.
        auto nested = [](int depth) {
            std::string value = "1";
            for (int i = 0; i < depth; ++i) value = "[" + value + "]";
            return value;
        };
        auto with_json = [&](int depth) {
            std::string text = valid_lesson().dump();
            std::string marker = "\"inventory\":2}";
            return text.replace(text.find(marker), marker.size(), "\"inventory\":2, \"deep\": " + nested(depth) + "}");
        };
        CHECK(std::holds_alternative<lesson::Lesson>(lesson::parse_lesson(with_json(27))));
        check_problem(problems_of(with_json(28)), "$", "more than 32 deep");
        check_problem(problems_of(std::string(100000, '[')), "$", "more than 32 deep");
    }
}
