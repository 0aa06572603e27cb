#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/hex.hpp"
#include "support/python.hpp"
#include "support/temp_file.hpp"
#include "unicode/nfkc.hpp"
#include "unicode/nfkc_tables.hpp"

using authlab::testing::from_hex;
using authlab::testing::to_hex;
using authlab::unicode::nfc;
using authlab::unicode::nfkc;

namespace {

// UTF-8 as the core stores Python strings: surrogates encode like any other code point.
std::string utf8(std::u32string_view codes) {
    std::string out;
    const auto put = [&](char32_t bits) { out += static_cast<char>(bits); };
    for (const char32_t c : codes) {
        if (c < 0x80) {
            put(c);
        } else if (c < 0x800) {
            put(0xC0 | c >> 6), put(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            put(0xE0 | c >> 12), put(0x80 | (c >> 6 & 0x3F)), put(0x80 | (c & 0x3F));
        } else {
            put(0xF0 | c >> 18), put(0x80 | (c >> 12 & 0x3F)), put(0x80 | (c >> 6 & 0x3F)), put(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// How Python is to read a case's bytes: 'p' for UTF-8 with lone surrogates as code points
// (surrogatepass: what the core stores), 'e' for bytes that may not be UTF-8 at all
// (surrogateescape: each stray byte becomes an inert lone surrogate and comes back out as itself).
struct Case {
    char mode;
    std::string input;
    std::string python_nfc;
    std::string python_nfkc;
};

constexpr const char* kPythonScript = R"py(
import sys, unicodedata
with open(sys.argv[1]) as cases, open(sys.argv[2], "w") as out:
    for line in cases:
        mode, _, data = line.rstrip("\n").partition(" ")
        errors = "surrogatepass" if mode == "p" else "surrogateescape"
        text = bytes.fromhex(data).decode("utf-8", errors)
        forms = (unicodedata.normalize(form, text).encode("utf-8", errors).hex() for form in ("NFC", "NFKC"))
        out.write(" ".join(forms) + "\n")
)py";

// Fills in python_nfc and python_nfkc for every case with one run of /usr/bin/python3.
void ask_python(std::vector<Case>& cases) {
    const authlab::testing::TempDir dir;
    std::string input;
    for (const Case& c : cases) input.append(1, c.mode).append(1, ' ').append(to_hex(c.input)).append(1, '\n');
    authlab::testing::python::run(
        kPythonScript, {.args = {dir.write("cases.txt", input).string(), (dir.path() / "forms.txt").string()}});

    std::istringstream output(dir.read("forms.txt"));
    std::string line;
    std::size_t row = 0;
    for (; row < cases.size() && std::getline(output, line); ++row) {
        const std::size_t space = line.find(' ');
        REQUIRE(space != std::string::npos);
        cases[row].python_nfc = from_hex(std::string_view(line).substr(0, space));
        cases[row].python_nfkc = from_hex(std::string_view(line).substr(space + 1));
    }
    REQUIRE(row == cases.size());
}

std::string readable(std::string_view bytes) { return std::string(1, '<').append(to_hex(bytes)).append(1, '>'); }

// Compares nfc() and nfkc() with Python on every case; reports the first few differences.
void check_against_python(const std::vector<Case>& cases) {
    REQUIRE(!cases.empty());
    std::size_t differences = 0;
    for (const Case& c : cases) {
        const std::string ours_nfc = nfc(c.input), ours_nfkc = nfkc(c.input);
        if (ours_nfc == c.python_nfc && ours_nfkc == c.python_nfkc) continue;
        if (++differences <= 10) {
            INFO("input " << readable(c.input));
            CHECK(readable(ours_nfc) == readable(c.python_nfc));
            CHECK(readable(ours_nfkc) == readable(c.python_nfkc));
        }
    }
    INFO(differences << " of " << cases.size() << " inputs differ from Python");
    CHECK(differences == 0);
}

struct Range {
    char32_t first, last;
};

// Where normalization has work to do: combining marks of many classes, Hangul jamo and
// syllables, precomposed letters, compatibility characters, composition exclusions, and the
// scripts whose starters compose with starters.
const std::vector<Range> kInteresting = {
    {'a', 'z'},          {'A', 'Z'},          {0x00A0, 0x017F},    {0x01C4, 0x01F5},
    {0x0300, 0x036F},    {0x0340, 0x0345},    {0x0374, 0x03D6},    {0x0400, 0x045F},
    {0x0591, 0x05C7},    {0x05D0, 0x05EA},    {0x0610, 0x061A},    {0x064B, 0x065F},
    {0x0622, 0x064A},    {0x0915, 0x0939},    {0x093C, 0x094D},    {0x0958, 0x095F},
    {0x09BE, 0x09D7},    {0x0B3C, 0x0B57},    {0x0BC6, 0x0BD7},    {0x0CC0, 0x0CD6},
    {0x0D3E, 0x0D57},    {0x0DCA, 0x0DDF},    {0x0E31, 0x0E4E},    {0x0F71, 0x0F84},
    {0x0F40, 0x0F6C},    {0x1025, 0x102E},    {0x1100, 0x11FF},    {0x1100, 0x1112},
    {0x1161, 0x1175},    {0x11A7, 0x11C2},    {0x1B05, 0x1B44},    {0x1DC0, 0x1DFF},
    {0x1E00, 0x1EFF},    {0x1F00, 0x1FFE},    {0x2000, 0x200A},    {0x2070, 0x209C},
    {0x20D0, 0x20F0},    {0x2100, 0x2189},    {0x2460, 0x24FF},    {0x2ADC, 0x2ADC},
    {0x302A, 0x302F},    {0x3041, 0x309F},    {0x30A0, 0x30FF},    {0x3131, 0x318E},
    {0x3200, 0x33FF},    {0xA960, 0xA97C},    {0xAC00, 0xD7A3},    {0xD7B0, 0xD7FB},
    {0xF900, 0xFAD9},    {0xFB00, 0xFB4F},    {0xFDF0, 0xFDFC},    {0xFE20, 0xFE2F},
    {0xFE70, 0xFEFC},    {0xFF01, 0xFFEE},    {0x11099, 0x110BA},  {0x11127, 0x11134},
    {0x1133E, 0x11357},  {0x114B0, 0x114BE},  {0x115AF, 0x115BB},  {0x11935, 0x11938},
    {0x1D15E, 0x1D172},  {0x1D400, 0x1D7FF},  {0x1E944, 0x1E94A},  {0x1F100, 0x1F24F},
    {0x2F800, 0x2FA1D},
};

char32_t random_interesting(std::mt19937_64& rng) {
    const Range& range = kInteresting[rng() % kInteresting.size()];
    return range.first + static_cast<char32_t>(rng() % (range.last - range.first + 1));
}

std::vector<Case> every_code_point() {
    std::vector<Case> cases;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c < 0xD800 || c > 0xDFFF) cases.push_back({'p', utf8(std::u32string(1, c)), {}, {}});
    }
    return cases;
}

std::vector<Case> random_strings() {
    std::mt19937_64 rng(15);
    std::vector<Case> cases;
    for (int n = 0; n < 20000; ++n) {
        std::u32string text;
        for (std::size_t length = 1 + rng() % 12; text.size() < length;) {
            // Now and then a lone surrogate, which must block composition like any starter.
            text += rng() % 40 == 0 ? static_cast<char32_t>(0xD800 + rng() % 0x800) : random_interesting(rng);
        }
        cases.push_back({'p', utf8(text), {}, {}});
    }
    return cases;
}

// Sequences that exercise one rule each (UAX #15's examples and NormalizationTest.txt's kinds).
std::vector<Case> tricky_sequences() {
    const std::vector<std::u32string> texts = {
        U"\u1E0A\u0323",              // D + dot above + dot below: reordered, then composes the other way
        U"\u1E9B\u0323",              // UAX #15's example: ẛ̣ → NFKC ṩ
        U"\u0041\u030A", U"\u212B", U"\u2126", U"\u00C5\u0301",
        U"\u0344", U"\u0F73", U"\u0F75", U"\u0F81", U"\u0F71\u0F72",  // non-starter decompositions
        U"\u0958", U"\u0915\u093C", U"\u2ADC", U"\u2ADD\u0338", U"\uFB2C", U"\U0001D15E",  // exclusions
        U"\u0063\u0327\u0301", U"\u0063\u0301\u0327",  // composes whatever the order
        U"\u0061\u0305\u0301",        // blocked: same class between
        U"\u0061\u0328\u0301\u0323",  // several classes
        U"\u03B1\u0313\u0300\u0345", U"\u03B1\u0345\u0313\u0300",  // Greek chains
        U"\u0065\u0301\u0301", U"\u0065\u0334\u0301",
        U"\u0B47\u0B3E", U"\u0B47\u0B3C\u0B3E",      // starter + starter, and blocked
        U"\u0CC6\u0CC2\u0CD5", U"\u0DD9\u0DCF\u0DCA", U"\u1025\u102E",  // chains of starters
        U"\U00011099\U000110BA", U"\U00011131\U00011127",
        U"\u1100\u1161\u11A8", U"\uAC00\u11A8", U"\u1100\u1161\u11A7", U"\u1100\u0301\u1161",
        U"\uAC01\u11A8", U"\u1100\uAC00\u11A8", U"\u1113\u1161", U"\u1100\u1176", U"\u11A8\u1161",
        U"\u3131\u314F", U"\u3131\u314F\u3131", U"\u3200", U"\u321D", U"\u326E", U"\u327E",  // compatibility jamo
        U"\uFF76\uFF9E", U"\u304B\u3099", U"\u30AB\u309A",  // halfwidth and voiced kana
        U"\uFDFA", U"\uFDFB", U"\u3300", U"\u33FF", U"\u00BD", U"\u2474", U"\u24B6\u0301",
        U"\u01C4", U"\u01C5\u030C", U"\u1E9E", U"\u017F\u0307", U"\u00B5", U"\u03D2\u0301", U"\u03D3",
        U"\uFB01\u0301", U"\u2160\u0301", U"\u2075\u0301", U"\u00A8\u0301", U"\u1FED", U"\u1FEE",
        U"\u0020\u0301", U"\u0301", U"\u0301\u0061", U"\u0308\u0301\u0041",
        U"a" + std::u32string(30, U'\u0301'), U"a" + std::u32string(30, U'\u0301') + U"\u0328",
        U"\u0075\u031B\u0301\u0323\u0308",
        U"\u0DDA\u0DCF", U"\u0B57\u0B47", U"\u0BC6\u0BBE\u0BD7",
    };
    std::vector<Case> cases;
    for (const std::u32string& text : texts) cases.push_back({'p', utf8(text), {}, {}});
    // A long mixture, as one string.
    std::mt19937_64 rng(1);
    std::u32string long_text;
    while (long_text.size() < 5000) long_text += random_interesting(rng);
    cases.push_back({'p', utf8(long_text), {}, {}});
    // One long run of marks of many classes after a base: the canonical ordering must be
    // Python's stable one however long the run.
    std::u32string marks = U"a";
    while (marks.size() < 4000) marks += static_cast<char32_t>(0x0300 + rng() % 0x70);
    cases.push_back({'p', utf8(marks), {}, {}});
    return cases;
}

// Lone surrogates wherever they can sit, Python's way: code points that never combine.
std::vector<Case> surrogate_sequences() {
    std::vector<Case> cases;
    for (const char32_t s : {char32_t{0xD800}, char32_t{0xDBFF}, char32_t{0xDC00}, char32_t{0xDFFF}}) {
        for (const std::u32string& text : {std::u32string{s}, std::u32string{U'a', s, U'\u0301'},
                                           std::u32string{U'\u1100', s, U'\u1161'}, std::u32string{s, U'\u0301'},
                                           std::u32string{U'\uFF21', s, s, U'\uFB01'}}) {
            cases.push_back({'p', utf8(text), {}, {}});
        }
    }
    return cases;
}

// Byte strings that are only partly UTF-8: stray continuation bytes, truncated and overlong
// sequences, bytes no UTF-8 has, next to characters that compose.
std::vector<Case> broken_utf8() {
    std::mt19937_64 rng(7);
    std::vector<Case> cases;
    for (int n = 0; n < 5000; ++n) {
        std::string bytes;
        for (std::size_t parts = 1 + rng() % 8; parts > 0; --parts) {
            const std::string character = utf8(std::u32string(1, random_interesting(rng)));
            switch (rng() % 5) {
                case 0: bytes += static_cast<char>(0x80 + rng() % 0x80); break;
                case 1: bytes += character.substr(0, 1 + rng() % character.size()); break;
                case 2: bytes += static_cast<char>(rng() % 0x100); break;
                default: bytes += character;
            }
        }
        cases.push_back({'e', bytes, {}, {}});
    }
    for (const char* bytes : {"\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80",
                              "\xF8\x88\x80\x80\x80", "\xFF", "e\x80\xCC\x81", "e\xCC", "\xE1\x84", "\xE1\x84\x80\xE1\x85"}) {
        cases.push_back({'e', bytes, {}, {}});
    }
    return cases;
}

// Every group's answers from Python, asked once for the whole file.
const std::vector<Case>& python_cases(const std::string& group) {
    static const std::map<std::string, std::vector<Case>> groups = [] {
        std::map<std::string, std::vector<Case>> built = {
            {"every code point", every_code_point()}, {"random", random_strings()},
            {"tricky", tricky_sequences()},           {"surrogates", surrogate_sequences()},
            {"broken", broken_utf8()},
        };
        std::vector<Case> all;
        for (const auto& [name, cases] : built) all.insert(all.end(), cases.begin(), cases.end());
        ask_python(all);
        auto answer = all.begin();
        for (auto& [name, cases] : built) {
            for (Case& c : cases) c = *answer++;
        }
        return built;
    }();
    return groups.at(group);
}

// The facts the decoded tables hold, one a line, as kTablesScript prints Python's.
constexpr const char* kTablesScript = R"py(
import unicodedata
for code in range(0x110000):
    c = chr(code)
    if unicodedata.combining(c):
        print("ccc %X %d" % (code, unicodedata.combining(c)))
    if 0xAC00 <= code <= 0xD7A3:
        continue  # Hangul syllables: nfkc.cpp computes them
    nfd, nfkd = unicodedata.normalize("NFD", c), unicodedata.normalize("NFKD", c)
    if nfd != c:
        print("canonical %X:%s" % (code, "".join(" %X" % ord(part) for part in nfd)))
    if nfkd != nfd:
        print("compatibility %X:%s" % (code, "".join(" %X" % ord(part) for part in nfkd)))
    mapping = unicodedata.decomposition(c).split()
    # A primary composite: two characters canonically, and not excluded, so NFC keeps it.
    if len(mapping) == 2 and not mapping[0].startswith("<") and unicodedata.normalize("NFC", c) == c:
        print("composition %X %X %X" % (int(mapping[0], 16), int(mapping[1], 16), code))
)py";

std::string hex_code(char32_t code) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%X", static_cast<unsigned>(code));
    return buf;
}

std::vector<std::string> decoded_table_lines() {
    namespace tables = authlab::unicode::tables;
    const tables::Tables& decoded = tables::decoded();
    std::vector<std::string> lines;
    for (const tables::CombiningRange& range : decoded.combining_ranges) {
        for (char32_t c = range.first; c < range.first + range.length; ++c) {
            lines.push_back("ccc " + hex_code(c) + " " + std::to_string(range.ccc));
        }
    }
    const auto add_decompositions = [&](const std::string& kind, const std::vector<tables::Decomposition>& table) {
        for (const tables::Decomposition& entry : table) {
            std::string line = kind + " " + hex_code(entry.code_point) + ":";
            for (std::size_t i = 0; i < entry.size; ++i) {
                line += " " + hex_code(decoded.decomposition_code_points.at(entry.offset + i));
            }
            lines.push_back(line);
        }
    };
    add_decompositions("canonical", decoded.canonical_decompositions);
    add_decompositions("compatibility", decoded.compatibility_decompositions);
    for (const tables::Composition& pair : decoded.compositions) {
        lines.push_back("composition " + hex_code(pair.first) + " " + hex_code(pair.second) + " " +
                        hex_code(pair.composite));
    }
    return lines;
}

// The lines of `from` missing in `in` (both sorted), the first few of them.
std::vector<std::string> first_missing(const std::vector<std::string>& from, const std::vector<std::string>& in) {
    std::vector<std::string> missing;
    std::set_difference(from.begin(), from.end(), in.begin(), in.end(), std::back_inserter(missing));
    if (missing.size() > 10) missing.resize(10);
    return missing;
}

}  // namespace

