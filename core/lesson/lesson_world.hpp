#pragma once
// The world a lesson starts from: its setup built as a scenario's (scenario/setup.hpp), then
// the clock moved on by setup.advance seconds.
#include "auth/passwords.hpp"
#include "pyjson/value.hpp"
#include "world/world.hpp"

namespace authlab::lesson {

// `setup` is a lesson's normalized setup. Throws scenario::ScenarioError when it cannot be built.
World lesson_world(const pyjson::Value& setup, const auth::Passwords& passwords);

}  // namespace authlab::lesson
