#pragma once
// HMAC-SHA256 (RFC 2104), proven against RFC 4231's vectors and OpenSSL in the tests.
#include "crypto/sha256.hpp"

namespace authlab::crypto {

Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// A key prepared once for many MACs (PBKDF2 computes millions with one key): the hash states
// after absorbing the padded key blocks are kept, so each MAC costs only the message's blocks.
class HmacSha256 {
public:
    explicit HmacSha256(std::string_view key);
    Sha256Digest mac(std::string_view message) const;
    // The MAC of a 32-byte message given as words (PBKDF2 chains MACs so): two compressions of
    // blocks whose padding is known in advance.
    Sha256State mac_of_digest(const Sha256State& message) const;

private:
    Sha256 inner_;  // has absorbed key ^ ipad
    Sha256 outer_;  // has absorbed key ^ opad
};

}  // namespace authlab::crypto
