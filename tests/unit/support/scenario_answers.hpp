#pragma once
// A scenario's answers from both runners, to compare step by step: the reference runner
// (tests/reference/run_scenarios.py, the real Django stack) and the core's own. In --json
// mode each prints one line a file: a JSON array, one record a step.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "python.hpp"
#include "scenario/runner.hpp"
#include "temp_file.hpp"

namespace authlab::testing {

// The reference runner with `args`, whatever its exit status.
inline python::Result run_reference(const std::vector<std::string>& args) {
    return python::execute(std::filesystem::path(AUTHLAB_SOURCE_DIR) / "tests" / "reference" / "run_scenarios.py",
                           {.args = args});
}

inline std::vector<nlohmann::json> json_lines(const std::string& output) {
    std::vector<nlohmann::json> out;
    for (const std::string& line : python::lines(output)) out.push_back(nlohmann::json::parse(line));
    return out;
}

// Each runner's --json answers for the files: one array of step records a file.
inline std::vector<nlohmann::json> reference_json(const std::vector<std::filesystem::path>& files) {
    std::vector<std::string> args = {"--json"};
    for (const std::filesystem::path& file : files) args.push_back(file.string());
    const python::Result run = run_reference(args);
    INFO("the reference runner exited with status " << run.status << ", its stderr:\n" << run.err);
    REQUIRE(run.status == 0);
    return json_lines(run.out);
}

inline std::vector<nlohmann::json> core_json(const std::vector<scenario::ScenarioFile>& files) {
    const scenario::RunnerOutput run = scenario::run_scenario_files(files, true);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return json_lines(run.out);
}

// One scenario through each runner: its step records.
inline nlohmann::json reference_answers(const nlohmann::json& scenario) {
    const TempFile file(scenario.dump(), "scenario.json");
    const std::vector<nlohmann::json> answers = reference_json({file.path()});
    REQUIRE(answers.size() == 1);
    return answers[0];
}

inline nlohmann::json core_answers(const nlohmann::json& scenario) {
    const std::vector<nlohmann::json> answers = core_json({{"scenario.json", scenario.dump(), ""}});
    REQUIRE(answers.size() == 1);
    return answers[0];
}

// Values that differ by nature (api.md: compared by shape): CSRF tokens, session keys, DRF
// tokens, JWTs. Each is replaced by its shape.
inline nlohmann::json shape_only(nlohmann::json record) {
    if (record.is_null()) return record;
    static const std::regex csrf_value(R"(value="[A-Za-z0-9]{64}")"), csrf_cookie(R"(^csrftoken=[A-Za-z0-9]{64})"),
        session_cookie(R"(^sessionid=[a-z0-9]{32})"), hex40(R"(^[0-9a-f]{40}$)"),
        jwt(R"(^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$)");
    if (record["text"].is_string()) record["text"] = std::regex_replace(record["text"].get<std::string>(), csrf_value, "value=\"<csrf>\"");
    if (record["headers"].contains("set-cookie")) {
        for (auto& cookie : record["headers"]["set-cookie"]) {
            std::string text = std::regex_replace(cookie.get<std::string>(), csrf_cookie, "csrftoken=<csrf>");
            cookie = std::regex_replace(text, session_cookie, "sessionid=<key>");
        }
    }
    if (record["json"].is_object()) {
        for (auto& [key, value] : record["json"].items()) {
            if (!value.is_string()) continue;
            const std::string text = value.get<std::string>();
            if (std::regex_match(text, hex40)) value = "<40 hex>";
            else if (std::regex_match(text, jwt)) value = "<jwt>";
        }
    }
    return record;
}

}  // namespace authlab::testing
