#pragma once
// Django's password hashers (django/contrib/auth/hashers.py): Argon2PasswordHasher, the
// preferred one, and PBKDF2PasswordHasher, Django's default, so hashes from either verify.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace authlab::auth {

// Argon2id cost. Django 3.2's parameters, and OWASP's minimum for quicker demos.
struct Argon2Cost {
    std::uint32_t memory_kib = 102400;
    std::uint32_t time_cost = 2;
    std::uint32_t parallelism = 8;

    static constexpr Argon2Cost django32() { return {102400, 2, 8}; }
    static constexpr Argon2Cost owasp_minimum() { return {19456, 2, 1}; }
    bool operator==(const Argon2Cost&) const = default;
};

constexpr std::uint32_t pbkdf2_django32_iterations = 260000;

enum class Verdict { match, mismatch, malformed };

struct HashCheck {
    Verdict verdict = Verdict::malformed;
    std::string problem;       // why it is malformed, for the learner
    bool must_update = false;  // matched, but made with another hasher or other costs
};

// Limits on what an imported hash may ask of the page, so a hostile one cannot exhaust memory
// or time (Django itself has none).
constexpr std::uint32_t max_argon2_memory_kib = 262144;
constexpr std::uint32_t max_argon2_time_cost = 16;
constexpr std::uint32_t max_argon2_parallelism = 64;
constexpr std::uint32_t max_pbkdf2_iterations = 2'000'000;

// "argon2$argon2id$v=19$m=…,t=…,p=…$salt$hash"
// Why `encoded` cannot be an Argon2 hash this page will check, or "" (no hashing done).
std::string argon2_problem(std::string_view encoded);
std::string argon2_encode(std::string_view password, std::string_view salt, Argon2Cost cost);
HashCheck argon2_verify(std::string_view password, std::string_view encoded, Argon2Cost preferred);

// "pbkdf2_sha256$iterations$salt$hash"
std::string pbkdf2_problem(std::string_view encoded);
std::string pbkdf2_encode(std::string_view password, std::string_view salt, std::uint32_t iterations);
HashCheck pbkdf2_verify(std::string_view password, std::string_view encoded);

}  // namespace authlab::auth
