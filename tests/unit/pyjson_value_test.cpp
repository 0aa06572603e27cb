// Value::str() as Python's str() prints it. The expectations here were read off Python 3.11;
// pyjson_oracle_test.cpp asks the interpreter itself about many more.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "pyjson/value.hpp"

using authlab::pyjson::float_repr;
using authlab::pyjson::str_repr;
using authlab::pyjson::Value;

TEST_CASE("float repr: shortest digits, Python's exponent rule", "[pyjson]") {
    CHECK(float_repr(1e16) == "1e+16");
    CHECK(float_repr(1e15) == "1000000000000000.0");
    CHECK(float_repr(9999999999999998.0) == "9999999999999998.0");
    CHECK(float_repr(1e-5) == "1e-05");
    CHECK(float_repr(0.0001) == "0.0001");
    CHECK(float_repr(0.1 + 0.2) == "0.30000000000000004");
    CHECK(float_repr(123456789012345678.0) == "1.2345678901234568e+17");
    CHECK(float_repr(5e-324) == "5e-324");
    CHECK(float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
    CHECK(float_repr(1e20) == "1e+20");
    CHECK(float_repr(1e100) == "1e+100");
    CHECK(float_repr(4.5) == "4.5");
    CHECK(float_repr(3.0) == "3.0");
    CHECK(float_repr(-2.5e-7) == "-2.5e-07");
    CHECK(float_repr(1234.5678) == "1234.5678");
    CHECK(float_repr(0.0) == "0.0");
    CHECK(float_repr(-0.0) == "-0.0");
    CHECK(float_repr(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(float_repr(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(float_repr(std::nan("")) == "nan");
    CHECK(float_repr(9007199254740993.0) == "9007199254740992.0");
}

namespace {

// Digits (no leading or trailing zeros) and exponent of the first digit, from either
// Python's repr or std::to_chars' scientific output, so the two can be compared.
std::pair<std::string, int> digits_and_exponent(std::string text) {
    if (!text.empty() && text[0] == '-') text.erase(0, 1);
    int exponent = 0;
    if (auto e = text.find('e'); e != std::string::npos) {
        exponent = std::stoi(text.substr(e + 1));
        text.erase(e);
    }
    std::string digits;
    int point = static_cast<int>(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '.') {
            point = static_cast<int>(i);
        } else {
            digits += text[i];
        }
    }
    while (digits.size() > 1 && digits[0] == '0') {
        digits.erase(0, 1);
        --point;
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    return {digits, point - 1 + exponent};
}

double from_bits(std::uint64_t bits) {
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

}  // namespace

// Our repr has to work without floating std::to_chars (Emscripten's libc++ lacks it); natively
// libstdc++'s shortest to_chars is a second opinion on every kind of double.
TEST_CASE("float repr digits agree with std::to_chars", "[pyjson]") {
    std::mt19937_64 rng(20240611);
    std::vector<double> values;
    for (int e = -1074; e <= 1023; ++e) values.push_back(std::ldexp(1.0, e));  // powers of two
    for (int i = 0; i < 50000; ++i) values.push_back(from_bits(rng()));
    for (int i = 0; i < 20000; ++i) values.push_back(static_cast<double>(rng() % 1000000) / 1000.0);
    values.push_back(std::numeric_limits<double>::denorm_min());
    values.push_back(std::numeric_limits<double>::max());
    values.push_back(std::numeric_limits<double>::min());
    int mismatches = 0;
    for (double d : values) {
        if (!std::isfinite(d) || d == 0) continue;
        char buf[64];
        auto result = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
        const auto expected = digits_and_exponent(std::string(buf, result.ptr));
        const auto ours = digits_and_exponent(float_repr(d));
        if (ours != expected && ++mismatches <= 10) {
            FAIL_CHECK(float_repr(d) << " vs to_chars " << std::string(buf, result.ptr));
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("str repr: quotes and escapes as Python chooses", "[pyjson]") {
    CHECK(str_repr("abc") == "'abc'");
    CHECK(str_repr("it's") == "\"it's\"");
    CHECK(str_repr("say \"hi\"") == "'say \"hi\"'");
    CHECK(str_repr("it's \"x\"") == "'it\\'s \"x\"'");
    CHECK(str_repr("a\\b") == "'a\\\\b'");
    CHECK(str_repr(std::string("\0\t\n\r\x1f\x7f", 6)) == "'\\x00\\t\\n\\r\\x1f\\x7f'");
    CHECK(str_repr("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80") == "'caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80'");
    CHECK(str_repr("\xc2\xa0\xc2\xad") == "'\\xa0\\xad'");            // NBSP, soft hyphen
    CHECK(str_repr("\xe2\x80\xa8\xef\xbb\xbf") == "'\\u2028\\ufeff'");  // line separator, BOM
    CHECK(str_repr("\xed\xa0\x80") == "'\\ud800'");                    // lone surrogate
    CHECK(str_repr("\xf3\xa0\x80\x81") == "'\\U000e0001'");            // language tag
    CHECK(str_repr("") == "''");
}

TEST_CASE("Value: type names and str() of each kind", "[pyjson]") {
    CHECK(Value().type_name() == "NoneType");
    CHECK(Value().str() == "None");
    CHECK(Value::boolean(true).type_name() == "bool");
    CHECK(Value::boolean(true).str() == "True");
    CHECK(Value::boolean(false).str() == "False");
    CHECK(Value::integer(42).type_name() == "int");
    CHECK(Value::integer(-9223372036854775807LL - 1).str() == "-9223372036854775808");
    CHECK(Value::integer("100000000000000000000").str() == "100000000000000000000");
    CHECK(Value::integer("-0").str() == "0");
    CHECK(Value::integer("007").str() == "7");
    CHECK(Value::floating(1e20).type_name() == "float");
    CHECK(Value::floating(1e20).str() == "1e+20");
    CHECK(Value::string("it's").str() == "it's");
    CHECK(Value::string("it's").repr() == "\"it's\"");

    Value list = Value::list({Value::integer(1), Value::string("a"), Value(), Value::boolean(true),
                              Value::floating(1.5), Value::list({}), Value::dict({})});
    CHECK(list.type_name() == "list");
    CHECK(list.str() == "[1, 'a', None, True, 1.5, [], {}]");

    Value dict = Value::dict({{"a", Value::integer(1)}, {"b'", Value::list({Value::string("x")})}});
    CHECK(dict.type_name() == "dict");
    CHECK(dict.str() == "{'a': 1, \"b'\": ['x']}");
}

TEST_CASE("Value: dict find and set keep order and copies apart", "[pyjson]") {
    Value dict = Value::dict({{"a", Value::integer(1)}, {"b", Value::integer(2)}});
    Value copy = dict;
    dict.set("a", Value::integer(3));
    dict.set("c", Value());
    CHECK(dict.str() == "{'a': 3, 'b': 2, 'c': None}");
    CHECK(copy.str() == "{'a': 1, 'b': 2}");
    REQUIRE(dict.find("b") != nullptr);
    CHECK(dict.find("b")->str() == "2");
    CHECK(dict.find("z") == nullptr);
    CHECK(Value::integer(1).as_dict().empty());
    CHECK(Value::integer(1).as_list().empty());
    Value none;
    CHECK_THROWS_AS(none.set("a", Value()), std::logic_error);
}
