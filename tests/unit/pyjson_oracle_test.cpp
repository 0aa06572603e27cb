// pyjson against the real thing: thousands of bodies (hand-picked, generated, and mutated
// valid documents) go to one Python process that parses them as DRF 3.14's JSONParser does
// (its own code when importable) and prints each result's Python type and str(), or the
// error text. Our parse must answer the same for every one.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "pyjson/parse.hpp"
#include "python/printable.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"

namespace {

using authlab::pyjson::parse;
using authlab::pyjson::ParseError;
using authlab::pyjson::Value;
using authlab::testing::from_hex;
using authlab::testing::to_hex;
using authlab::testing::python::answer_lines;
using namespace std::string_literals;  // bodies with NUL bytes

// Parses each "<hex charset> <hex body>" line the way DRF does and prints "OK <hex canon>",
// "ERR <hex message>" (400 "JSON parse error - <message>") or "RECURSION <hex message>".
const char* kParseScript = R"PY(
import codecs, io, json, sys

def strict_constant(o):  # rest_framework/utils/json.py
    raise ValueError('Out of range float values are not JSON compliant: ' + repr(o))

def load(body, charset):
    return json.load(codecs.getreader(charset)(io.BytesIO(body)), parse_constant=strict_constant)

try:  # DRF's own parser when it is there
    from django.conf import settings
    settings.configure()
    from rest_framework.parsers import JSONParser
    from rest_framework.exceptions import ParseError
    def load(body, charset):
        try:
            return JSONParser().parse(io.BytesIO(body), parser_context={'encoding': charset})
        except ParseError as e:
            prefix = 'JSON parse error - '
            assert str(e.detail).startswith(prefix)
            raise ValueError(str(e.detail)[len(prefix):])
except ImportError:
    pass

sys.setrecursionlimit(5000)  # canon() and repr() of our few-hundred-deep documents

def canon(v):
    s = str(v).encode('utf-8', 'surrogatepass')
    out = type(v).__name__.encode() + b'(' + str(len(s)).encode() + b':' + s + b')'
    if isinstance(v, list):
        out += b'[' + b''.join(canon(x) for x in v) + b']'
    elif isinstance(v, dict):
        out += b'{' + b''.join(canon(k) + canon(x) for k, x in v.items()) + b'}'
    return out

with open(sys.argv[1]) as lines:
    for line in lines:
        charset, body = line.rstrip('\n').split(' ')
        charset = bytes.fromhex(charset).decode()
        try:
            codecs.lookup(charset)
        except LookupError:  # Django ignores a charset Python does not know
            charset = 'utf-8'
        try:
            print('OK', canon(load(bytes.fromhex(body), charset)).hex())
        except ValueError as e:
            print('ERR', str(e).encode().hex())
        except RecursionError as e:
            print('RECURSION', str(e).encode().hex())
)PY";

std::string canon(const Value& v) {
    const std::string s = v.str();
    std::string out = v.type_name() + "(" + std::to_string(s.size()) + ":" + s + ")";
    if (v.is(Value::Kind::List)) {
        out += "[";
        for (const Value& item : v.as_list()) out += canon(item);
        out += "]";
    } else if (v.is(Value::Kind::Dict)) {
        out += "{";
        for (const auto& [key, item] : v.as_dict()) out += canon(Value::string(key)) + canon(item);
        out += "}";
    }
    return out;
}

std::string ours(const std::string& charset, const std::string& body) {
    auto result = parse(body, charset);
    if (const Value* v = std::get_if<Value>(&result)) return "OK " + to_hex(canon(*v));
    const ParseError& error = std::get<ParseError>(result);
    return (error.kind == ParseError::Kind::RecursionError ? "RECURSION " : "ERR ") + to_hex(error.message);
}

struct Case {
    std::string charset;
    std::string body;
};

