#include "auth/passwords.hpp"

#include "auth/foreign_hashers.hpp"
#include "auth/hash_memo.hpp"

namespace authlab::auth {
namespace {

constexpr std::string_view unusable_prefix = "!";  // UNUSABLE_PASSWORD_PREFIX
constexpr std::string_view random_string_chars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";  // RANDOM_STRING_CHARS

std::string unknown_algorithm(std::string_view encoded) {
    if (encoded.find('$') == std::string_view::npos) return "not a Django password hash (algorithm$…)";
    return "unknown password hashing algorithm '" + std::string(encoded.substr(0, encoded.find('$'))) + "'";
}

// A batch runner's memo (hash_memo.hpp), when one is open: each distinct hash once.
template <class Compute>
std::string remembered_encoded(std::string key, Compute compute) {
    HashMemo* memo = HashMemo::current();
    if (!memo) return compute();
    if (const std::string* known = memo->encoded(key)) return *known;
    std::string encoded = compute();
    memo->remember_encoded(std::move(key), encoded);
    return encoded;
}

template <class Compute>
HashCheck remembered_check(std::string key, Compute compute) {
    HashMemo* memo = HashMemo::current();
    if (!memo) return compute();
    if (const HashCheck* known = memo->check(key)) return *known;
    HashCheck check = compute();  // a failure to run throws: nothing is remembered
    memo->remember_check(std::move(key), check);
    return check;
}

}  // namespace

// Django's BasePasswordHasher.salt(): 22 characters, about 128 bits of entropy.
std::string Passwords::salt() const { return random_.string_from(random_string_chars, 22); }

// The salt is drawn first, memo or not, so the random stream moves on exactly as without one.
// A remembered hash counts as run: it is the hash Django would run (the memo only saves the
// batch runners' time).
std::string Passwords::make_password(std::string_view raw) const {
    ++hashes_run_;
    std::string fresh = salt();
    return remembered_encoded(HashMemo::key("argon2_encode", {raw, fresh, cost_key(cost_)}),
                              [&] { return argon2_encode(raw, fresh, cost_); });
}

std::string Passwords::make_pbkdf2_password(std::string_view raw, std::uint32_t iterations) const {
    ++hashes_run_;
    std::string fresh = salt();
    return remembered_encoded(HashMemo::key("pbkdf2_encode", {raw, fresh, std::to_string(iterations)}),
                              [&] { return pbkdf2_encode(raw, fresh, iterations); });
}

// A hash that could not be read never reached its hasher.
HashCheck Passwords::counted(HashCheck check) const {
    if (check.verdict != Verdict::malformed) ++hashes_run_;
    return check;
}

std::string Passwords::make_unusable_password() const {
    return std::string(unusable_prefix) + random_.string_from(random_string_chars, 40);
}

HashCheck Passwords::check_password(std::string_view raw, std::string_view encoded) const {
    if (!is_password_usable(encoded)) return {Verdict::mismatch, "", false};
    if (encoded.starts_with("argon2$")) {  // must_update depends on the preferred cost: part of the key
        return counted(remembered_check(HashMemo::key("argon2_verify", {raw, encoded, cost_key(cost_)}),
                                        [&] { return argon2_verify(raw, encoded, cost_); }));
    }
    if (encoded.starts_with("pbkdf2_sha256$"))
        return counted(remembered_check(HashMemo::key("pbkdf2_verify", {raw, encoded}), [&] { return pbkdf2_verify(raw, encoded); }));
    if (auto algorithm = foreign_algorithm(encoded)) {
        if (*algorithm == "pbkdf2_sha1") {
            return counted(remembered_check(HashMemo::key("pbkdf2_sha1_verify", {raw, encoded}),
                                            [&] { return pbkdf2_sha1_verify(raw, encoded); }));
        }
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
