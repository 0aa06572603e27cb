#include "scenario/json_equality.hpp"

#include <cmath>
#include <cstdio>

namespace authlab::scenario {
namespace {

using pyjson::Value;

bool is_number(const Value& v) { return v.is(Value::Kind::Int) || v.is(Value::Kind::Float); }

// Python compares int and float exactly: 2**53 + 1 != 2.0**53.
bool numbers_equal(const Value& a, const Value& b) {
    if (a.is(Value::Kind::Float) && b.is(Value::Kind::Float)) return a.as_float() == b.as_float();
    if (a.is(Value::Kind::Int) && b.is(Value::Kind::Int)) return a.int_digits() == b.int_digits();
    const Value& i = a.is(Value::Kind::Int) ? a : b;
    double f = a.is(Value::Kind::Int) ? b.as_float() : a.as_float();
    if (!std::isfinite(f) || f != std::floor(f)) return false;
    char digits[400];
    std::snprintf(digits, sizeof digits, "%.0f", f);
    return Value::integer(digits).int_digits() == i.int_digits();
}

}  // namespace

bool same(const Value& a, const Value& b) {
    if (a.is(Value::Kind::Bool) || b.is(Value::Kind::Bool)) {
        return a.is(Value::Kind::Bool) && b.is(Value::Kind::Bool) && a.as_bool() == b.as_bool();
    }
    if (is_number(a) && is_number(b)) return numbers_equal(a, b);
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case Value::Kind::None: return true;
        case Value::Kind::Str: return a.as_str() == b.as_str();
        case Value::Kind::List: {
            const auto& x = a.as_list();
            const auto& y = b.as_list();
            if (x.size() != y.size()) return false;
            for (std::size_t i = 0; i < x.size(); ++i) {
                if (!same(x[i], y[i])) return false;
            }
            return true;
        }
        case Value::Kind::Dict: {
            if (a.as_dict().size() != b.as_dict().size()) return false;
            for (const auto& [key, item] : a.as_dict()) {
                const Value* other = b.find(key);
                if (!other || !same(item, *other)) return false;
            }
            return true;
        }
        default: return false;
    }
}

bool equals_int(long long number, const Value& value) {
    if (value.is(Value::Kind::Bool)) return number == (value.as_bool() ? 1 : 0);  // True == 1 in Python
    if (!is_number(value)) return false;
    return numbers_equal(Value::integer(number), value);
}

}  // namespace authlab::scenario
