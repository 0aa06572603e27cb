#pragma once
// simplejwt 5.2's tokens with its default settings: AccessToken (5 minutes) and RefreshToken
// (1 day), HS256 with the world's SECRET_KEY, claims token_type, exp, iat, jti, user_id.
// Mirrors rest_framework_simplejwt/tokens.py: Token.__init__ (decode, then verify) and
// RefreshToken.access_token.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "auth/user.hpp"
#include "crypto/random.hpp"
#include "pyjson/value.hpp"
#include "time/clock.hpp"

namespace authlab::jwt {

enum class TokenType { access, refresh };

// Token.set_exp's from_time + lifetime past datetime.max (the last day of year 9999): Python's
// OverflowError, which nothing in simplejwt or DRF catches.
struct ExpiryOverflow : std::runtime_error {
    ExpiryOverflow() : std::runtime_error("OverflowError: date value out of range") {}
};

std::string token_type_name(TokenType type);        // "access"
std::string token_class_name(TokenType type);       // "AccessToken"
std::int64_t lifetime_seconds(TokenType type);      // 300, 86400

// Token(): a fresh payload, {token_type, exp, iat, jti} at `now` (floored to the second).
// Throws ExpiryOverflow when its lifetime would end after year 9999.
pyjson::Value new_payload(TokenType type, Micros now, crypto::RandomSource& random);
// Token.for_user: a fresh payload with user_id.
pyjson::Value for_user(TokenType type, const auth::User& user, Micros now, crypto::RandomSource& random);
// RefreshToken.access_token: a fresh access payload whose exp counts from `refresh_time`, with
// every claim of the refresh token copied over except token_type, exp and jti (so its iat).
pyjson::Value access_from_refresh(const pyjson::Value& refresh_payload, Micros refresh_time, crypto::RandomSource& random);

// str(token): the signed compact form. Throws InvalidKeyError (see pyjwt.hpp).
std::string sign(const pyjson::Value& payload, std::string_view secret_key);

// Token(raw) for an expected type (nullopt: UntypedToken, no type check).
struct TokenCheck {
    std::optional<pyjson::Value> payload;  // set when the token is good
    std::string error;   // the TokenError message: "Token is invalid or expired", "Token has wrong type", …
    std::string cause;   // what lay behind it, for people: "InvalidSignatureError: Signature verification failed"
    bool uncaught = false;  // a Python error escaped: Django answers 500 (cause says which)
};
TokenCheck check_token(std::string_view raw, std::optional<TokenType> expected, std::string_view secret_key, Micros now);

}  // namespace authlab::jwt
