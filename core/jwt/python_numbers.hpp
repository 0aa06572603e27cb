#pragma once
// What Python does with a JSON claim that PyJWT, simplejwt and Django treat as a number:
// int(v), `v > n`, and datetime.utcfromtimestamp(v). A claim can hold any JSON value, and some
// of them make Python raise errors that nobody catches (TypeError, OverflowError): the request
// then ends in Django's 500 page. These helpers say which.
#include <cstdint>
#include <optional>
#include <string>

#include "pyjson/value.hpp"
#include "time/clock.hpp"

namespace authlab::jwt {

enum class PyError { none, value_error, type_error, overflow_error };

// Python's int(v). Integers beyond 64 bits are clamped (`clamped`), which keeps every
// comparison with a timestamp right.
struct PyInt {
    PyError error = PyError::none;
    std::int64_t value = 0;
    bool clamped = false;
};
PyInt python_int(const pyjson::Value& v);

// Python's comparison of v with an int: -1, 0 or 1, 2 when unordered (NaN: every comparison is
// False); nullopt where Python raises TypeError.
std::optional<int> compare_with_int(const pyjson::Value& v, std::int64_t n);

// datetime.utcfromtimestamp(v) in microseconds, or the error Python raises.
struct PyTimestamp {
    PyError error = PyError::none;
    Micros micros = 0;
};
PyTimestamp utcfromtimestamp(const pyjson::Value& v);

std::string py_error_name(PyError error);  // "TypeError", …

}  // namespace authlab::jwt
