#include <array>
#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "crypto/random.hpp"

using authlab::crypto::SeededRandom;
using authlab::crypto::SystemRandom;

TEST_CASE("SeededRandom is deterministic splitmix64", "[crypto][random]") {
    SeededRandom a(42);
    SeededRandom b(42);
    SeededRandom c(43);
    const std::string first = a.bytes(100);
    CHECK(first == b.bytes(100));
    CHECK(first != c.bytes(100));
    CHECK(a.bytes(100) != first);  // the stream moves on

    // splitmix64's first output for seed 0, 0xe220a8397b1dcdaf, taken little-endian.
    SeededRandom zero(0);
    CHECK(zero.bytes(8) == "\xaf\xcd\x1d\x7b\x39\xa8\x20\xe2");
}

TEST_CASE("string_from uses exactly the alphabet, uniformly", "[crypto][random]") {
    // Django's get_random_string alphabet.
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    SeededRandom random(1);
    const std::string text = random.string_from(alphabet, 10000);
    CHECK(text.size() == 10000);
    CHECK(text.find_first_not_of(alphabet) == std::string::npos);
    CHECK(std::set<char>(text.begin(), text.end()).size() == alphabet.size());

    CHECK(random.string_from("x", 5) == "xxxxx");
    CHECK(random.string_from(alphabet, 0).empty());
    CHECK_THROWS_AS(random.string_from("", 5), std::invalid_argument);
}

TEST_CASE("string_from has no modulo bias", "[crypto][random]") {
    // With 200 characters, byte % 200 would draw the first 56 twice as often as the rest.
    std::string alphabet;
    for (int i = 0; i < 200; ++i) alphabet += static_cast<char>(i);
    SeededRandom random(2);
    std::array<int, 256> counts{};
    for (const char c : random.string_from(alphabet, 200000)) ++counts[static_cast<unsigned char>(c)];

    int low = 0;
    int high = 0;
    for (int i = 0; i < 56; ++i) low += counts[static_cast<std::size_t>(i)];
    for (int i = 56; i < 200; ++i) high += counts[static_cast<std::size_t>(i)];
    const double low_mean = low / 56.0;
    const double high_mean = high / 144.0;
    CHECK(low_mean == Approx(1000).epsilon(0.05));
    CHECK(high_mean == Approx(1000).epsilon(0.05));
}

TEST_CASE("hex gives two lowercase digits a byte", "[crypto][random]") {
    SeededRandom random(3);
    for (const std::size_t count : {0, 1, 16, 32}) {
        const std::string text = random.hex(count);
        CHECK(text.size() == 2 * count);
        CHECK(text.find_first_not_of("0123456789abcdef") == std::string::npos);
    }
    const std::string many = random.hex(1000);
    CHECK(std::set<char>(many.begin(), many.end()).size() == 16);
}

TEST_CASE("SystemRandom gives fresh bytes", "[crypto][random]") {
    SystemRandom random;
    const std::string a = random.bytes(32);
    const std::string b = random.bytes(32);
    CHECK(a.size() == 32);
    CHECK(a != b);
    // More than getentropy's 256-byte limit, in one call.
    const std::string big = random.bytes(1000);
    CHECK(big.size() == 1000);
    CHECK(big.find_first_not_of('\0', 700) != std::string::npos);
    CHECK(random.string_from("ab", 64).find_first_not_of("ab") == std::string::npos);
}
