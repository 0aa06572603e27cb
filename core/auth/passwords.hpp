#pragma once
// make_password and check_password as django.contrib.auth.hashers has them: Argon2id is the
// preferred hasher, PBKDF2-SHA256 hashes verify too, "!…" is an unusable password.
#include <cstddef>
#include <string>
#include <string_view>

#include "auth/password_hashers.hpp"
#include "crypto/random.hpp"

namespace authlab::auth {

class Passwords {
public:
    Passwords(crypto::RandomSource& random, Argon2Cost cost) : random_(random), cost_(cost) {}

    std::string make_password(std::string_view raw) const;  // Argon2id with a fresh salt
    std::string make_pbkdf2_password(std::string_view raw, std::uint32_t iterations = pbkdf2_django32_iterations) const;
    std::string make_unusable_password() const;
    // A match, a mismatch, or a hash that cannot be read (with the reason). Unusable
    // passwords never match.
    HashCheck check_password(std::string_view raw, std::string_view encoded) const;

    Argon2Cost cost() const { return cost_; }

    // How many password hashes have run (made or checked), so a trace can show that an
    // unknown user costs the same hash as a wrong password (ModelBackend's equal timing).
    std::size_t hashes_run() const { return hashes_run_; }

private:
    std::string salt() const;
    HashCheck counted(HashCheck check) const;  // counts a check that ran its hash
    mutable std::size_t hashes_run_ = 0;
    crypto::RandomSource& random_;
    Argon2Cost cost_;
};

bool is_password_usable(std::string_view encoded);

// Why a stored password field cannot be read, or "" when it can (an unusable one can).
// Checked when a world is loaded, so a bad import is refused before it is used.
std::string encoded_password_problem(std::string_view encoded);

}  // namespace authlab::auth
