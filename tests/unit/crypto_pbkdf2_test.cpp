#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>

#include "crypto/base64.hpp"
#include "crypto/pbkdf2.hpp"
#include "support/hex.hpp"
#include "support/random_bytes.hpp"

using authlab::crypto::base64_encode;
using authlab::crypto::pbkdf2_hmac_sha256;
using authlab::testing::random_bytes;
using authlab::testing::to_hex;

namespace {

std::string openssl_pbkdf2(const std::string& password, const std::string& salt, int iterations,
                           std::size_t length) {
    std::string out(length, '\0');
    REQUIRE(PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                              reinterpret_cast<const unsigned char*>(salt.data()),
                              static_cast<int>(salt.size()), iterations, EVP_sha256(),
                              static_cast<int>(length),
                              reinterpret_cast<unsigned char*>(out.data())) == 1);
    return out;
}

}  // namespace

TEST_CASE("PBKDF2-HMAC-SHA256 matches RFC 7914 section 11", "[crypto][pbkdf2]") {
    CHECK(to_hex(pbkdf2_hmac_sha256("passwd", "salt", 1, 64)) ==
          "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
          "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    CHECK(to_hex(pbkdf2_hmac_sha256("Password", "NaCl", 80000, 64)) ==
          "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
          "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

TEST_CASE("PBKDF2 gives Django 3.2's encoded password", "[crypto][pbkdf2]") {
    // Django's test_hashers: make_password('lètmein', 'seasalt', 'pbkdf2_sha256'), with the
    // password as UTF-8 and the default 260000 iterations.
    const std::string hash = pbkdf2_hmac_sha256("l\xc3\xa8tmein", "seasalt", 260000, 32);
    CHECK("pbkdf2_sha256$260000$seasalt$" + base64_encode(hash) ==
          "pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=");
}

TEST_CASE("PBKDF2 agrees with OpenSSL", "[crypto][pbkdf2][openssl]") {
    std::mt19937_64 rng(3);
    for (int round = 0; round < 40; ++round) {
        const std::string password = random_bytes(rng, rng() % 100);  // past the block size too
        const std::string salt = random_bytes(rng, rng() % 40);
        const int iterations = static_cast<int>(1 + rng() % 50);
        const std::size_t length = 1 + rng() % 100;  // one to four output blocks, partial last
        INFO("password " << password.size() << " bytes, salt " << salt.size() << " bytes, "
                         << iterations << " iterations, " << length << " bytes out");
        CHECK(pbkdf2_hmac_sha256(password, salt, static_cast<std::uint32_t>(iterations), length) ==
              openssl_pbkdf2(password, salt, iterations, length));
    }
}

TEST_CASE("PBKDF2 edge cases", "[crypto][pbkdf2]") {
    CHECK(pbkdf2_hmac_sha256("password", "salt", 1, 0).empty());
    CHECK_THROWS_AS(pbkdf2_hmac_sha256("password", "salt", 0, 32), std::invalid_argument);
}

// Hidden (not run by default): run `authlab_unit_tests "[.pbkdf2-speed]"` to compare speeds.
TEST_CASE("PBKDF2 speed against OpenSSL at Django's 260000 iterations", "[.pbkdf2-speed]") {
    using Clock = std::chrono::steady_clock;
    const auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };

    const auto t0 = Clock::now();
    const std::string ours = pbkdf2_hmac_sha256("correct horse", "seasalt", 260000, 32);
    const auto t1 = Clock::now();
    const std::string theirs = openssl_pbkdf2("correct horse", "seasalt", 260000, 32);
    const auto t2 = Clock::now();

    CHECK(ours == theirs);
    std::cout << "pbkdf2_hmac_sha256, 260000 iterations: ours " << seconds(t1 - t0)
              << " s, OpenSSL " << seconds(t2 - t1) << " s, ratio "
              << seconds(t1 - t0) / seconds(t2 - t1) << '\n';
}
