#include "auth/passwords.hpp"

#include "auth/foreign_hashers.hpp"

namespace authlab::auth {
namespace {

constexpr std::string_view unusable_prefix = "!";  // UNUSABLE_PASSWORD_PREFIX
constexpr std::string_view random_string_chars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";  // RANDOM_STRING_CHARS

std::string unknown_algorithm(std::string_view encoded) {
    if (encoded.find('$') == std::string_view::npos) return "not a Django password hash (algorithm$…)";
    return "unknown password hashing algorithm '" + std::string(encoded.substr(0, encoded.find('$'))) + "'";
}

}  // namespace

// Django's BasePasswordHasher.salt(): 22 characters, about 128 bits of entropy.
std::string Passwords::salt() const { return random_.string_from(random_string_chars, 22); }

std::string Passwords::make_password(std::string_view raw) const { return argon2_encode(raw, salt(), cost_); }

std::string Passwords::make_pbkdf2_password(std::string_view raw, std::uint32_t iterations) const {
    return pbkdf2_encode(raw, salt(), iterations);
}

std::string Passwords::make_unusable_password() const {
    return std::string(unusable_prefix) + random_.string_from(random_string_chars, 40);
}

HashCheck Passwords::check_password(std::string_view raw, std::string_view encoded) const {
    if (!is_password_usable(encoded)) return {Verdict::mismatch, "", false};
    if (encoded.starts_with("argon2$")) return argon2_verify(raw, encoded, cost_);
    if (encoded.starts_with("pbkdf2_sha256$")) return pbkdf2_verify(raw, encoded);
    if (auto algorithm = foreign_algorithm(encoded)) {
        if (*algorithm == "pbkdf2_sha1") return pbkdf2_sha1_verify(raw, encoded);
        if (foreign_hash_fails_the_request(*algorithm)) throw HasherUnavailable("ValueError: " + foreign_hash_message(*algorithm));
        make_password(raw);  // check_password's "fake runtime": the default hasher runs once
        return {Verdict::mismatch, foreign_hash_message(*algorithm), false};
    }
    return {Verdict::malformed, unknown_algorithm(encoded), false};
}

bool is_password_usable(std::string_view encoded) { return !encoded.starts_with(unusable_prefix); }

std::string encoded_password_problem(std::string_view encoded) {
    if (!is_password_usable(encoded)) return "";
    if (encoded.starts_with("argon2$")) return argon2_problem(encoded);
    if (encoded.starts_with("pbkdf2_sha256$")) return pbkdf2_problem(encoded);
    if (foreign_algorithm(encoded)) return "";  // kept as stored; a login answers as Django does
    return unknown_algorithm(encoded);
}

}  // namespace authlab::auth
