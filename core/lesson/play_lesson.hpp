#pragma once
// A lesson played headless in a lesson session (lesson/session.hpp), every guided step as
// "Show me" would do it (a request step sends its request, predicting the status it expects;
// an admin step applies its command; an advance step moves the clock) and every challenge step
// by its solution, after making sure its goal is not met before the learner does anything.
// Seeded random source and virtual clock as in scenario runs (scenario/scenario_run.hpp), so the
// answers are those the reference stack gives the same requests (tests/lessons/lesson_to_scenarios.py).
#include <string>
#include <vector>

#include "auth/password_hashers.hpp"
#include "lesson/lesson.hpp"
#include "pyjson/value.hpp"

namespace authlab::lesson {

struct StepFailure {
    std::size_t index;  // from 0
    std::string title;
    std::vector<std::string> failures;
};

struct Played {
    // The failing step, if one fails: the steps after it build on it and are not played.
    std::vector<StepFailure> failing;
    pyjson::Value progress_entry;  // what a learner who did exactly this would hand in
};

struct PlayOptions {
    auth::Argon2Cost cost = auth::Argon2Cost::django32();  // the setup's passwords (a fuzz target's is cheap)
    bool hints = false;  // show every hint of a step before doing it, as a learner who asked would
};

Played play_lesson(const Lesson& lesson, const PlayOptions& options = {});

}  // namespace authlab::lesson
