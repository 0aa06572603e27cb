#pragma once
// Whether a learner has done a lesson's step: the learner's own request (however it was
// built), an admin change tried on a copy of the world, or the clock moved far enough.
// The page's player (through wasm/bindings.cpp) and `tools/authlab lessons check` both ask this.
#include <string>
#include <vector>

#include "backend.hpp"
#include "lesson/lesson.hpp"
#include "pyjson/value.hpp"
#include "scenario/cookie_jar.hpp"
#include "scenario/substitute.hpp"

namespace authlab::lesson {

struct StepCheck {
    bool met = false;
    std::vector<std::string> failures;  // "expected 201, got 403", in order
    scenario::Captures captures;        // the captures given, plus this step's own when met
};

// The step's request (a request step's `request`, an admin step's `check`) with ${name} and
// ${cookie:NAME} filled in. Throws scenario::ScenarioError for a name no capture holds.
pyjson::Value step_request(const LessonStep& step, const scenario::Captures& captures, const scenario::CookieJar& jar, Micros now);

// A request step: met when `sent` has the step's method and path (the query aside) and its
// answer (`record`, scenario/step_record.hpp) meets `expect`; then its captures are kept.
StepCheck check_request_step(const LessonStep& step, const http::Request& sent, const pyjson::Value& record,
                             scenario::Captures captures, const scenario::CookieJar& jar, Micros now);

// An admin step: met when its `check`, sent on a copy of the backend's world (with the jar's
// cookies), is answered as `expect` says. Nothing real changes.
StepCheck check_admin_step(const LessonStep& step, const Backend& backend, scenario::Captures captures, const scenario::CookieJar& jar);

// An advance step: met once the clock has moved at least the step's seconds since it began.
StepCheck check_advance_step(const LessonStep& step, double advanced_seconds, scenario::Captures captures);

}  // namespace authlab::lesson
