#pragma once
// The reference runner's JSON equality (tests/reference/scenario.py's same()): runners must
// agree with it.
#include <string>

#include "pyjson/value.hpp"

namespace authlab::scenario {

// scenario.py's same(): JSON equality where true is not 1 but 1 equals 1.0; dict keys in any order.
bool same(const pyjson::Value& a, const pyjson::Value& b);

// Python's `a == b` for an int against a JSON value (an HTTP status against expect.status).
bool equals_int(long long number, const pyjson::Value& value);

}  // namespace authlab::scenario