// Bodies chosen for the corners of json's C scanner and of the UTF-8 decoder.
std::vector<std::string> hand_picked() {
    std::vector<std::string> bodies = {
        "", " ", "\t\n\r ", "\f1", "\v1", "null", "true", "false", "nul", "tru", "fals", "nulll",
        "None", "True", "NaN", "Infinity", "-Infinity", "[NaN]", "{\"a\": Infinity}", "-Inf",
        "-", "--1", "+1", "01", "-01", "00", "0", "-0", "-0.0", "0.0", "1.", "1.e5", ".5", "1e",
        "1e+", "1e-", "1E5", "1e+5", "1e-5", "1.5e", "1.5E+", "0e0", "-0e-0", "1e400", "-1e400",
        "1e-400", "4.9e-324", "2.5e-324", "1.7976931348623157e308", "1.7976931348623159e308",
        "100000000000000000000", "-100000000000000000000", "1e16", "1e15", "1.0e1", "3.0",
        "123456789012345678.0", "0.30000000000000004", "1 2", "1 ", " 1", "[1 2]", "[1,]", "[,1]",
        "[", "]", "[]", "[ ]", "[[]]", "[1,2,3]", "{", "}", "{}", "{ }", "{\"a\"}", "{\"a\":}",
        "{\"a\" 1}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{'a': 1}", "{a: 1}", "{\"a\":1}}",
        "{\"a\":1,\"a\":2,\"b\":3}", "{\"b\":1,\"a\":2,\"b\":3}", "{1: 2}", "\"", "\"a", "\"a\\",
        "\"\\\"", "\"\\x\"", "\"\\'\"", "\"\\a\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"", "\"\\u\"",
        "\"\\u1\"", "\"\\u12\"", "\"\\u123\"", "\"\\u1234\"", "\"\\u1234", "\"\\u12345\"",
        "\"\\u00e9\"", "\"\\u00E9\"", "\"\\uxyz1\"", "\"\\u 123\"", "\"\\u+123\"", "\"\\u0x12\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\udc00\"", "\"\\ud83d\\ude00\"", "\"\\ud800\\ud800\"",
        "\"\\udc00\\ud800\"", "\"\\ud800\\u0041\"", "\"\\ud800\\u12\"", "\"\\ud800\\uzzzz\"",
        "\"\\ud800\\u\"", "\"\\ud800\\udc0\"", "\"\\ud800\\udc00", "\"\\ud800\\udc00x", "\"\\ud800\\\"",
        "\"\\ud800\\n\"", "\"\\u0000\"", "\"a\x01\"", "\"a\x1f\"", "\"a\x7f\"", "\"a\tb\"",
        "\"a\nb\"", "\"\x00\""s, "[\"a\",\n\"b\"\n,\n", "\n\n  x", "[1,\n 2,\n  3 x]",
        "\"it's\"", "[\"it's\", \"\\\"\", \"'\\\"\"]", "\"\\\\\"", "\"caf\xc3\xa9\"",
        "\"\xe4\xb8\xad\xe6\x96\x87\"", "\"\xf0\x9f\x98\x80\"", "[\"\xc2\xa0\", \"\xe2\x80\xa8\", \"\xef\xbb\xbf\"]",
        "\xc3\xa9", "\xe4\xb8\xad", "\xef\xbb\xbf{}", "\xef\xbb\xbf", " \xef\xbb\xbf{}", "\xef\xbb",
        "\xff", "\xfe\xff", "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "x\xc3", "\"\xc3\"",
        "\"\xe9\"", "\"\xe2\x82\"", "\xe2\x82", "\xe2\x82x", "\xe2x", "\xe0\x80\x80", "\xe0\xa0\x80",
        "\xed\xa0\x80", "\xed\x9f\xbf", "\xf0\x80\x80\x80", "\xf0\x90\x80\x80", "\xf0\x90\x80",
        "\xf0\x90\x80x", "\xf0\x90x", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
        "[1, \xff]", "[\"\xc3\xa9\", \xc3]", "{\"\xc3\xa9\": 1}", "1 \xf0\x9f",
        "{\"a\": [1, 2.5, \"x\", null, true, false, {\"b\": {}}]}",
        "[1.0, 2.50, 1e2, 1E-2, -0.0, 100000000000000000000.0, 1.5e300]",
        "{\"k\":\"v\"}garbage", "[]]", "{}{}", "[] []", "\"\\u00\"", "1\x00"s, "\x00"s,
    };
    // Python's int() refuses more than 4300 digits; floats have no such limit.
    const std::string many(4300, '7');
    for (std::string digits : {many, many + "7", "-" + many, "-" + many + "7", many + "77777",
                               many + ".5", many + "7e1", "[1, " + many + "7]", "[" + many + "7, x]"}) {
        bodies.push_back(digits);
    }
    return bodies;
}

