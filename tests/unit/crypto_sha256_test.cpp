#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "crypto/sha256.hpp"
#include "support/hex.hpp"
#include "support/random_bytes.hpp"

using authlab::crypto::Sha256;
using authlab::crypto::Sha256Digest;
using authlab::crypto::sha256;
using authlab::testing::random_bytes;
using authlab::testing::to_hex;

namespace {

Sha256Digest openssl_sha256(const std::string& data) {
    Sha256Digest digest{};
    unsigned size = 0;
    REQUIRE(EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) == 1);
    REQUIRE(size == digest.size());
    return digest;
}

}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-4 examples", "[crypto][sha256]") {
    CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(to_hex(sha256("abc")) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(to_hex(sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                        "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")) ==
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    CHECK(to_hex(sha256(std::string(1'000'000, 'a'))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 streaming gives the one-shot digest whatever the chunking", "[crypto][sha256]") {
    std::mt19937_64 rng(20240501);
    const std::string message = random_bytes(rng, 1000);
    for (const std::size_t chunk : {1, 3, 7, 55, 63, 64, 65, 127, 999}) {
        Sha256 hash;
        for (std::size_t at = 0; at < message.size(); at += chunk) {
            hash.update(std::string_view(message).substr(at, chunk));
        }
        INFO("chunk size " << chunk);
        CHECK(hash.finish() == sha256(message));
    }
    // A million 'a' in odd-sized pieces, and empty updates in between.
    Sha256 hash;
    std::size_t fed = 0;
    for (std::size_t chunk = 1; fed < 1'000'000; chunk = chunk % 997 + 2) {
        const std::size_t take = std::min(chunk, 1'000'000 - fed);
        hash.update(std::string(take, 'a'));
        hash.update("");
        fed += take;
    }
    CHECK(to_hex(hash.finish()) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 agrees with OpenSSL on random inputs", "[crypto][sha256][openssl]") {
    std::mt19937_64 rng(7);
    // Every length 0-300 covers each padding case (55, 56, 63, 64 bytes and their multiples).
    for (std::size_t size = 0; size <= 300; ++size) {
        const std::string data = random_bytes(rng, size);
        INFO("length " << size);
        CHECK(sha256(data) == openssl_sha256(data));
    }
}
