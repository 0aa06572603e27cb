#pragma once
// Whether the learner has reached a challenge step's goal: each condition of the step's "goal"
// (web/lessons/README.md, "Goals") asked of what the learner really did: the world as it is
// now, the world as it was when the step began, and the requests sent since.
#include <optional>
#include <string>
#include <vector>

#include "lab/desk.hpp"
#include "lesson/lesson.hpp"
#include "pyjson/value.hpp"

namespace authlab::lesson {

// A request the learner sent during the step, with its answer and who DRF took them for.
struct SentRequest {
    http::Request request;
    pyjson::Value record;               // scenario/step_record.hpp
    std::optional<std::string> user;    // none: anonymous, or no DRF view
    std::string authenticator;          // "" when anonymous
    bool forged = false;                // it carried a Bearer token this lesson's server never gave out
};

// The unmet conditions, each in a sentence; empty when the goal is reached.
std::vector<std::string> goal_failures(const LessonStep& step, const lab::Desk& desk, const World& at_start, const std::vector<SentRequest>& sent);

}  // namespace authlab::lesson
