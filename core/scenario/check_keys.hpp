#pragma once
// The reference runner's check_keys(): an object with only the keys it knows.
#include <initializer_list>
#include <string>
#include <string_view>

#include "pyjson/value.hpp"

namespace authlab::scenario {

// Throws ScenarioError: "request must be an object", "unknown step key(s): expct".
void check_keys(const pyjson::Value& object, std::initializer_list<std::string_view> allowed, const std::string& what);

// value.find(key) on an object, else nullptr (for the optional parts of a step).
const pyjson::Value* member(const pyjson::Value& object, const std::string& key);

}  // namespace authlab::scenario
