#pragma once
// Base64 in the flavours the stack uses: standard with padding (Django's PBKDF2 hashes,
// HTTP Basic), unpadded standard (Argon2's encoded hashes), unpadded URL-safe (JWT).
#include <optional>
#include <string>
#include <string_view>

namespace authlab::crypto {

std::string base64_encode(std::string_view bytes);            // standard, padded
std::string base64_encode_unpadded(std::string_view bytes);   // standard, no '='
std::string base64url_encode(std::string_view bytes);         // URL-safe, no '='

// Strict decoders: nullopt on any character outside the alphabet or a bad length. Padding is
// either absent or one or two '=' that complete the last group of four. Unused low bits of the
// last character are not checked (Python's decoders ignore them too).
std::optional<std::string> base64_decode(std::string_view text);          // padding optional
std::optional<std::string> base64url_decode(std::string_view text);       // padding optional

// Python's binascii.a2b_base64 as base64.b64decode(s) calls it (validate=False): characters
// outside the alphabet are dropped first, then the padding must be right. DRF's
// BasicAuthentication decodes with it.
std::optional<std::string> base64_decode_lenient(std::string_view text);

}  // namespace authlab::crypto
