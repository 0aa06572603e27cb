#include "auth/foreign_hashers.hpp"

#include <algorithm>
#include <array>

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

bool foreign_hash_checked_only_by_django(std::string_view algorithm) { return algorithm == "pbkdf2_sha1"; }

bool foreign_hash_fails_the_request(std::string_view algorithm) { return algorithm == listed_without_library; }

std::string foreign_hash_message(std::string_view algorithm) {
    if (foreign_hash_fails_the_request(algorithm))
        return "Couldn't load '" + hasher_class_name(algorithm) + "' algorithm library: No module named 'bcrypt'";
    return "Unknown password hashing algorithm '" + std::string(algorithm) +
           "'. Did you specify it in the PASSWORD_HASHERS setting?";
}

}  // namespace authlab::auth
