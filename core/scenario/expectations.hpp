#pragma once
// A step's `expect` and `capture` against its recorded answer, worded as the reference
// runner words them (tests/reference/scenario.py: check, dig).
#include <optional>
#include <string>
#include <vector>

#include "pyjson/value.hpp"
#include "scenario/substitute.hpp"

namespace authlab::scenario {

// One way an answer misses its `expect`: what was compared, what came and what was wanted.
// The scenario runner and the lesson checker word it each in their own way; they decide alike.
struct ExpectFailure {
    enum class Part { status, json, key, header };
    Part part;
    std::string name;      // header: the name as written in `expect`; key: the key; else ""
    pyjson::Value got;     // the answer's value (None when absent; header Set-Cookie: the list)
    pyjson::Value wanted;  // the expected value (key: the key as written)
};

// Every way the answer misses `expect`; empty when it holds. Throws ScenarioError for unknown keys.
std::vector<ExpectFailure> expect_failures(const pyjson::Value& expect, const pyjson::Value& record);

// Why the expectation fails, in the reference runner's words; empty when it holds.
std::vector<std::string> check_expect(const pyjson::Value& expect, const pyjson::Value& record);

// dig(): each dotted part is a dict key, or a list index in range; none when the path is not there.
std::optional<pyjson::Value> dig(const pyjson::Value& body, const std::string& path);

// Stores each `capture` name's value from the answer's JSON; a path that is not there adds a
// reason instead.
void capture_values(const pyjson::Value& capture, const pyjson::Value& record, Captures& captures,
                    std::vector<std::string>& reasons);

// short(): json.dumps(value), cut to 160 characters and "...".
std::string short_json(const pyjson::Value& value);

}  // namespace authlab::scenario
