#pragma once
// Hashes written by Django's other hashers (bcrypt, MD5, SHA1, crypt, …), as a real project's
// users may still carry them. The lab keeps them as stored and answers a login the way the
// reference project does (its PASSWORD_HASHERS: Argon2, PBKDF2, PBKDF2-SHA1, BCryptSHA256,
// and no bcrypt library installed):
// - an algorithm not in PASSWORD_HASHERS: identify_hasher raises ValueError("Unknown password
//   hashing algorithm …"), which check_password swallows: the default hasher runs once for
//   equal timing and the password simply does not match;
// - pbkdf2_sha1, listed and loadable: checked as Django checks it;
// - bcrypt_sha256, listed but without its library: the hasher's verify() raises ValueError
//   ("Couldn't load 'BCryptSHA256PasswordHasher' algorithm library …"), which nobody catches:
//   the request ends in Django's 500 page.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "auth/password_hashers.hpp"

namespace authlab::auth {

// identify_hasher's reading of `encoded`: "unsalted_md5" (32 characters without '$', or
// "md5$$…"), "unsalted_sha1" ("sha1$$…"), else the text before the first '$'. Only the
// algorithms Django 3.2 ships a hasher for; nullopt for anything else (including the
// lab's own argon2 and pbkdf2_sha256). An empty password, as a User saved without
// set_password() holds, is algorithm "": it never matches.
std::optional<std::string> foreign_algorithm(std::string_view encoded);

// The hasher class Django names for an algorithm: "BCryptSHA256PasswordHasher".
std::string hasher_class_name(std::string_view algorithm);

// What Django says about a foreign hash when a login checks it, e.g. "Unknown password
// hashing algorithm 'md5'. Did you specify it in the PASSWORD_HASHERS setting?".
std::string foreign_hash_message(std::string_view algorithm);

// True when checking such a hash makes the real project fail with a 500 (the hasher is listed
// but its library is missing), false when the password is refused as a mismatch.
bool foreign_hash_fails_the_request(std::string_view algorithm);

// PBKDF2SHA1PasswordHasher, which the reference project lists: "pbkdf2_sha1$iterations$salt$hash"
// verifies (and, like every hash of a hasher other than the preferred one, asks to be upgraded).
HashCheck pbkdf2_sha1_verify(std::string_view password, std::string_view encoded);

// Thrown by check_password for a hash whose hasher cannot load: the request answers 500.
struct HasherUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace authlab::auth
