#pragma once
// The real stack for the authentication tests: a Python script run under /usr/bin/python3
// with Django configured (the reference project's SECRET_KEY unless the input names one),
// and the reference runner (tests/reference/run_scenarios.py) next to the core's own runner,
// so a scenario's answers can be compared step by step. A failure to run is a test failure.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <random>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "scenario/runner.hpp"

namespace authlab::testing {

// Prepended to every script: Django with the apps simplejwt and DRF's authtoken need, the
// input document as `data`, and `answer(value)` to print the result as JSON.
inline const char* const django_preamble = R"(import json, sys
data = json.load(sys.stdin)
import django
from django.conf import settings
settings.configure(
    SECRET_KEY=data.get('secret', 'authlab-test-secret') if isinstance(data, dict) else 'authlab-test-secret',
    INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions',
                    'rest_framework', 'rest_framework.authtoken'],
    DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
    USE_TZ=True, DEFAULT_HASHING_ALGORITHM='sha256')
django.setup()
def answer(value):
    print(json.dumps(value))
)";

inline std::string temp_path(const std::string& suffix) {
    return "/tmp/authlab-auth-test-" + std::to_string(std::random_device{}()) + suffix;
}

inline std::string run_command(const std::string& command) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    const int status = pclose(pipe);
    INFO(command << "\n" << output);
    REQUIRE(status == 0);
    return output;
}

// Runs the preamble plus `script` with `input` on stdin; returns what answer() printed.
inline nlohmann::json ask_django(const std::string& script, const nlohmann::json& input) {
    const std::string py = temp_path(".py"), in = temp_path(".json");
    std::ofstream(py) << django_preamble << script;
    std::ofstream(in) << input.dump();
    const std::string output = run_command(std::string(AUTHLAB_PYTHON) + " " + py + " < " + in + " 2>&1");
    std::remove(py.c_str());
    std::remove(in.c_str());
    INFO(output);
    return nlohmann::json::parse(output);
}

// Both runners' --json output for one scenario: one record per step.
inline nlohmann::json reference_answers(const nlohmann::json& scenario) {
    const std::string file = temp_path(".json");
    std::ofstream(file) << scenario.dump();
    const std::string output = run_command(std::string(AUTHLAB_PYTHON) + " " + AUTHLAB_SOURCE_DIR +
                                           "/tests/reference/run_scenarios.py --json " + file + " 2>&1");
    std::remove(file.c_str());
    return nlohmann::json::parse(output);
}

inline nlohmann::json core_answers(const nlohmann::json& scenario) {
    const scenario::RunnerOutput run = scenario::run_scenario_files({{"scenario.json", scenario.dump(), ""}}, true);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(run.out);
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
