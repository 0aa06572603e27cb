#include "lab/jwt_forge.hpp"

#include <variant>

#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"
#include "http/limits.hpp"
#include "jwt/python_json.hpp"

namespace authlab::lab {
namespace {

constexpr std::string_view bearer_field = "Authorization: Bearer ";

// Why `text` is not JSON that PyJWT could read (json.loads), or "" when it is.
std::string json_problem(std::string_view part, std::string_view text) {
    auto read = jwt::loads_bytes(text);
    if (auto* failure = std::get_if<jwt::JsonFailure>(&read))
        return "The " + std::string(part) + " is not JSON: " + failure->message + ".";
    return "";
}

// The value of the header's "alg", when the header is an object holding a string there.
std::optional<std::string> alg_of(std::string_view header_text) {
    auto read = jwt::loads_bytes(header_text);
    const auto* header = std::get_if<pyjson::Value>(&read);
    if (!header || !header->is(pyjson::Value::Kind::Dict)) return std::nullopt;
    const pyjson::Value* alg = header->find("alg");
    if (!alg || !alg->is(pyjson::Value::Kind::Str)) return std::nullopt;
    return alg->as_str();
}

// The third part of a token: what follows its last dot (nullopt when it has no dot).
std::optional<std::string> signature_of(std::string_view token) {
    std::size_t dot = token.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    return std::string(token.substr(dot + 1));
}

}  // namespace

std::optional<Signing> signing_named(std::string_view name) {
    if (name == "unsigned") return Signing::unsigned_token;
    if (name == "old") return Signing::old_signature;
    if (name == "none") return Signing::alg_none;
    if (name == "hs256") return Signing::hs256;
    return std::nullopt;
}

ForgedJwt forge_jwt(std::string_view header_text, std::string_view payload_text, Signing signing,
                    std::string_view original, std::string_view key) {
    if (std::string problem = json_problem("header", header_text); !problem.empty()) return {"", problem};
    if (std::string problem = json_problem("payload", payload_text); !problem.empty()) return {"", problem};
    // Exactly the typed bytes: a reordered key or changed space would be a silent re-serialisation.
    const std::string signing_input = crypto::base64url_encode(header_text) + "." + crypto::base64url_encode(payload_text);
    std::string signature;
    switch (signing) {
        case Signing::unsigned_token: break;
        case Signing::alg_none:
            if (alg_of(header_text) != "none")
                return {"", "For \"alg: none\" the header itself must say \"alg\": \"none\" (the lab never changes what you typed)."};
            break;
        case Signing::old_signature: {
            std::optional<std::string> old = signature_of(original);
            if (!old) return {"", "There is no original token to take the old signature from: pick a held JWT or paste one."};
            signature = *old;
            break;
        }
        case Signing::hs256: {
            if (key.empty()) return {"", "Type the key to sign with (HS256 needs a secret)."};
            auto mac = crypto::hmac_sha256(key, signing_input);
            signature = crypto::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
            break;
        }
    }
    std::string token = signing_input + "." + signature;
    if (bearer_field.size() + token.size() > http::max_request_header_bytes)
        return {"", "The token would be " + std::to_string(token.size()) + " characters; an Authorization header holds at most " +
                        std::to_string(http::max_request_header_bytes - bearer_field.size()) + " after \"Bearer \". Shorten the header or payload."};
    return {token, ""};
}

}  // namespace authlab::lab