TEST_CASE("The tables decoded from the generated streams are Python's unicodedata", "[unicode]") {
    std::vector<std::string> ours = decoded_table_lines();
    std::vector<std::string> python = authlab::testing::python::lines(authlab::testing::python::run(kTablesScript));
    std::sort(ours.begin(), ours.end());
    std::sort(python.begin(), python.end());
    for (const std::string& line : first_missing(python, ours)) FAIL_CHECK("missing: " << line);
    for (const std::string& line : first_missing(ours, python)) FAIL_CHECK("not Python's: " << line);
    CHECK(ours.size() == python.size());
}

TEST_CASE("The decoded tables are sorted as nfkc.cpp's binary searches need", "[unicode]") {
    namespace tables = authlab::unicode::tables;
    const tables::Tables& decoded = tables::decoded();
    CHECK(std::adjacent_find(decoded.combining_ranges.begin(), decoded.combining_ranges.end(),
                             [](const tables::CombiningRange& a, const tables::CombiningRange& b) {
                                 return a.first + a.length > b.first;  // overlapping or out of order
                             }) == decoded.combining_ranges.end());
    for (const auto* table : {&decoded.canonical_decompositions, &decoded.compatibility_decompositions}) {
        CHECK(std::adjacent_find(table->begin(), table->end(),
                                 [](const tables::Decomposition& a, const tables::Decomposition& b) {
                                     return a.code_point >= b.code_point;
                                 }) == table->end());
    }
    CHECK(std::adjacent_find(decoded.compositions.begin(), decoded.compositions.end(),
                             [](const tables::Composition& a, const tables::Composition& b) {
                                 return a.second != b.second ? a.second > b.second : a.first >= b.first;
                             }) == decoded.compositions.end());
}

