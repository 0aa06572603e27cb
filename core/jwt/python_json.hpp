#pragma once
// The json.loads(bytes) PyJWT 2.6 makes when it reads a token's header and payload (it signs
// with pyjson::dumps, compact), and claims as nlohmann JSON for traces.
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "pyjson/value.hpp"

namespace authlab::jwt {

struct JsonFailure {
    std::string message;      // Python's text, e.g. "Expecting value: line 1 column 1 (char 0)"
    bool value_error = true;  // false: RecursionError, which PyJWT does not catch
};

// json.loads(bytes): the encoding detected as Python's json.detect_encoding does (UTF-8,
// UTF-16 or UTF-32, a BOM dropped), decoded with 'surrogatepass'; NaN and ±Infinity read as
// floats, nesting bounded by Python's recursion (pyjson::default_max_depth).
std::variant<pyjson::Value, JsonFailure> loads_bytes(std::string_view bytes);

// The value as nlohmann JSON, for traces and request.auth: integers past 64 bits as text, lone
// surrogates as U+FFFD (nlohmann accepts valid UTF-8 only).
nlohmann::ordered_json to_ordered_json(const pyjson::Value& value);

}  // namespace authlab::jwt