// A random valid document: the mutations start from these.
class Generator {
public:
    explicit Generator(std::uint64_t seed) : rng_(seed) {}

    std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

    std::string whitespace() {
        static const char* spaces[] = {"", "", "", " ", "\n", "\t", "\r\n", "  "};
        return spaces[below(8)];
    }

    std::string digits(std::size_t count) {
        std::string out(1, static_cast<char>('1' + below(9)));
        while (out.size() < count) out += static_cast<char>('0' + below(10));
        return out;
    }

    std::string number() {
        std::string out = chance(30) ? "-" : "";
        out += chance(15) ? "0" : digits(1 + (chance(20) ? below(40) : below(6)));
        if (chance(40)) out += "." + std::string(below(3), '0') + digits(1 + below(chance(20) ? 30 : 8));
        if (chance(30)) {
            out += chance(50) ? "e" : "E";
            out += chance(30) ? "-" : chance(30) ? "+" : "";
            out += std::to_string(chance(10) ? below(400) : below(30));
        }
        if (chance(10)) {  // a double printed with all its digits
            char buf[40];
            std::uint64_t bits = rng_();
            double d;
            std::memcpy(&d, &bits, sizeof d);
            std::snprintf(buf, sizeof buf, "%.17g", d);
            if (std::strpbrk(buf, "ni") == nullptr) out = buf;  // not nan or inf
        }
        return out;
    }

    std::string string() {
        static const char* pieces[] = {
            "a", "b", "Z", " ", "'", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\b", "\\f",
            "\\u0041", "\\u00e9", "\\u00E9", "\\u0000", "\\u001f", "\\u007f", "\\u00a0", "\\u2028",
            "\\ufeff", "\\ud83d\\ude00", "\\ud800", "\\udfff", "\\ud800x", "\xc3\xa9", "\xe4\xb8\xad",
            "\xf0\x9f\x98\x80", "\xc2\xa0", "\xe2\x80\xa8", "\xef\xbb\xbf", "\x7f", "\xc2\x85", "1",
            "\\u0027", "\\u0022", "\xf3\xa0\x80\x81", "\xe2\x80\x8b", "\xea\xb0\x80"};
        std::string out = "\"";
        for (std::size_t n = below(6); n > 0; --n) out += pieces[below(sizeof pieces / sizeof *pieces)];
        return out + "\"";
    }

    std::string value(int depth) {
        const std::size_t pick = depth > 3 ? below(6) : below(9);
        switch (pick) {
            case 0: return "null";
            case 1: return chance(50) ? "true" : "false";
            case 2: case 3: return number();
            case 4: case 5: return string();
            case 6: case 7: {
                std::string out = "[" + whitespace();
                for (std::size_t n = below(5), i = 0; i < n; ++i) {
                    if (i > 0) out += whitespace() + "," + whitespace();
                    out += value(depth + 1);
                }
                return out + whitespace() + "]";
            }
            default: {
                std::string out = "{" + whitespace();
                for (std::size_t n = below(5), i = 0; i < n; ++i) {
                    if (i > 0) out += whitespace() + "," + whitespace();
                    out += (chance(30) ? "\"k\"" : string()) + whitespace() + ":" + whitespace() + value(depth + 1);
                }
                return out + whitespace() + "}";
            }
        }
    }

