#include "jwt/tokens.hpp"

#include "crypto/hex.hpp"
#include "jwt/pyjwt.hpp"
#include "jwt/python_numbers.hpp"

namespace authlab::jwt {
namespace {

using pyjson::Value;

// datetime_to_epoch: timegm(dt.utctimetuple()) drops the microseconds.
std::int64_t epoch_seconds(Micros at) {
    std::int64_t seconds = at / micros_per_second;
    if (at % micros_per_second < 0) --seconds;
    return seconds;
}

// uuid4().hex: 16 random bytes with the version (4) and variant (10) bits set.
std::string uuid4_hex(crypto::RandomSource& random) {
    std::string bytes = random.bytes(16);
    bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0F) | 0x40);
    bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3F) | 0x80);
    return crypto::hex_encode(bytes);
}

TokenCheck refused(std::string error, std::string cause) { return {std::nullopt, std::move(error), std::move(cause), false}; }

// Token.check_exp: the claim, read as a datetime, must lie after now (to the microsecond).
std::optional<TokenCheck> check_exp(const Value& payload, Micros now) {
    const Value* exp = payload.find("exp");
    if (!exp) return refused("Token has no 'exp' claim", "the payload has no exp claim");
    const PyTimestamp claim_time = utcfromtimestamp(*exp);
    if (claim_time.error != PyError::none) {
        return TokenCheck{std::nullopt, "", py_error_name(claim_time.error) + ": datetime.utcfromtimestamp(" + exp->repr() + ")", true};
    }
    if (claim_time.micros <= now) return refused("Token 'exp' claim has expired", "exp " + exp->repr() + " is not after now");
    return std::nullopt;
}

}  // namespace

std::string token_type_name(TokenType type) { return type == TokenType::access ? "access" : "refresh"; }
std::string token_class_name(TokenType type) { return type == TokenType::access ? "AccessToken" : "RefreshToken"; }
std::int64_t lifetime_seconds(TokenType type) { return type == TokenType::access ? 5 * 60 : 24 * 60 * 60; }

pyjson::Value new_payload(TokenType type, Micros now, crypto::RandomSource& random) {
    if (!fits_in_datetime(now, lifetime_seconds(type))) throw ExpiryOverflow();
    Value payload = Value::dict({});
    payload.set("token_type", Value::string(token_type_name(type)));
    payload.set("exp", Value::integer(epoch_seconds(now) + lifetime_seconds(type)));
    payload.set("iat", Value::integer(epoch_seconds(now)));
    payload.set("jti", Value::string(uuid4_hex(random)));
    return payload;
}

pyjson::Value for_user(TokenType type, const auth::User& user, Micros now, crypto::RandomSource& random) {
    Value payload = new_payload(type, now, random);
    payload.set("user_id", Value::integer(static_cast<long long>(user.id)));
    return payload;
}

pyjson::Value access_from_refresh(const pyjson::Value& refresh_payload, Micros refresh_time, crypto::RandomSource& random) {
    Value access = new_payload(TokenType::access, refresh_time, random);
    for (const auto& [claim, value] : refresh_payload.as_dict()) {
        if (claim == "token_type" || claim == "exp" || claim == "jti") continue;  // no_copy_claims
        access.set(claim, value);
    }
    return access;
}

std::string sign(const pyjson::Value& payload, std::string_view secret_key) { return encode_hs256(payload, secret_key); }

TokenCheck check_token(std::string_view raw, std::optional<TokenType> expected, std::string_view secret_key, Micros now) {
    auto decoded = decode_hs256(raw, secret_key, epoch_seconds(now));
    if (auto* failure = std::get_if<DecodeFailure>(&decoded)) {
        // TokenBackend.decode turns every InvalidTokenError into TokenBackendError, and
        // Token.__init__ that into this one message.
        TokenCheck out = refused("Token is invalid or expired", failure->exception + ": " + failure->message);
        out.uncaught = failure->uncaught;
        return out;
    }
    const Value& payload = std::get<Decoded>(decoded).payload;
    // Token.verify: exp, then jti, then the type.
    if (auto bad = check_exp(payload, now)) return *bad;
    if (!payload.find("jti")) return refused("Token has no id", "the payload has no jti claim");
    if (expected) {
        const Value* type = payload.find("token_type");
        if (!type) return refused("Token has no type", "the payload has no token_type claim");
        if (!type->is(Value::Kind::Str) || type->as_str() != token_type_name(*expected)) {
            return refused("Token has wrong type", "token_type is " + type->repr() + ", not '" + token_type_name(*expected) + "'");
        }
    }
    return {payload, "", "", false};
}

}  // namespace authlab::jwt
