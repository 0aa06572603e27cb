#pragma once
// The attack lab's token maker, the honest jwt.io: the learner's header and payload text go
// into the token byte for byte (base64url of exactly what was typed, never re-serialised),
// and the signature is whatever the learner chose. Nothing is re-signed unless asked; the
// server then says why it refuses.
#include <optional>
#include <string>
#include <string_view>

namespace authlab::lab {

// How the edited token is signed.
enum class Signing {
    unsigned_token,  // "unsigned": the signature part left empty ("header.payload.")
    old_signature,   // "old": the original token's signature, kept after the edit
    alg_none,        // "none": the header must say "alg": "none"; the signature part is empty
    hs256,           // "hs256": HMAC-SHA256 with the key the learner typed
};

// "unsigned" | "old" | "none" | "hs256"; nullopt for anything else.
std::optional<Signing> signing_named(std::string_view name);

struct ForgedJwt {
    std::string token;    // set when made
    std::string problem;  // otherwise: what is wrong, in the learner's words
};

// header_text and payload_text must each be JSON as PyJWT reads it (json.loads); `original`
// is the token the learner started from (its signature is reused by old_signature), `key` is
// the HS256 key.
ForgedJwt forge_jwt(std::string_view header_text, std::string_view payload_text, Signing signing,
                    std::string_view original, std::string_view key);

}  // namespace authlab::lab
