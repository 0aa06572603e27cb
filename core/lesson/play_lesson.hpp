#pragma once
// A lesson played headless, every step as "Show me" would do it, against a fresh world built
// from its setup: a request step sends its request, an admin step applies its command and then
// tries its check on a copy, an advance step moves the clock. Seeded random source and virtual
// clock as in scenario runs (scenario/scenario_run.hpp), so the answers are those the
// reference stack gives the same requests (tests/lessons/lesson_to_scenarios.py).
#include <string>
#include <vector>

#include "auth/password_hashers.hpp"
#include "lesson/lesson.hpp"

namespace authlab::lesson {

struct StepFailure {
    std::size_t index;  // from 0
    std::string title;
    std::vector<std::string> failures;
};

// The steps whose expectation fails, in order; empty when the whole lesson plays through.
// `cost` hashes the setup's passwords (the fuzz target's is cheap; Django's is the default).
std::vector<StepFailure> play_lesson(const Lesson& lesson, auth::Argon2Cost cost = auth::Argon2Cost::django32());

}  // namespace authlab::lesson
