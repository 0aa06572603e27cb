#include "auth/foreign_hashers.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "crypto/base64.hpp"
#include "crypto/constant_time.hpp"
#include "crypto/sha1.hpp"

namespace authlab::auth {
namespace {

struct ForeignHasher {
    std::string_view algorithm;
    std::string_view class_name;  // as django.contrib.auth.hashers names it
};

// Django 3.2's hashers other than the two the lab checks itself.
constexpr std::array<ForeignHasher, 8> foreign_hashers{{
    {"pbkdf2_sha1", "PBKDF2SHA1PasswordHasher"},
    {"bcrypt_sha256", "BCryptSHA256PasswordHasher"},
    {"bcrypt", "BCryptPasswordHasher"},
    {"sha1", "SHA1PasswordHasher"},
    {"md5", "MD5PasswordHasher"},
    {"unsalted_sha1", "UnsaltedSHA1PasswordHasher"},
    {"unsalted_md5", "UnsaltedMD5PasswordHasher"},
    {"crypt", "CryptPasswordHasher"},
}};

// The reference project's PASSWORD_HASHERS, besides Argon2 and PBKDF2-SHA256.
constexpr std::string_view listed_without_library = "bcrypt_sha256";

const ForeignHasher* find(std::string_view algorithm) {
    auto it = std::find_if(foreign_hashers.begin(), foreign_hashers.end(),
                           [&](const ForeignHasher& h) { return h.algorithm == algorithm; });
    return it == foreign_hashers.end() ? nullptr : &*it;
}

}  // namespace

std::optional<std::string> foreign_algorithm(std::string_view encoded) {
    std::string_view algorithm;
    if ((encoded.size() == 32 && encoded.find('$') == std::string_view::npos) ||
        (encoded.size() == 37 && encoded.starts_with("md5$$")))
        algorithm = "unsalted_md5";
    else if (encoded.size() == 46 && encoded.starts_with("sha1$$"))
        algorithm = "unsalted_sha1";
    else if (std::size_t dollar = encoded.find('$'); dollar != std::string_view::npos)
        algorithm = encoded.substr(0, dollar);
    if (encoded.empty()) return "";  // a User saved without set_password(): algorithm ''
    if (!find(algorithm)) return std::nullopt;
    return std::string(algorithm);
}

std::string hasher_class_name(std::string_view algorithm) {
    const ForeignHasher* hasher = find(algorithm);
    return hasher ? std::string(hasher->class_name) : std::string(algorithm);
}

HashCheck pbkdf2_sha1_verify(std::string_view password, std::string_view encoded) {
    // algorithm, iterations, salt, hash
    std::size_t first = encoded.find('$'), second = encoded.find('$', first + 1), third = encoded.find('$', second + 1);
    if (third == std::string_view::npos || encoded.find('$', third + 1) != std::string_view::npos)
        return {Verdict::malformed, "a PBKDF2-SHA1 hash reads pbkdf2_sha1$iterations$salt$hash", false};
    std::string_view digits = encoded.substr(first + 1, second - first - 1);
    std::uint32_t iterations = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), iterations);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || iterations == 0 ||
        iterations > max_pbkdf2_iterations)
        return {Verdict::malformed, "PBKDF2 iterations must be from 1 to " + std::to_string(max_pbkdf2_iterations), false};
    std::string_view salt = encoded.substr(second + 1, third - second - 1);
    // Django re-encodes and compares the whole strings in constant time.
    std::string again = "pbkdf2_sha1$" + std::string(digits) + "$" + std::string(salt) + "$" +
                        crypto::base64_encode(crypto::pbkdf2_hmac_sha1(password, salt, iterations, 20));
    if (!crypto::constant_time_equals(again, encoded)) return {Verdict::mismatch, "", false};
    return {Verdict::match, "", true};  // not the preferred hasher: rehashed with Argon2 on login
}

bool foreign_hash_fails_the_request(std::string_view algorithm) { return algorithm == listed_without_library; }

std::string foreign_hash_message(std::string_view algorithm) {
    if (foreign_hash_fails_the_request(algorithm))
        return "Couldn't load '" + hasher_class_name(algorithm) + "' algorithm library: No module named 'bcrypt'";
    return "Unknown password hashing algorithm '" + std::string(algorithm) +
           "'. Did you specify it in the PASSWORD_HASHERS setting?";
}

}  // namespace authlab::auth
