#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "crypto/base64.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"
#include "support/random_bytes.hpp"

using namespace authlab::crypto;
using authlab::testing::random_bytes;
using authlab::testing::to_hex;

namespace {

std::string openssl_base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock adds a NUL
    const int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(size));
    return out;
}

std::string without_padding(std::string text) {
    while (!text.empty() && text.back() == '=') text.pop_back();
    return text;
}

std::string url_safe(std::string text) {
    for (char& c : text) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return text;
}

// What Python's base64.b64decode says about each input: "error" or "ok:" + hex of the bytes.
// Inputs travel as hex arguments, each behind an 'x' the script drops.
std::vector<std::string> python_b64decode(const std::vector<std::string>& inputs) {
    std::vector<std::string> args;
    for (const std::string& input : inputs) args.push_back(std::string("x").append(to_hex(input)));
    const std::vector<std::string> lines = authlab::testing::python::lines(authlab::testing::python::run(
        "import base64, binascii, sys\n"
        "for a in sys.argv[1:]:\n"
        "    try: print(\"ok:\" + base64.b64decode(bytes.fromhex(a[1:])).hex())\n"
        "    except binascii.Error: print(\"error\")\n",
        {.args = args}));
    REQUIRE(lines.size() == inputs.size());
    return lines;
}

std::string describe(const std::optional<std::string>& decoded) {
    return decoded ? "ok:" + to_hex(*decoded) : "error";
}

}  // namespace

TEST_CASE("Base64 encoders round-trip and match OpenSSL", "[crypto][base64][openssl]") {
    std::mt19937_64 rng(5);
    for (std::size_t size = 0; size <= 200; ++size) {
        const std::string bytes = random_bytes(rng, size);
        const std::string standard = openssl_base64(bytes);
        INFO("length " << size);

        CHECK(base64_encode(bytes) == standard);
        CHECK(base64_encode_unpadded(bytes) == without_padding(standard));
        CHECK(base64url_encode(bytes) == url_safe(without_padding(standard)));

        CHECK(base64_decode(standard) == bytes);
        CHECK(base64_decode(without_padding(standard)) == bytes);
        CHECK(base64url_decode(url_safe(standard)) == bytes);
        CHECK(base64url_decode(url_safe(without_padding(standard))) == bytes);
        CHECK(base64_decode_lenient(standard) == bytes);
    }
}

TEST_CASE("Base64 known encodings (RFC 4648 section 10)", "[crypto][base64]") {
    const std::vector<std::pair<std::string, std::string>> vectors = {
        {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [bytes, encoded] : vectors) {
        CHECK(base64_encode(bytes) == encoded);
        CHECK(base64_encode_unpadded(bytes) == without_padding(encoded));
    }
    CHECK(base64url_encode("\xfb\xff\xfe") == "-__-");
    CHECK(base64_encode("\xfb\xff\xfe") == "+//+");
}

TEST_CASE("Strict Base64 decoders reject malformed input", "[crypto][base64]") {
    for (const char* text : {"a", "abcde", "ab=", "abc==", "a===", "ab===", "=", "====", "ab==cd",
                             "a=bc", "ab c", "ab\n", "ab!c", "abc=abcd", "-_ab"}) {
        INFO(text);
        CHECK_FALSE(base64_decode(text));
    }
    for (const char* text : {"a", "ab=", "+/ab", "ab c", "===="}) {
        INFO(text);
        CHECK_FALSE(base64url_decode(text));
    }
    CHECK(base64_decode("") == "");
    CHECK(base64_decode("+/8=") == "\xfb\xff");
    CHECK(base64url_decode("-_8") == "\xfb\xff");
}

TEST_CASE("Lenient Base64 decoding matches Python's base64.b64decode", "[crypto][base64][python]") {
    std::vector<std::string> inputs = {
        "", "=", "==", "===", "====", "=====",
        "a", "a=", "a==", "a===", "ab", "ab=", "ab==", "ab===", "ab====",
        "abc", "abc=", "abc==", "abcd", "abcd=", "abcd==", "abcde", "abcde=", "abcde==",
        "abcdef", "abcdef=", "abcdef==", "abcdefg", "abcdefg=",
        // data after the padding that completes a group is ignored
        "ab==cd", "ab==cdef", "abc=d", "abc=def", "YWI=YWI=", "Zg==Zg==", "Zg==!",
        // '=' that does not complete a group, or arrives too early
        "ab=c", "ab=c=", "ab=cd", "=ab==", "a=b==", "a=bc=", "=abc", "abcd=efgh", "abcd=ef==",
        // characters outside the alphabet are skipped, even between the '='
        "ab=!=", "ab=\n=", "ab!==", "YW Jj", "YW\nJj\n", "YWJj!", " Y W J j ", "YWI=\n",
        "-_-_", "ab-_", std::string("ab\0=", 4) + "=", "Zm9v\xff\xfe", "\x80" "abc=",
        "!!!!", "a!b!c!d!", "YWJjZA", "YWJjZA=", "YWJjZA==", "YWJjZA===",
        // what DRF's BasicAuthentication receives
        "dXNlcjpwYXNz", "dXNlcjpwYXNz=", "dXNlcjpwYXN", "dXNlcjpwYX", "dXNlcjpwY",
    };
    // And random strings over a small alphabet rich in the characters that matter.
    std::mt19937_64 rng(9);
    const std::string_view pieces = "Zm9+/=-_ \n!\xc3=";
    for (int round = 0; round < 400; ++round) {
        std::string text;
        for (std::size_t size = rng() % 13; size > 0; --size) text += pieces[rng() % pieces.size()];
        inputs.push_back(text);
    }

    const std::vector<std::string> expected = python_b64decode(inputs);
    int successes = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        INFO("input (hex) " << to_hex(inputs[i]));
        CHECK(describe(base64_decode_lenient(inputs[i])) == expected[i]);
        successes += expected[i] != "error";
    }
    // The oracle must exercise both outcomes, or the comparison proves little.
    CHECK(successes > 50);
    CHECK(successes < static_cast<int>(inputs.size()) - 50);
}
