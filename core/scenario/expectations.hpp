#pragma once
// A step's `expect` and `capture` against its recorded answer, worded as the reference
// runner words them (tests/reference/scenario.py: check, dig).
#include <string>
#include <vector>

#include "pyjson/value.hpp"
#include "scenario/substitute.hpp"

namespace authlab::scenario {

// Why the expectation fails; empty when it holds. Throws ScenarioError for unknown keys.
std::vector<std::string> check_expect(const pyjson::Value& expect, const pyjson::Value& record);

// Stores each `capture` name's value from the answer's JSON; a path that is not there adds a
// reason instead.
void capture_values(const pyjson::Value& capture, const pyjson::Value& record, Captures& captures,
                    std::vector<std::string>& reasons);

// short(): json.dumps(value), cut to 160 characters and "...".
std::string short_json(const pyjson::Value& value);

}  // namespace authlab::scenario
