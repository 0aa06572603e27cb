#pragma once
// PyJWT 2.6 as simplejwt 5.2 calls it: jwt.encode(payload, SECRET_KEY, algorithm="HS256") and
// jwt.decode(token, SECRET_KEY, algorithms=["HS256"], options={"verify_aud": False}), step for
// step: segments, lenient base64url, header checks, the alg allow-list, a constant-time
// signature check, then the iat / nbf / exp claims against the clock in whole seconds.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "pyjson/value.hpp"

namespace authlab::jwt {

// HMACAlgorithm.prepare_key refuses a secret that looks like a PEM block or an SSH key
// (InvalidKeyError, which neither simplejwt nor DRF catches: Django answers 500).
std::optional<std::string> hmac_key_refusal(std::string_view key);

struct InvalidKeyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// jwt.encode: header {"alg":"HS256","typ":"JWT"}, the payload as json.dumps writes it.
// Throws InvalidKeyError.
std::string encode_hs256(const pyjson::Value& payload, std::string_view key);

struct Decoded {
    pyjson::Value header;
    pyjson::Value payload;  // a dict
};

// Why PyJWT refused a token. Every InvalidTokenError becomes simplejwt's "Token is invalid or
// expired"; `uncaught` marks the Python errors (TypeError, OverflowError, RecursionError)
// that escape both libraries, so Django answers 500.
struct DecodeFailure {
    std::string exception;  // "DecodeError", "InvalidSignatureError", "ExpiredSignatureError", "TypeError", …
    std::string message;    // PyJWT's (or Python's) message
    bool uncaught = false;
};

std::variant<Decoded, DecodeFailure> decode_hs256(std::string_view token, std::string_view key, std::int64_t now_seconds);

}  // namespace authlab::jwt