TEST_CASE("NFC and NFKC of every code point alone are Python's", "[unicode]") {
    check_against_python(python_cases("every code point"));
}

TEST_CASE("NFC and NFKC of random mixtures of marks, jamo and compatibility characters are Python's",
          "[unicode]") {
    check_against_python(python_cases("random"));
}

TEST_CASE("NFC and NFKC of reordering, blocking, exclusion and Hangul sequences are Python's", "[unicode]") {
    check_against_python(python_cases("tricky"));
}

TEST_CASE("Lone surrogates pass through unchanged and block composition as in Python", "[unicode]") {
    for (char32_t s = 0xD800; s <= 0xDFFF; ++s) {
        const std::string alone = utf8(std::u32string(1, s));
        REQUIRE(nfkc(alone) == alone);
        REQUIRE(nfc(alone) == alone);
    }
    check_against_python(python_cases("surrogates"));
}

TEST_CASE("Bytes that are not UTF-8 pass through unchanged around normalized text", "[unicode]") {
    CHECK(nfkc("\xFF\xEF\xBD\x8F") == "\xFFo");  // stray byte, then fullwidth o
    CHECK(nfkc("\xE2\x91") == "\xE2\x91");       // truncated ①
    check_against_python(python_cases("broken"));
}

TEST_CASE("Usernames that Django's NFKC makes equal", "[unicode]") {
    CHECK(nfkc("ｏｌｇａ") == "olga");
    CHECK(nfkc("ﬁ") == "fi");
    CHECK(nfkc("\u212B") == "\u00C5");  // ANGSTROM SIGN → LATIN CAPITAL LETTER A WITH RING ABOVE
    CHECK(nfc("\u212B") == "\u00C5");
    CHECK(nfkc("①") == "1");
    CHECK(nfc("①") == "①");             // compatibility mappings are NFKC's alone
    CHECK(nfkc("e\u0301") == "\u00E9");
    CHECK(nfkc("olga") == "olga");
    CHECK(nfkc("") == "");
}

TEST_CASE("Normalizing twice changes nothing more", "[unicode]") {
    for (const Case& c : python_cases("random")) {
        const std::string once = nfkc(c.input);
        REQUIRE(nfkc(once) == once);
        REQUIRE(nfc(once) == once);
        REQUIRE(nfc(nfc(c.input)) == nfc(c.input));
    }
}