    std::string nested(std::size_t depth) {
        std::string open, close;
        for (std::size_t i = 0; i < depth; ++i) {
            if (chance(50)) {
                open += "[";
                close = "]" + close;
            } else {
                open += "{\"k\":";
                close = "}" + close;
            }
        }
        return open + value(4) + close;
    }

    // One random damage: truncate, insert, delete, replace, or duplicate a piece.
    std::string mutate(std::string body) {
        static const std::string inserts[] = {
            "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "0", "1", "-", "+", ".", "e",
            "E", "9", "n", "t", "f", "NaN", "Infinity", "-Infinity", " ", "\t", "\n", "\r", "\x00"s,
            "\x01", "\x1f", "\x7f", "\xff", "\xc3", "\xe9", "\xed\xa0\x80", "\xef\xbb\xbf",
            "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80", "\xf0\x9f", "/", "x", "'", "\x80"};
        const std::size_t at = body.empty() ? 0 : below(body.size() + 1);
        switch (below(6)) {
            case 0: return body.substr(0, at);
            case 1: case 2: return body.insert(at, inserts[below(sizeof inserts / sizeof *inserts)]);
            case 3: return at < body.size() ? body.erase(at, 1) : body;
            case 4:
                if (at < body.size()) body[at] = inserts[below(sizeof inserts / sizeof *inserts)][0];
                return body;
            default: {
                const std::size_t length = body.empty() ? 0 : below(std::min<std::size_t>(8, body.size() - at) + 1);
                return body.insert(below(body.size() + 1), body.substr(at, length));
            }
        }
    }

    std::string charset() {
        static const char* names[] = {"utf-8", "UTF-8", "utf8", "latin-1", "ISO-8859-1", "iso8859_1",
                                      "ascii", "US-ASCII", "no-such-charset", "utf..8"};
        return chance(85) ? "utf-8" : names[below(sizeof names / sizeof *names)];
    }

private:
    std::mt19937_64 rng_;
};

std::vector<Case> differential_cases() {
    Generator gen(0x5eed'a07b);
    std::vector<Case> cases;
    for (const auto& body : hand_picked()) {
        cases.push_back({"utf-8", body});
        cases.push_back({gen.charset(), body});
    }
    for (const char* charset : {"latin-1", "Latin_1", "l1", "cp819", "iso-8859-1", "ISO_8859-1:1987",
                                "ascii", "646", "us", "ANSI_X3.4-1968", "iso-ir-6", "u8", "UTF 8",
                                "cp65001", "utf-8-", "_utf_8_", "x-unknown", "utf.8", "latin.1",
                                "ascii.", "Latin 1", "ansi_x3.4.1968", "iso_646.irv:1991"}) {
        for (const char* body : {"\"\xe9\xff\"", "\"caf\xc3\xa9\"", "[1, \xff]", "\xef\xbb\xbf[]", "\"ok\""}) {
            cases.push_back({charset, body});
        }
    }
    std::vector<std::string> valid;
    for (int i = 0; i < 600; ++i) valid.push_back(gen.whitespace() + gen.value(0) + gen.whitespace());
    for (const auto& body : valid) cases.push_back({gen.charset(), body});
    for (int i = 0; i < 5000; ++i) {
        std::string body = valid[gen.below(valid.size())];
        for (std::size_t n = 1 + gen.below(3); n > 0; --n) body = gen.mutate(body);
        cases.push_back({gen.charset(), body});
    }
    for (int i = 0; i < 40; ++i) {
        std::string body = gen.nested(1 + gen.below(400));
        if (gen.chance(50)) body = gen.mutate(body);
        cases.push_back({"utf-8", body});
    }
    return cases;
}

}  // namespace

