#include "jwt/pyjwt.hpp"

#include <optional>

#include "crypto/base64.hpp"
#include "crypto/constant_time.hpp"
#include "crypto/hmac.hpp"
#include "jwt/python_json.hpp"
#include "pyjson/dump.hpp"
#include "jwt/python_numbers.hpp"

namespace authlab::jwt {
namespace {

using Kind = pyjson::Value::Kind;

std::string hmac_bytes(std::string_view key, std::string_view message) {
    const crypto::Sha256Digest mac = crypto::hmac_sha256(key, message);
    return std::string(reinterpret_cast<const char*>(mac.data()), mac.size());
}

// utils.base64url_decode: pad to a multiple of four, then base64.urlsafe_b64decode, which maps
// -_ to +/ and decodes like b64decode: characters outside the alphabet are dropped.
std::optional<std::string> base64url_decode(std::string_view segment) {
    std::string text(segment);
    for (char& c : text) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
    }
    if (const std::size_t rem = segment.size() % 4; rem > 0) text.append(4 - rem, '=');
    return crypto::base64_decode_lenient(text);
}

DecodeFailure failure(std::string exception, std::string message) { return {std::move(exception), std::move(message), false}; }
DecodeFailure uncaught(PyError error, std::string message) { return {py_error_name(error), std::move(message), true}; }

// PyJWS._validate_headers: "kid" must be a string; "crit" a non-empty list of known names.
std::optional<DecodeFailure> validate_headers(const pyjson::Value& header) {
    if (const pyjson::Value* kid = header.find("kid"); kid && !kid->is(Kind::Str)) {
        return failure("InvalidTokenError", "Key ID header parameter must be a string");
    }
    const pyjson::Value* crit = header.find("crit");
    if (!crit) return std::nullopt;
    if (!crit->is(Kind::List) || crit->as_list().empty()) {
        return failure("InvalidTokenError", "Invalid 'crit' header: must be a non-empty list");
    }
    for (const pyjson::Value& ext : crit->as_list()) {
        if (!ext.is(Kind::Str)) return failure("InvalidTokenError", "Invalid 'crit' header: values must be strings");
        if (ext.as_str() != "b64") return failure("InvalidTokenError", "Unsupported critical extension: " + ext.as_str());
        if (!header.find(ext.as_str())) {
            return failure("InvalidTokenError", "Critical extension '" + ext.as_str() + "' is missing from headers");
        }
    }
    return std::nullopt;
}

// Python's truth value of a JSON value, for `if not alg`.
bool truthy(const pyjson::Value& v) {
    switch (v.kind()) {
        case Kind::None: return false;
        case Kind::Bool: return v.as_bool();
        case Kind::Int: return v.int_digits() != "0";
        case Kind::Float: return v.as_float() != 0;
        case Kind::Str: return !v.as_str().empty();
        case Kind::List: return !v.as_list().empty();
        case Kind::Dict: return !v.as_dict().empty();
    }
    return false;
}

// PyJWT._validate_claims with leeway 0: iat and nbf must not lie in the future, exp must.
std::optional<DecodeFailure> validate_claims(const pyjson::Value& payload, std::int64_t now) {
    if (const pyjson::Value* iat = payload.find("iat")) {
        const PyInt as_int = python_int(*iat);  // only checked: the comparison uses the claim itself
        if (as_int.error == PyError::value_error) return failure("InvalidIssuedAtError", "Issued At claim (iat) must be an integer.");
        if (as_int.error != PyError::none) return uncaught(as_int.error, "int() of the iat claim " + iat->repr());
        const std::optional<int> order = compare_with_int(*iat, now);
        if (!order) return uncaught(PyError::type_error, "'>' not supported between the iat claim " + iat->repr() + " and an int");
        if (*order == 1) return failure("ImmatureSignatureError", "The token is not yet valid (iat)");
    }
    if (const pyjson::Value* nbf = payload.find("nbf")) {
        const PyInt as_int = python_int(*nbf);
        if (as_int.error == PyError::value_error) return failure("DecodeError", "Not Before claim (nbf) must be an integer.");
        if (as_int.error != PyError::none) return uncaught(as_int.error, "int() of the nbf claim " + nbf->repr());
        if (as_int.value > now) return failure("ImmatureSignatureError", "The token is not yet valid (nbf)");
    }
    if (const pyjson::Value* exp = payload.find("exp")) {
        const PyInt as_int = python_int(*exp);
        if (as_int.error == PyError::value_error) return failure("DecodeError", "Expiration Time claim (exp) must be an integer.");
        if (as_int.error != PyError::none) return uncaught(as_int.error, "int() of the exp claim " + exp->repr());
        if (as_int.value <= now) return failure("ExpiredSignatureError", "Signature has expired");
    }
    return std::nullopt;
}

// utils._PEM_RE: "----[- ]BEGIN <kind>[- ]----", a line, at least one character, then the
// matching END line.
bool is_pem_format(std::string_view key) {
    static constexpr std::string_view kinds[] = {
        "CERTIFICATE", "TRUSTED CERTIFICATE", "PRIVATE KEY", "PUBLIC KEY", "ENCRYPTED PRIVATE KEY",
        "OPENSSH PRIVATE KEY", "DSA PRIVATE KEY", "RSA PRIVATE KEY", "RSA PUBLIC KEY", "EC PRIVATE KEY",
        "DH PARAMETERS", "NEW CERTIFICATE REQUEST", "CERTIFICATE REQUEST", "SSH2 PUBLIC KEY",
        "SSH2 ENCRYPTED PRIVATE KEY", "X509 CRL"};
    const auto dash_or_space = [&](std::size_t i) { return i < key.size() && (key[i] == '-' || key[i] == ' '); };
    const auto line_end = [&](std::size_t i) -> std::size_t {  // \r?\n at i: the index after it, or 0
        if (i < key.size() && key[i] == '\r') ++i;
        return i < key.size() && key[i] == '\n' ? i + 1 : 0;
    };
    for (std::size_t at = key.find("----"); at != std::string_view::npos; at = key.find("----", at + 1)) {
        if (!dash_or_space(at + 4) || key.substr(at + 5, 6) != "BEGIN ") continue;
        for (std::string_view kind : kinds) {
            std::size_t i = at + 11;
            if (key.substr(i, kind.size()) != kind || !dash_or_space(i + kind.size()) ||
                key.substr(i + kind.size() + 1, 4) != "----") continue;
            const std::size_t body = line_end(i + kind.size() + 5);
            if (body == 0) continue;
            // .+? (one character at least, a \r included) then \n----[- ]END <kind>[- ]----
            for (std::size_t end = key.find("\n----", body + 1); end != std::string_view::npos;
                 end = key.find("\n----", end + 1)) {
                std::size_t j = end + 5;
                if (dash_or_space(j) && key.substr(j + 1, 4) == "END " && key.substr(j + 5, kind.size()) == kind &&
                    dash_or_space(j + 5 + kind.size()) && key.substr(j + 6 + kind.size(), 4) == "----") {
                    return true;
                }
            }
        }
    }
    return false;
}

// utils.is_ssh_key: a key format name anywhere, or a first word ending in the cert suffix.
bool is_ssh_key(std::string_view key) {
    for (std::string_view format : {"ssh-ed25519", "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                                    "ecdsa-sha2-nistp521"}) {
        if (key.find(format) != std::string_view::npos) return true;
    }
    // \A(\S+)[ \t]+(\S+)
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    std::size_t word_end = 0;
    while (word_end < key.size() && !space(key[word_end])) ++word_end;
    std::size_t next = word_end;
    while (next < key.size() && (key[next] == ' ' || key[next] == '\t')) ++next;
    if (word_end == 0 || next == word_end || next == key.size() || space(key[next])) return false;
    return key.substr(0, word_end).ends_with("-cert-v01@openssh.com");
}

}  // namespace

std::optional<std::string> hmac_key_refusal(std::string_view key) {
    if (is_pem_format(key) || is_ssh_key(key)) {
        return "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.";
    }
    return std::nullopt;
}

std::string encode_hs256(const pyjson::Value& payload, std::string_view key) {
    if (auto refusal = hmac_key_refusal(key)) throw InvalidKeyError(*refusal);
    const std::string signing_input = crypto::base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." +
                                      crypto::base64url_encode(pyjson::dumps(payload, {.ensure_ascii = true, .compact = true}));
    return signing_input + "." + crypto::base64url_encode(hmac_bytes(key, signing_input));
}

std::variant<Decoded, DecodeFailure> decode_hs256(std::string_view token, std::string_view key, std::int64_t now) {
    // PyJWS._load: rsplit the signature off, then split header from payload once.
    const std::size_t last_dot = token.rfind('.');
    const std::string_view signing_input = last_dot == std::string_view::npos ? token : token.substr(0, last_dot);
    const std::size_t first_dot = signing_input.find('.');
    if (last_dot == std::string_view::npos || first_dot == std::string_view::npos) {
        return failure("DecodeError", "Not enough segments");
    }
    const std::optional<std::string> header_data = base64url_decode(signing_input.substr(0, first_dot));
    if (!header_data) return failure("DecodeError", "Invalid header padding");
    auto header = loads_bytes(*header_data);
    if (auto* bad = std::get_if<JsonFailure>(&header)) {
        if (!bad->value_error) return {DecodeFailure{"RecursionError", bad->message, true}};
        return failure("DecodeError", "Invalid header string: " + bad->message);
    }
    Decoded decoded{std::get<pyjson::Value>(std::move(header)), {}};
    if (!decoded.header.is(Kind::Dict)) return failure("DecodeError", "Invalid header string: must be a json object");
    const std::optional<std::string> payload_data = base64url_decode(signing_input.substr(first_dot + 1));
    if (!payload_data) return failure("DecodeError", "Invalid payload padding");
    const std::optional<std::string> signature = base64url_decode(token.substr(last_dot + 1));
    if (!signature) return failure("DecodeError", "Invalid crypto padding");

    if (auto bad = validate_headers(decoded.header)) return *bad;
    if (const pyjson::Value* b64 = decoded.header.find("b64"); b64 && b64->is(Kind::Bool) && !b64->as_bool()) {
        return failure("DecodeError", "It is required that you pass in a value for the \"detached_payload\" argument "
                                      "to decode a message having the b64 header set to false.");
    }
    // _verify_signature: only the algorithms the caller allows; HS256 is the only one here.
    const pyjson::Value* alg = decoded.header.find("alg");
    if (!alg || !truthy(*alg) || !alg->is(Kind::Str) || alg->as_str() != "HS256") {
        return failure("InvalidAlgorithmError", "The specified alg value is not allowed");
    }
    if (auto refusal = hmac_key_refusal(key)) return {DecodeFailure{"InvalidKeyError", *refusal, true}};
    if (!crypto::constant_time_equals(*signature, hmac_bytes(key, signing_input))) {
        return failure("InvalidSignatureError", "Signature verification failed");
    }

    auto payload = loads_bytes(*payload_data);
    if (auto* bad = std::get_if<JsonFailure>(&payload)) {
        if (!bad->value_error) return {DecodeFailure{"RecursionError", bad->message, true}};
        return failure("DecodeError", "Invalid payload string: " + bad->message);
    }
    decoded.payload = std::get<pyjson::Value>(std::move(payload));
    if (!decoded.payload.is(Kind::Dict)) return failure("DecodeError", "Invalid payload string: must be a json object");
    if (auto bad = validate_claims(decoded.payload, now)) return *bad;
    return decoded;
}

}  // namespace authlab::jwt
