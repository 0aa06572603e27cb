#include "auth/password_hashers.hpp"

#include <argon2.h>

#include <charconv>
#include <stdexcept>
#include <vector>

#include "crypto/base64.hpp"
#include "crypto/constant_time.hpp"
#include "crypto/pbkdf2.hpp"

namespace authlab::auth {
namespace {

constexpr std::string_view argon2_prefix = "argon2$";
constexpr std::string_view pbkdf2_algorithm = "pbkdf2_sha256";
constexpr std::uint32_t argon2_hash_length = 16;  // Django 3.2's hash_len

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

std::optional<std::uint32_t> parse_u32(std::string_view digits) {
    std::uint32_t value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

struct Argon2Hash {
    argon2_type type = Argon2_id;
    Argon2Cost cost;
    std::string inner;  // argon2-cffi's form: Django's text without "argon2", from its '$' on
};

// Reads "argon2$argon2id$v=19$m=…,t=…,p=…$salt$hash" the way argon2's decoder will, without
// hashing, and within limits that keep a hostile hash from exhausting the page.
std::optional<Argon2Hash> read_argon2(std::string_view encoded, std::string& problem) {
    if (!encoded.starts_with(argon2_prefix)) {
        problem = "not an Argon2 hash";
        return std::nullopt;
    }
    Argon2Hash hash;
    hash.inner = std::string(encoded.substr(argon2_prefix.size() - 1));
    auto parts = split(hash.inner, '$');  // "", variant, v=19, m=…,t=…,p=…, salt, hash
    if (parts.size() == 5) parts.insert(parts.begin() + 2, "v=16");  // pre-1.3 hashes omit v=
    if (parts.size() != 6) {
        problem = "an Argon2 hash reads argon2$argon2id$v=19$m=…,t=…,p=…$salt$hash";
        return std::nullopt;
    }
    if (parts[1] == "argon2id") hash.type = Argon2_id;
    else if (parts[1] == "argon2i") hash.type = Argon2_i;
    else if (parts[1] == "argon2d") hash.type = Argon2_d;
    else {
        problem = "unknown Argon2 variant '" + std::string(parts[1]) + "'";
        return std::nullopt;
    }
    if (parts[2] != "v=19" && parts[2] != "v=16") {
        problem = "unknown Argon2 version '" + std::string(parts[2]) + "'";
        return std::nullopt;
    }
    auto costs = split(parts[3], ',');
    std::optional<std::uint32_t> m, t, p;
    if (costs.size() == 3 && costs[0].starts_with("m=") && costs[1].starts_with("t=") && costs[2].starts_with("p=")) {
        m = parse_u32(costs[0].substr(2));
        t = parse_u32(costs[1].substr(2));
        p = parse_u32(costs[2].substr(2));
    }
    if (!m || !t || !p || *t < 1 || *p < 1 || *m < 8 * *p) {
        problem = "Argon2 parameters must read m=…,t=…,p=… with t ≥ 1, p ≥ 1 and m ≥ 8p";
        return std::nullopt;
    }
    if (*m > max_argon2_memory_kib || *t > max_argon2_time_cost || *p > max_argon2_parallelism) {
        problem = "Argon2 parameters exceed what the page allows (m ≤ " + std::to_string(max_argon2_memory_kib) +
                  ", t ≤ " + std::to_string(max_argon2_time_cost) + ", p ≤ " + std::to_string(max_argon2_parallelism) + ")";
        return std::nullopt;
    }
    auto salt = crypto::base64_decode(parts[4]);
    auto digest = crypto::base64_decode(parts[5]);
    if (!salt || !digest || salt->size() < ARGON2_MIN_SALT_LENGTH || digest->size() < ARGON2_MIN_OUTLEN ||
        parts[4].find('=') != std::string_view::npos || parts[5].find('=') != std::string_view::npos) {
        problem = "the Argon2 salt and hash must be unpadded base64 (salt ≥ 8 bytes, hash ≥ 4 bytes)";
        return std::nullopt;
    }
    hash.cost = {*m, *t, *p};
    return hash;
}

struct Pbkdf2Hash {
    std::uint32_t iterations = 0;
    std::string_view salt;
};

std::optional<Pbkdf2Hash> read_pbkdf2(std::string_view encoded, std::string& problem) {
    auto parts = split(encoded, '$');  // algorithm, iterations, salt, hash
    if (parts.size() != 4 || parts[0] != pbkdf2_algorithm) {
        problem = "a PBKDF2 hash reads pbkdf2_sha256$iterations$salt$hash";
        return std::nullopt;
    }
    auto iterations = parse_u32(parts[1]);
    if (!iterations || *iterations == 0) {
        problem = "PBKDF2 iterations must be a positive integer";
        return std::nullopt;
    }
    if (*iterations > max_pbkdf2_iterations) {
        problem = "PBKDF2 iterations exceed what the page allows (" + std::to_string(max_pbkdf2_iterations) + ")";
        return std::nullopt;
    }
    return Pbkdf2Hash{*iterations, parts[2]};
}

HashCheck malformed(std::string problem) { return {Verdict::malformed, std::move(problem), false}; }

}  // namespace

std::string argon2_problem(std::string_view encoded) {
    std::string problem;
    read_argon2(encoded, problem);
    return problem;
}

std::string argon2_encode(std::string_view password, std::string_view salt, Argon2Cost cost) {
    std::string encoded(argon2_encodedlen(cost.time_cost, cost.memory_kib, cost.parallelism,
                                          static_cast<std::uint32_t>(salt.size()), argon2_hash_length, Argon2_id),
                        '\0');
    std::string raw(argon2_hash_length, '\0');
    int rc = argon2_hash(cost.time_cost, cost.memory_kib, cost.parallelism, password.data(), password.size(),
                         salt.data(), salt.size(), raw.data(), raw.size(), encoded.data(), encoded.size(),
                         Argon2_id, ARGON2_VERSION_13);
    if (rc != ARGON2_OK) throw std::runtime_error(std::string("Argon2 failed: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));
    return "argon2" + encoded;  // Django puts its algorithm name before argon2-cffi's "$argon2id$…"
}

HashCheck argon2_verify(std::string_view password, std::string_view encoded, Argon2Cost preferred) {
    std::string problem;
    auto hash = read_argon2(encoded, problem);
    if (!hash) return malformed(problem);
    int rc = ::argon2_verify(hash->inner.c_str(), password.data(), password.size(), hash->type);
    if (rc == ARGON2_OK) return {Verdict::match, "", hash->type != Argon2_id || !(hash->cost == preferred)};
    if (rc == ARGON2_DECODING_FAIL) return malformed("the Argon2 hash does not decode");
    // Running out of memory (or threads) says nothing about the password: it is our failure,
    // never a verdict, so the request ends in a 500 rather than a "wrong password".
    if (rc == ARGON2_MEMORY_ALLOCATION_ERROR || rc == ARGON2_THREAD_FAIL) {
        throw std::runtime_error("Argon2 could not run (" + std::string(argon2_error_message(rc)) +
                                 "): the password was not checked");
    }
    // argon2-cffi raises VerificationError for every other failure, which Django reads as a mismatch.
    return {Verdict::mismatch, "", false};
}

std::string pbkdf2_problem(std::string_view encoded) {
    std::string problem;
    read_pbkdf2(encoded, problem);
    return problem;
}

std::string pbkdf2_encode(std::string_view password, std::string_view salt, std::uint32_t iterations) {
    return std::string(pbkdf2_algorithm) + "$" + std::to_string(iterations) + "$" + std::string(salt) + "$" +
           crypto::base64_encode(crypto::pbkdf2_hmac_sha256(password, salt, iterations, 32));
}

HashCheck pbkdf2_verify(std::string_view password, std::string_view encoded) {
    std::string problem;
    auto hash = read_pbkdf2(encoded, problem);
    if (!hash) return malformed(problem);
    // Django re-encodes and compares the whole strings in constant time.
    if (!crypto::constant_time_equals(pbkdf2_encode(password, hash->salt, hash->iterations), encoded))
        return {Verdict::mismatch, "", false};
    return {Verdict::match, "", true};  // Argon2 is preferred: Django rehashes on the next login
}

}  // namespace authlab::auth
