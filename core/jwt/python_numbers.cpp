#include "jwt/python_numbers.hpp"

#include <cmath>
#include <limits>

#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::jwt {
namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
// datetime's range, years 1 to 9999.
constexpr std::int64_t first_second = -62135596800;
constexpr std::int64_t last_second = 253402300799;

// Canonical decimal digits (optional '-') to int64, clamping what does not fit.
PyInt from_digits(const std::string& digits) {
    const bool negative = digits.starts_with('-');
    PyInt out;
    std::uint64_t magnitude = 0;
    for (std::size_t i = negative ? 1 : 0; i < digits.size(); ++i) {
        const auto d = static_cast<std::uint64_t>(digits[i] - '0');
        if (magnitude > (static_cast<std::uint64_t>(int64_max) - d) / 10) {
            out.clamped = true;
            out.value = negative ? int64_min : int64_max;
            return out;
        }
        magnitude = magnitude * 10 + d;
    }
    out.value = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
    return out;
}

PyInt from_double(double d) {
    if (std::isnan(d)) return {PyError::value_error, 0, false};
    if (std::isinf(d)) return {PyError::overflow_error, 0, false};
    const double t = std::trunc(d);
    if (t >= 9.2e18 || t <= -9.2e18) return {PyError::none, t > 0 ? int64_max : int64_min, true};
    return {PyError::none, static_cast<std::int64_t>(t), false};
}

// int(str), as DRF's fields read it too: Unicode spaces and digits, underscores, at most 4300
// digits.
PyInt from_text(const std::string& text) {
    const std::optional<std::string> digits = python::parse_int(python::decode(text));
    if (!digits) return {PyError::value_error, 0, false};
    return from_digits(*digits);
}

}  // namespace

PyInt python_int(const pyjson::Value& v) {
    using Kind = pyjson::Value::Kind;
    switch (v.kind()) {
        case Kind::Bool: return {PyError::none, v.as_bool() ? 1 : 0, false};
        case Kind::Int: return from_digits(v.int_digits());
        case Kind::Float: return from_double(v.as_float());
        case Kind::Str: return from_text(v.as_str());
        default: return {PyError::type_error, 0, false};
    }
}

std::optional<int> compare_with_int(const pyjson::Value& v, std::int64_t n) {
    using Kind = pyjson::Value::Kind;
    const auto sign = [](auto a, auto b) { return a < b ? -1 : a > b ? 1 : 0; };
    switch (v.kind()) {
        case Kind::Bool: return sign(std::int64_t{v.as_bool()}, n);
        case Kind::Int: {
            const PyInt i = from_digits(v.int_digits());
            if (i.clamped) return i.value > 0 ? 1 : -1;
            return sign(i.value, n);
        }
        case Kind::Float: {
            const double d = v.as_float();
            if (std::isnan(d)) return 2;  // unordered: every comparison with NaN is False
            return sign(d, static_cast<double>(n));
        }
        default: return std::nullopt;
    }
}

PyTimestamp utcfromtimestamp(const pyjson::Value& v) {
    using Kind = pyjson::Value::Kind;
    std::int64_t seconds = 0;
    std::int64_t micros = 0;
    if (v.is(Kind::Bool) || v.is(Kind::Int)) {
        const PyInt i = python_int(v);
        if (i.clamped) return {PyError::overflow_error, 0};
        seconds = i.value;
    } else if (v.is(Kind::Float)) {
        // _PyTime_DoubleToDenominator: the fraction in microseconds, rounded half to even.
        const double d = v.as_float();
        if (std::isnan(d)) return {PyError::value_error, 0};
        double whole = 0;
        double fraction = std::nearbyint(std::modf(d, &whole) * 1e6);
        if (fraction >= 1e6) {
            fraction -= 1e6;
            whole += 1;
        } else if (fraction < 0) {
            fraction += 1e6;
            whole -= 1;
        }
        if (!(whole > -9.2e18 && whole < 9.2e18)) return {PyError::overflow_error, 0};
        seconds = static_cast<std::int64_t>(whole);
        micros = static_cast<std::int64_t>(fraction);
    } else {
        return {PyError::type_error, 0};
    }
    if (seconds < first_second || seconds > last_second) return {PyError::value_error, 0};  // "year … is out of range"
    return {PyError::none, seconds * micros_per_second + micros};
}

std::string py_error_name(PyError error) {
    switch (error) {
        case PyError::none: return "";
        case PyError::value_error: return "ValueError";
        case PyError::type_error: return "TypeError";
        case PyError::overflow_error: return "OverflowError";
    }
    return "";
}

}  // namespace authlab::jwt