TEST_CASE("parse answers as DRF's JSONParser on Python 3.11", "[pyjson]") {
    const std::vector<Case> cases = differential_cases();
    std::vector<std::string> lines;
    for (const auto& c : cases) lines.push_back(to_hex(c.charset) + " " + to_hex(c.body));
    const std::vector<std::string> python = answer_lines(kParseScript, lines);
    REQUIRE(python.size() == lines.size());

    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string mine = ours(cases[i].charset, cases[i].body);
        if (mine == python[i]) continue;
        if (++mismatches > 10) continue;
        // Deep documents make long lines: show where the answers part.
        const auto decoded = [](const std::string& line) {
            const auto space = line.find(' ');
            return line.substr(0, space + 1) + from_hex(line.substr(space + 1));
        };
        const std::string theirs = decoded(python[i]), mine_text = decoded(mine);
        std::size_t from = 0;
        while (from < theirs.size() && from < mine_text.size() && theirs[from] == mine_text[from]) ++from;
        from = from > 60 ? from - 60 : 0;
        FAIL_CHECK("charset " << cases[i].charset << ", body hex " << to_hex(cases[i].body).substr(0, 240)
                              << "\n  python: " << theirs.substr(from, 160) << "\n  ours:   "
                              << mine_text.substr(from, 160));
    }
    INFO(cases.size() << " bodies compared with Python");
    CHECK(mismatches == 0);
    CHECK(cases.size() > 6000);
}

TEST_CASE("float str() matches Python's repr bit for bit", "[pyjson]") {
    std::vector<double> values = {1e16, 1e15, 1e-5, 1e-4, 0.1 + 0.2, 123456789012345678.0, 5e-324,
                                  1.7976931348623157e308, 1e20, 1e22, 1e23, 4.5, 3.0, -0.0, 0.0,
                                  2.2250738585072014e-308, 2.225073858507201e-308, 9007199254740993.0};
    std::mt19937_64 rng(42);
    for (int i = 0; i < 3000; ++i) {
        std::uint64_t bits = rng();
        if (i % 3 == 0) bits &= 0xfff0'0000'0000'0000;  // powers of two: the lopsided intervals
        double d;
        std::memcpy(&d, &bits, sizeof d);
        values.push_back(d);
    }
    std::vector<std::string> lines;
    for (double d : values) {
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(bits));
        lines.push_back(buf);
    }
    const std::vector<std::string> python = answer_lines(R"PY(
import struct, sys
for line in open(sys.argv[1]):
    print(repr(struct.unpack('>d', bytes.fromhex(line.strip()))[0]))
)PY", lines);
    REQUIRE(python.size() == lines.size());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string mine = Value::floating(values[i]).str();
        if (mine != python[i] && ++mismatches <= 10) FAIL_CHECK(lines[i] << ": python " << python[i] << ", ours " << mine);
    }
    CHECK(mismatches == 0);
}

