// core/python/codecs against the real Python: codecs.lookup on every name Python knows and on
// spellings of them, and each modelled codec on random bytes three ways (bytes.decode strict,
// errors='replace', and the StreamReader DRF's JSONParser reads through), then str.encode.
// Texts and errors must be the same, word for word.
#include <catch2/catch.hpp>

#include <random>

#include "python/codecs.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"
#include "support/random_bytes.hpp"

using namespace authlab;
using python::Codec;

namespace {

struct Named {
    Codec codec;
    const char* python_name;
};

constexpr Named codecs[] = {
    {Codec::utf8, "utf-8"},         {Codec::utf8_sig, "utf-8-sig"}, {Codec::utf16, "utf-16"},
    {Codec::utf16_le, "utf-16-le"}, {Codec::utf16_be, "utf-16-be"}, {Codec::utf32, "utf-32"},
    {Codec::utf32_le, "utf-32-le"}, {Codec::utf32_be, "utf-32-be"}, {Codec::latin1, "latin-1"},
    {Codec::ascii, "ascii"},        {Codec::cp1252, "cp1252"},
};

std::string shown(const python::Coded& coded) {
    if (const auto* error = std::get_if<python::CodecError>(&coded)) return "error " + error->message;
    return "text " + testing::to_hex(std::get<std::string>(coded));
}

// Bytes a decoder trips on: BOMs, surrogate halves in either order, UTF-8 lead and
// continuation bytes, cp1252's holes, and plain noise; some lengths odd.
std::string tricky_bytes(std::mt19937_64& rng) {
    static const std::vector<std::string> pieces = {
        "\xff\xfe", "\xfe\xff", "\xff\xfe\x00\x00", "\x00\x00\xfe\xff", "\xef\xbb\xbf", "\x00\xd8", "\xd8\x00", "\x00\xdc",
        "\xdc\x00", "\x3d\xd8\x00\xde", "\xd8\x3d\xde\x00", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\xa0\x80",
        "\xc3", "\xe2\x82", "\xf0\x9f", "\x80", "\x81", "\x8d", "\x9d", "\xa0", "\xff", "a", "{", "\x00", "\x00\x00",
        "\x00\x00\x11\x00", "\x00\x11\x00\x00", "\x00\xd8\x00\x00", "\x00\x00\xd8\x00"};
    std::string out;
    const std::size_t count = rng() % 7;
    for (std::size_t k = 0; k < count; ++k) {
        out += rng() % 4 == 0 ? testing::random_bytes(rng, rng() % 5) : pieces[rng() % pieces.size()];
    }
    return out;
}

const char* const decode_script = R"PY(
import codecs, io
def shown(f):
    try:
        return 'text ' + f().encode('utf-8', 'surrogatepass').hex()
    except (UnicodeError, ValueError) as e:
        return 'error ' + str(e)
for line in open(sys.argv[1]):
    name, data = line.split()
    data = bytes.fromhex(data[1:])
    print(shown(lambda: data.decode(name)) + '|' + shown(lambda: data.decode(name, 'replace')) + '|' +
          shown(lambda: codecs.getreader(name)(io.BytesIO(data)).read()))
)PY";

}  // namespace

