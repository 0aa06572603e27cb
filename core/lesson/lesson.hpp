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

// The statuses a learner may predict before a request goes out ("predict": true).
inline constexpr int predictable_statuses[] = {200, 201, 204, 400, 401, 403, 404, 405, 429};

struct LessonStep {
    // What the learner does: send a request, make an admin change, or move the clock (a guided
    // step says which and how); or reach a goal their own way (a challenge step).
    enum class Kind { request, admin, advance, challenge };
    Kind kind;
    pyjson::Value json;  // the step, normalized: hint and explain always there; prefill and capture on requests

    const std::string& title() const { return json.find("title")->as_str(); }
    const pyjson::Value& expect() const { return *json.find("expect"); }  // request and admin steps
    const pyjson::Value& goal() const { return *json.find("goal"); }          // challenge steps
    const pyjson::Value& solution() const { return *json.find("solution"); }  // challenge steps
    std::size_t hint_count() const { return kind == Kind::challenge ? json.find("hints")->as_list().size() : 1; }
    bool predicts() const { return json.find("predict") && json.find("predict")->as_bool(); }
};

struct Lesson {
    // A guided lesson says what to do at each step; a challenge only what to reach.
    enum class Mode { guided, challenge };
    pyjson::Value json;  // the whole lesson, normalized (what lab.parseLesson answers)
    std::string id;
    std::vector<LessonStep> steps;
    Mode mode = Mode::guided;

    const pyjson::Value& setup() const { return *json.find("setup"); }
    const std::string& title() const { return json.find("title")->as_str(); }
};

// One problem with a lesson file: where (a JSON path like "$.steps[3].expect.status") and
// what is wrong, in a teacher's words.
struct Problem {
    std::string path;
    std::string reason;
};

}  // namespace authlab::lesson