TEST_CASE("str repr matches Python's", "[pyjson]") {
    // Random code points across the planes, lone surrogates and unassigned ones included.
    std::mt19937_64 rng(7);
    std::vector<std::string> strings = {"it's", "\"", "'\"", "\\", "\x7f\xc2\x80\xc2\x9f"};
    for (int i = 0; i < 3000; ++i) {
        std::string s;
        for (int n = 0; n < 3; ++n) {
            const std::uint64_t r = rng();
            char32_t c = r % 4 == 0 ? static_cast<char32_t>(r % 0x80)
                         : r % 4 == 1 ? static_cast<char32_t>(0x80 + (r >> 8) % 0x780)
                         : r % 4 == 2 ? static_cast<char32_t>(0x800 + (r >> 8) % 0xf800)
                                      : static_cast<char32_t>(0x10000 + (r >> 8) % 0x100000);
            if (c < 0x80) {
                s += static_cast<char>(c);
            } else if (c < 0x800) {
                s += static_cast<char>(0xc0 | (c >> 6));
                s += static_cast<char>(0x80 | (c & 0x3f));
            } else if (c < 0x10000) {
                s += static_cast<char>(0xe0 | (c >> 12));
                s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
                s += static_cast<char>(0x80 | (c & 0x3f));
            } else {
                s += static_cast<char>(0xf0 | (c >> 18));
                s += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
                s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
                s += static_cast<char>(0x80 | (c & 0x3f));
            }
        }
        strings.push_back(s);
    }
    std::vector<std::string> lines;
    for (const auto& s : strings) lines.push_back(to_hex(s));
    const std::vector<std::string> python = answer_lines(R"PY(
import sys
for line in open(sys.argv[1]):
    s = bytes.fromhex(line.strip()).decode('utf-8', 'surrogatepass')
    print(repr(s).encode('utf-8', 'surrogatepass').hex())
)PY", lines);
    REQUIRE(python.size() == lines.size());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < strings.size(); ++i) {
        const std::string mine = authlab::pyjson::str_repr(strings[i]);
        if (to_hex(mine) != python[i] && ++mismatches <= 10) {
            FAIL_CHECK(to_hex(strings[i]) << ": python " << from_hex(python[i]) << ", ours " << mine);
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("the printable table is str.isprintable() for every code point", "[pyjson]") {
    std::vector<std::string> ours;
    for (char32_t c = 0, start = 0; c <= 0x110000; ++c) {
        const bool printable = c == 0x110000 || authlab::python::is_printable(c);
        const bool previous = c == 0 || authlab::python::is_printable(c - 1);
        if (!printable && previous) start = c;
        if (printable && !previous) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%x %x", static_cast<unsigned>(start), static_cast<unsigned>(c - 1));
            ours.push_back(buf);
        }
    }
    const std::vector<std::string> python = authlab::testing::python::lines(authlab::testing::python::run(R"PY(
ranges, start = [], None
for c in range(0x110001):
    printable = c == 0x110000 or chr(c).isprintable()
    if not printable and start is None:
        start = c
    if printable and start is not None:
        ranges.append('%x %x' % (start, c - 1))
        start = None
print('\n'.join(ranges))
)PY"));
    CHECK(python == ours);
}

TEST_CASE("nesting deeper than the limit is Python's RecursionError", "[pyjson]") {
    const auto error = [](const std::string& body, int max_depth) {
        auto result = parse(body, "utf-8", max_depth);
        REQUIRE(std::holds_alternative<ParseError>(result));
        return std::get<ParseError>(result);
    };
    CHECK(std::holds_alternative<Value>(parse("[[[1]]]", "utf-8", 3)));
    const ParseError arrays = error("[[[[1]]]]", 3);
    CHECK(arrays.kind == ParseError::Kind::RecursionError);
    CHECK(arrays.message == "maximum recursion depth exceeded while decoding a JSON array from a unicode string");
    const ParseError objects = error("[{\"a\": {\"b\": {}}}]", 3);
    CHECK(objects.kind == ParseError::Kind::RecursionError);
    CHECK(objects.message == "maximum recursion depth exceeded while decoding a JSON object from a unicode string");
    // A syntax error met before the limit wins, as Python scans left to right.
    CHECK(error("[[1,]]", 3).kind == ParseError::Kind::ValueError);
    // The default limit; a huge body never touches our stack beyond it.
    std::string deep(authlab::pyjson::default_max_depth, '[');
    CHECK(std::holds_alternative<Value>(parse(deep + std::string(deep.size(), ']'))));
    CHECK(error(deep + "[", authlab::pyjson::default_max_depth).kind == ParseError::Kind::RecursionError);
    CHECK(error(std::string(100000, '['), authlab::pyjson::default_max_depth).kind ==
          ParseError::Kind::RecursionError);
}
