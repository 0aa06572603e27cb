#pragma once
// A lesson (web/lessons/README.md): a scenario with words added. Parsed and checked once by
// parse_lesson(); everything else reads this normalized form (defaults filled in).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pyjson/value.hpp"

namespace authlab::lesson {

// The limits a lesson file is held to (a teacher's file is untrusted input).
inline constexpr std::size_t max_file_bytes = 256 * 1024;
inline constexpr std::size_t max_steps = 60;
inline constexpr std::size_t max_text_characters = 4000;
inline constexpr int max_json_depth = 32;

// The closed list of what lessons teach, in teaching order.
inline constexpr std::string_view concept_ids[] = {
    "credentials", "session-cookie", "token-issue", "bearer-each-call", "401", "authz-after-authn",
    "groups-roles", "bookshop-privileges", "403", "401-vs-403-rule", "jwt-expiry-refresh", "object-level"};

struct LessonStep {
    // What the learner does: send a request, make an admin change, or move the clock.
    enum class Kind { request, admin, advance };
    Kind kind;
    pyjson::Value json;  // the step, normalized: hint and explain always there; prefill and capture on requests

    const std::string& title() const { return json.find("title")->as_str(); }
    const pyjson::Value& expect() const { return *json.find("expect"); }  // request and admin steps
};

struct Lesson {
    pyjson::Value json;  // the whole lesson, normalized (what lab.parseLesson answers)
    std::string id;
    std::vector<LessonStep> steps;

    const pyjson::Value& setup() const { return *json.find("setup"); }
};

// One problem with a lesson file: where (a JSON path like "$.steps[3].expect.status") and
// what is wrong, in a teacher's words.
struct Problem {
    std::string path;
    std::string reason;
};

}  // namespace authlab::lesson
