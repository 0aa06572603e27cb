// SHA-1 and PBKDF2-HMAC-SHA1 (for Django's PBKDF2SHA1PasswordHasher) against OpenSSL.
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "crypto/sha1.hpp"
#include "support/hex.hpp"
#include "support/random_bytes.hpp"

using authlab::testing::random_bytes;
using authlab::testing::to_hex;

TEST_CASE("SHA-1 matches FIPS 180's example and OpenSSL at every length around a block", "[crypto][sha1]") {
    auto digest = authlab::crypto::sha1("abc");
    CHECK(to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    std::mt19937_64 rng(1);
    for (std::size_t length = 0; length < 300; ++length) {
        std::string input = random_bytes(rng, length);
        unsigned char expected[SHA_DIGEST_LENGTH];
        SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), expected);
        auto ours = authlab::crypto::sha1(input);
        INFO(length);
        CHECK(std::equal(ours.begin(), ours.end(), expected));
    }
}

TEST_CASE("PBKDF2-HMAC-SHA1 matches OpenSSL for long keys, salts and lengths", "[crypto][sha1]") {
    std::mt19937_64 rng(2);
    for (int round = 0; round < 20; ++round) {
        std::string password = random_bytes(rng, rng() % 100), salt = random_bytes(rng, rng() % 40);
        int iterations = 1 + static_cast<int>(rng() % 50);
        std::size_t length = 1 + rng() % 50;
        std::string expected(length, '\0');
        REQUIRE(PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                                  reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                                  iterations, EVP_sha1(), static_cast<int>(length),
                                  reinterpret_cast<unsigned char*>(expected.data())) == 1);
        CHECK(to_hex(authlab::crypto::pbkdf2_hmac_sha1(password, salt, static_cast<std::uint32_t>(iterations), length)) ==
              to_hex(expected));
    }
}
