// The runner's Python-exact pieces against Python itself: json.dumps (both styles the
// reference runner uses), bytes.decode('utf-8', 'replace'), urlencode of a form, and the
// quoting SimpleCookie gives a cookie value (what the jar sends back).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "http/message.hpp"
#include "pyjson/parse.hpp"
#include "scenario/cookie_jar.hpp"
#include "pyjson/dump.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/request_builder.hpp"
#include "python/utf8.hpp"
#include "support/hex.hpp"
#include "support/pyjson_value.hpp"
#include "support/python.hpp"

using namespace authlab;
using namespace std::string_literals;
using testing::parsed;
using testing::to_hex;

namespace {

// Runs `script` with one hex-encoded input per line on stdin; it prints one hex-encoded
// answer per line.
std::vector<std::string> ask_python(const std::string& script, const std::vector<std::string>& inputs) {
    std::string input;
    for (const std::string& bytes : inputs) input.append(to_hex(bytes)).append(1, '\n');
    const std::string output = testing::python::run(std::string("import sys, json, urllib.parse, http.cookies\n"
                                                                "for line in sys.stdin:\n"
                                                                "    data = bytes.fromhex(line.strip())\n"
                                                                "    out = None\n")
                                                        .append(script)
                                                        .append("    print(out.encode('utf-8', 'surrogatepass').hex())\n"),
                                                    {.input = input});
    std::vector<std::string> lines;
    for (const std::string& line : testing::python::lines(output)) lines.push_back(testing::from_hex(line));
    REQUIRE(lines.size() == inputs.size());
    return lines;
}

const std::vector<std::string> documents = {
    R"({"status": 200, "headers": {"content-type": "application/json"}, "json": null, "text": null})",
    R"([1, -0, 1.5, -2.5e-7, 1e16, 1e22, 123456789012345678901234567890, 0.1, 1E400, -1e400, true, false])",
    R"({"a": {}, "b": [], "c": [[]], "d": {"e": {"f": [1, {"g": null}]}}})",
    R"(["caf\u00e9", "\u20ac", "\ud83d\ude00", "tab\there", "nl\nq\"b\\s/", "\u0000\u001f\u007f\u0080", "\ud800", "x\udfff"])",
    R"({"d\u00e9j\u00e0": "vu", "": "", "\u2028": "\u2029"})",
    R"({"dup": 1, "dup": 2, "other": 3})",
    "\"\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80\"",
};

}  // namespace

TEST_CASE("dumps writes what Python's json.dumps writes", "[scenario][oracle]") {
    struct Style { pyjson::DumpStyle style; const char* python; };
    const Style styles[] = {
        {{}, "json.dumps(json.loads(data))"},
        {{.ensure_ascii = false}, "json.dumps(json.loads(data), ensure_ascii=False)"},
        {{.ensure_ascii = false, .compact = true}, "json.dumps(json.loads(data), ensure_ascii=False, separators=(',', ':'))"},
    };
    for (const Style& s : styles) {
        INFO(s.python);
        std::vector<std::string> expected = ask_python(std::string("    out = ") + s.python + "\n", documents);
        for (std::size_t i = 0; i < documents.size(); ++i) {
            INFO(documents[i]);
            std::string ours = pyjson::dumps(parsed(documents[i]), s.style);
            // Python may print a lone surrogate where we must write valid UTF-8 (U+FFFD).
            if (!s.style.ensure_ascii && documents[i].find("\\ud800") != std::string::npos) {
                CHECK(ours.find("\xef\xbf\xbd") != std::string::npos);
                continue;
            }
            CHECK(ours == expected[i]);
        }
    }
}

TEST_CASE("decode_replace is bytes.decode('utf-8', 'replace')", "[scenario][oracle]") {
    const std::vector<std::string> inputs = {
        "plain ascii", "caf\xc3\xa9", "\xc3", "\xc3(", "\xe2\x82", "\xe2\x82(", "\xed\xa0\x80", "\xed\x9f\xbf",
        "\xf0\x9f\x98\x80", "\xf0\x9f\x98", "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5", "\xff\xfe", "\xc0\xaf",
        "\xe0\x80\xaf", "a\x80" "b", "\xf1\x80\x80", "\xf1\x80\x80\x80\x80", "\x00nul"s,
    };
    std::vector<std::string> expected = ask_python("    out = data.decode('utf-8', 'replace')\n", inputs);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        INFO(to_hex(inputs[i]));
        CHECK(python::decode_replace(inputs[i]) == expected[i]);
        CHECK(python::code_points(expected[i]) == static_cast<std::size_t>(std::count_if(
                                                       expected[i].begin(), expected[i].end(), [](char c) { return (c & 0xC0) != 0x80; })));
    }
}

TEST_CASE("a form is encoded as the reference's urlencode", "[scenario][oracle]") {
    const std::vector<std::string> forms = {
        R"({"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "aB3"})",
        R"j({"a b": "c&d=e", "next": "/api/books/?x=1#y", "é": "ü €", "~._-": "!*'()"})j",
        R"({"n": 2, "f": 4.5, "t": true, "z": null, "l": [1, "x"], "o": {"k": "v"}, "s": "\u00e9"})",
        R"({})",
    };
    std::vector<std::string> expected = ask_python(
        "    form = json.loads(data)\n"
        "    out = urllib.parse.urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in form.items()})\n",
        forms);
    for (std::size_t i = 0; i < forms.size(); ++i) {
        INFO(forms[i]);
        CHECK(scenario::encode_form(parsed(forms[i])) == expected[i]);
    }
}

TEST_CASE("the jar sends a cookie back as SimpleCookie codes it", "[scenario][oracle]") {
    const std::vector<std::string> values = {"abc", "", "a b", "semi;colon", "quo\"te", "back\\slash", "tab\t", "comma,", "x=y"};
    std::vector<std::string> expected = ask_python(
        "    c = http.cookies.SimpleCookie()\n"
        "    c['n'] = data.decode('utf-8')\n"
        "    out = c['n'].coded_value\n",
        values);
    for (std::size_t i = 0; i < values.size(); ++i) {
        INFO(values[i]);
        scenario::CookieJar jar;
        http::SetCookie cookie;
        cookie.name = "n";
        cookie.value = values[i];
        jar.store(cookie, 0);
        CHECK(jar.value("n", 0) == expected[i]);
        CHECK(jar.header(0) == "n=" + expected[i]);
    }
}