TEST_CASE("each modelled codec decodes random bytes as Python does, strict, replacing and as a stream", "[python][codecs][oracle]") {
    std::mt19937_64 rng(2024);
    std::vector<std::pair<Codec, std::string>> cases;
    std::vector<std::string> lines;
    for (const Named& named : codecs) {
        for (const std::string& fixed : {std::string(), std::string("\xef\xbb"), std::string("\xff\xfe{\x00}"), std::string("\xed\xa0")}) {
            cases.emplace_back(named.codec, fixed);
        }
        for (int k = 0; k < 300; ++k) cases.emplace_back(named.codec, tricky_bytes(rng));
    }
    for (const auto& [codec, bytes] : cases) {
        const char* name = "";
        for (const Named& named : codecs) name = named.codec == codec ? named.python_name : name;
        lines.push_back(std::string(name) + " x" + testing::to_hex(bytes));
    }
    const std::vector<std::string> answers = testing::python::answer_lines(std::string("import sys\n") + decode_script, lines);
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < cases.size(); ++k) {
        const auto& [codec, bytes] = cases[k];
        const std::string ours = shown(python::decode(bytes, codec)) + "|" + shown(python::decode_replace(bytes, codec)) + "|" +
                                 shown(python::read_stream(bytes, codec));
        if (ours != answers[k] && ++mismatches <= 20) {
            INFO(lines[k]);
            CHECK(ours == answers[k]);
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("str.encode for latin-1, ascii and utf-8 refuses what Python refuses, with its words", "[python][codecs][oracle]") {
    const std::vector<std::string> texts = {"", "Token abc", "Token \xc3\xa9", "Token \xc4\x80", "\xc4\x80\xc4\x81x\xf0\x9f\x98\x80",
                                            "a\xed\xa0\x80" "b", "\xed\xb0\x80\xed\xa0\x80", "\xc2\xa0\xc3\xbf", "\x7f\xc2\x80"};
    std::vector<std::string> lines;
    for (const char* name : {"latin-1", "ascii", "utf-8"}) {
        for (const std::string& text : texts) lines.push_back(std::string(name) + " " + (text.empty() ? "-" : testing::to_hex(text)));
    }
    const std::vector<std::string> answers = testing::python::answer_lines(R"PY(
import sys
for line in open(sys.argv[1]):
    name, text = line.split()
    text = '' if text == '-' else bytes.fromhex(text).decode('utf-8', 'surrogatepass')
    try:
        print('text ' + text.encode(name).hex())
    except UnicodeError as e:
        print('error ' + str(e))
)PY", lines);
    std::size_t k = 0;
    for (Codec codec : {Codec::latin1, Codec::ascii, Codec::utf8}) {
        for (const std::string& text : texts) {
            INFO(lines[k]);
            CHECK(shown(python::encode(text, codec)) == answers[k++]);
        }
    }
}

TEST_CASE("codecs.lookup finds what Python finds, under every alias and spelling", "[python][codecs][oracle]") {
    const char* const names_script = R"PY(
import sys, codecs, encodings.aliases, pkgutil, encodings
names = set(encodings.aliases.aliases) | {m.name for m in pkgutil.iter_modules(encodings.__path__)}
for name in sorted(names):
    for spelling in (name, name.upper(), name.replace('_', '-'), ' ' + name.replace('_', ' ') + ' ', name.replace('_', '.')):
        print(spelling.encode().hex())
)PY";
    std::vector<std::string> names;
    for (const std::string& hex : testing::python::lines(testing::python::run(names_script))) names.push_back(testing::from_hex(hex));
    for (const char* odd : {"", "utf", "utf-8\xc3\xa9", "\xc3\xa9utf-8", "UTF_16LE", "u.t.f.8", "utf..8", "ISO_8859-1:1987", "windows-1252",
                            "x-mac", "ucs-2", "klingon", "latin-1 ", "utf 8 sig", "--cp1252--", "aliases", "mbcs", "dbcs", "UTF-32BE"}) {
        names.push_back(odd);
    }
    REQUIRE(names.size() > 1000);
    std::vector<std::string> lines;
    for (const std::string& name : names) {
        const std::optional<python::FoundCodec> found = python::lookup(name);
        lines.push_back("x" + testing::to_hex(name) + " " + (found ? found->module : "-"));
    }
    // Both sides name the codec by CodecInfo.name, so an alias and its module compare equal.
    const std::vector<std::string> answers = testing::python::answer_lines(R"PY(
import sys, codecs
def info(name):
    try:
        return codecs.lookup(name).name
    except LookupError:
        return 'LookupError'
for line in open(sys.argv[1]):
    name, module = line.split()
    name = bytes.fromhex(name[1:]).decode()
    print('same' if info(name) == ('LookupError' if module == '-' else info(module)) else 'python: ' + info(name))
)PY", lines);
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (answers[k] != "same" && ++mismatches <= 20) {
            INFO("'" << names[k] << "' → " << lines[k]);
            CHECK(answers[k] == "same");
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("a codec Python has and the lab lacks is refused by name, never guessed", "[python][codecs]") {
    const std::optional<python::FoundCodec> koi8 = python::lookup("KOI8-R");
    REQUIRE(koi8);
    CHECK(koi8->module == "koi8_r");
    CHECK_FALSE(koi8->codec);
    CHECK_THROWS_AS(python::modelled(*koi8), python::UnmodelledCodec);
    CHECK(python::modelled(*python::lookup("Windows-1252")) == Codec::cp1252);
    CHECK_FALSE(python::lookup("nonsense"));
}
