#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "crypto/hmac.hpp"
#include "support/hex.hpp"
#include "support/random_bytes.hpp"

using authlab::crypto::HmacSha256;
using authlab::crypto::Sha256Digest;
using authlab::crypto::hmac_sha256;
using authlab::testing::random_bytes;
using authlab::testing::to_hex;

namespace {

Sha256Digest openssl_hmac(const std::string& key, const std::string& message) {
    Sha256Digest mac{};
    unsigned size = 0;
    REQUIRE(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                 reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                 mac.data(), &size) != nullptr);
    REQUIRE(size == mac.size());
    return mac;
}

}  // namespace

TEST_CASE("HMAC-SHA256 matches RFC 4231 test cases 1-7", "[crypto][hmac]") {
    std::string key_4;
    for (char c = 1; c <= 25; ++c) key_4 += c;

    CHECK(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(to_hex(hmac_sha256(std::string(20, '\xaa'), std::string(50, '\xdd'))) ==
          "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    CHECK(to_hex(hmac_sha256(key_4, std::string(50, '\xcd'))) ==
          "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    // Case 5 publishes only the first 128 bits.
    CHECK(to_hex(hmac_sha256(std::string(20, '\x0c'), "Test With Truncation")).substr(0, 32) ==
          "a3b6167473100ee06e0c796c2955552b");
    CHECK(to_hex(hmac_sha256(std::string(131, '\xaa'),
                             "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK(to_hex(hmac_sha256(std::string(131, '\xaa'),
                             "This is a test using a larger than block-size key and a larger "
                             "than block-size data. The key needs to be hashed before being "
                             "used by the HMAC algorithm.")) ==
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST_CASE("HMAC-SHA256 agrees with OpenSSL on random keys and messages", "[crypto][hmac][openssl]") {
    std::mt19937_64 rng(11);
    for (int round = 0; round < 300; ++round) {
        // Keys up to 200 bytes cross the 64-byte block, where the key gets hashed first.
        const std::string key = random_bytes(rng, rng() % 201);
        const std::string message = random_bytes(rng, rng() % 301);
        INFO("key length " << key.size() << ", message length " << message.size());
        CHECK(hmac_sha256(key, message) == openssl_hmac(key, message));
    }
}

TEST_CASE("A prepared HMAC key can be reused", "[crypto][hmac]") {
    const HmacSha256 prepared("secret key");
    CHECK(prepared.mac("first") == hmac_sha256("secret key", "first"));
    CHECK(prepared.mac("second") == hmac_sha256("secret key", "second"));
    CHECK(prepared.mac("first") == hmac_sha256("secret key", "first"));
}
