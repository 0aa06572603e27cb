#pragma once
// PBKDF2-HMAC-SHA256 (RFC 8018), as Django's PBKDF2PasswordHasher uses it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace authlab::crypto {

// Returns `length` derived bytes. Throws std::invalid_argument for zero iterations, as
// Python's hashlib.pbkdf2_hmac raises ValueError.
std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt,
                               std::uint32_t iterations, std::size_t length);

}  // namespace authlab::crypto
