// Python's text semantics the fields rely on, against Python 3.11 itself: the code-point
// tables (every code point), int() and decimal.Decimal() on thousands of generated strings,
// str.strip() and len().
#include <catch2/catch.hpp>

#include <random>

#include "python/decimal.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"

namespace python = authlab::python;
using python::Decimal;

namespace {

// The same predicates the generator of core/python/str_tables.cpp uses.
const char* const tables_script = R"PY(
import re, stringprep, sys, unicodedata
word = re.compile(r'\w')
prohibited = [stringprep.in_table_c12, stringprep.in_table_c22, stringprep.in_table_c3, stringprep.in_table_c4,
              stringprep.in_table_c5, stringprep.in_table_c6, stringprep.in_table_c7, stringprep.in_table_c8,
              stringprep.in_table_c9]
tests = {
    'word': lambda ch: word.match(ch) is not None,
    'space': lambda ch: ch.isspace(),
    'decimal': lambda ch: unicodedata.decimal(ch, -1) >= 0,
    'nameprep_prohibited': lambda ch: any(t(ch) for t in prohibited),
    'nameprep_map_to_nothing': stringprep.in_table_b1,
    'bidi_randal': stringprep.in_table_d1,
    'bidi_l': stringprep.in_table_d2,
}
for line in open(sys.argv[1]):
    test = tests[line.strip()]
    out, start = [], None
    for c in range(0x110001):
        hit = c < 0x110000 and test(chr(c))
        if hit and start is None:
            start = c
        elif not hit and start is not None:
            out.append('%x-%x' % (start, c - 1))
            start = None
    print(' '.join(out))
)PY";

std::string ranges(bool (*test)(char32_t)) {
    std::string out;
    std::optional<char32_t> start;
    for (char32_t c = 0; c <= 0x110000; ++c) {
        bool hit = c < 0x110000 && test(c);
        if (hit && !start) start = c;
        if (!hit && start) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%x-%x", static_cast<unsigned>(*start), static_cast<unsigned>(c - 1));
            if (!out.empty()) out += ' ';
            out += buf;
            start.reset();
        }
    }
    return out;
}

// Strings made of the characters int() and Decimal() care about.
std::vector<std::string> generated_numbers() {
    const std::vector<std::u32string> alphabet = {
        U"0", U"1", U"7", U"9", U"_", U"+", U"-", U".", U"e", U"E", U" ", U"\t", U"\n", U"\x1c", U"\u00a0", U"\u3000",
        U"\u0663", U"\u0660", U"\uff17", U"\U0001D7CE", U"a", U"x", U"n", U"i", U"I", U"N", U"\u00b2", U"\u2160", U"\0"};
    std::vector<std::string> out;
    for (const char* s : {"", "0", "-0", "+7", " 7 ", "007", "0_7", "1_0", "_1", "1_", "1__0", "- 7", "1e3", "1E+2", ".5", "5.",
                          ".", "1 0", "inf", "-Infinity", "nan", "NaN12", "sNaN", "-snan7", "1e999999999999999999",
                          "1e1000000000000000000", "1e-1999999999999999997", "1e-1999999999999999998", "0e999999999999999999",
                          "0e1000000000000000000", "12.345e-2", "1.2.3", "e5", "1e", "1e+", "--1", "+-1", "0x10", "1_000.5_5"}) {
        out.push_back(s);
    }
    std::mt19937 rng(20240101);
    for (int n = 0; n < 4000; ++n) {
        std::u32string s;
        std::size_t length = rng() % 7;
        for (std::size_t k = 0; k < length; ++k) s += alphabet[rng() % alphabet.size()];
        out.push_back(python::encode(s));
    }
    out.push_back(std::string(4300, '9'));
    out.push_back(std::string(4301, '9'));
    out.push_back("1" + std::string(4299, '0') + "_0");
    return out;
}

}  // namespace

TEST_CASE("the code-point tables are Python's", "[python][oracle]") {
    const std::vector<std::pair<std::string, bool (*)(char32_t)>> tables = {
        {"word", python::is_word},
        {"space", python::is_space},
        {"decimal", [](char32_t c) { return python::decimal_value(c) >= 0; }},
        {"nameprep_prohibited", python::nameprep_prohibited},
        {"nameprep_map_to_nothing", python::nameprep_maps_to_nothing},
        {"bidi_randal", python::bidi_randal},
        {"bidi_l", python::bidi_l},
    };
    std::vector<std::string> names;
    for (const auto& t : tables) names.push_back(t.first);
    const std::vector<std::string> python = authlab::testing::python::answer_lines(tables_script, names);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        INFO(tables[i].first);
        CHECK(ranges(tables[i].second) == python[i]);
    }
}

TEST_CASE("int() and Decimal() read text as Python does", "[python][oracle]") {
    const char* const script = R"PY(
import sys
from decimal import Decimal
for line in open(sys.argv[1]):
    s = bytes.fromhex(line.strip()).decode('utf-8')
    try:
        i = str(int(s))
    except ValueError:
        i = 'ValueError'
    try:
        d = Decimal(s)
        t = d.as_tuple()
        d = 'special' if not d.is_finite() else '%d %s %d' % (t.sign, ''.join(map(str, t.digits)), t.exponent)
    except Exception:
        d = 'invalid'
    print(i + '|' + d + '|' + s.strip().encode('utf-8').hex() + '|' + str(len(s)))
)PY";
    const std::vector<std::string> inputs = generated_numbers();
    std::vector<std::string> lines;
    for (const std::string& s : inputs) lines.push_back(authlab::testing::to_hex(s));
    const std::vector<std::string> python = authlab::testing::python::answer_lines(script, lines);
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        std::u32string text = python::decode(inputs[k]);
        std::optional<std::string> i = python::parse_int(text);
        std::optional<Decimal> d = Decimal::parse(text);
        std::string decimal = "invalid";
        if (d) {
            decimal = std::string(d->negative ? "1 " : "0 ") + d->digits + " " + std::to_string(static_cast<long long>(d->exponent));
        }
        std::string got = (i ? *i : "ValueError") + "|" + decimal + "|" + authlab::testing::to_hex(python::encode(python::strip(text))) +
                          "|" + std::to_string(python::length(inputs[k]));
        std::string want = python[k];
        if (want.find("|special|") != std::string::npos) want.replace(want.find("|special|"), 9, "|invalid|");
        if (got != want && ++mismatches <= 20) {
            INFO(authlab::testing::to_hex(inputs[k]));
            CHECK(got == want);
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("Decimal quantizes and prints as '{:f}' does", "[python]") {
    auto fixed = [](const char* s, int places) { return Decimal::parse(python::decode(s))->quantize(places).to_fixed(); };
    CHECK(fixed("4.5", 2) == "4.50");
    CHECK(fixed("-0", 2) == "-0.00");
    CHECK(fixed("1e3", 2) == "1000.00");
    CHECK(fixed("0e3", 2) == "0.00");
    CHECK(fixed(".05", 2) == "0.05");
    CHECK(fixed("2.675", 2) == "2.68");  // ROUND_HALF_EVEN on the exact decimal
    CHECK(fixed("2.665", 2) == "2.66");
    CHECK(fixed("9.999", 2) == "10.00");
    CHECK(compare(*Decimal::parse(U"-0.00"), Decimal::from_int(0)) == 0);
    CHECK(compare(*Decimal::parse(U"-0.01"), Decimal::from_int(0)) < 0);
    CHECK(compare(*Decimal::parse(U"1e2"), *Decimal::parse(U"100.0")) == 0);
    CHECK(compare(*Decimal::parse(U"99.9"), Decimal::from_int(100)) < 0);
}
