#include "lab/jwt_inspect.hpp"

#include "crypto/base64.hpp"
#include "crypto/constant_time.hpp"
#include "crypto/hmac.hpp"
#include "jwt/python_json.hpp"
#include "jwt/tokens.hpp"

namespace authlab::lab {
namespace {

using nlohmann::ordered_json;

// A segment decoded for display only, read as PyJWT reads it (json.loads: UTF-16 and NaN
// too, nesting bounded); nullopt when it is not base64url JSON.
std::optional<ordered_json> segment(std::string_view text) {
    auto bytes = crypto::base64url_decode(text);
    if (!bytes) return std::nullopt;
    auto value = jwt::loads_bytes(*bytes);
    if (!std::holds_alternative<pyjson::Value>(value)) return std::nullopt;
    return jwt::to_ordered_json(std::get<pyjson::Value>(value));
}

}  // namespace

ordered_json inspect_jwt(const Backend& backend, std::string_view token) {
    ordered_json out = {{"header", nullptr}, {"payload", nullptr}, {"signature", "unchecked"}, {"problem", ""}, {"expires_in", nullptr}};
    std::size_t first = token.find('.');
    std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
        out["problem"] = "a JWT has three dot-separated parts";
        return out;
    }
    auto header = segment(token.substr(0, first));
    auto payload = segment(token.substr(first + 1, second - first - 1));
    if (header) out["header"] = *header;
    if (payload) out["payload"] = *payload;
    if (!header || !payload) {
        out["problem"] = "the header or payload is not base64url-encoded JSON";
        return out;
    }
    if (payload->contains("exp") && (*payload)["exp"].is_number())
        out["expires_in"] = (*payload)["exp"].get<double>() - static_cast<double>(backend.now()) / micros_per_second;
    // The signature alone: HS256 over "header.payload" with the world's SECRET_KEY.
    auto signature = crypto::base64url_decode(token.substr(second + 1));
    auto expected = crypto::hmac_sha256(backend.world().secret_key, token.substr(0, second));
    bool signed_here = header->is_object() && header->value("alg", "") == "HS256" && signature &&
                       crypto::constant_time_equals(*signature, std::string_view(reinterpret_cast<const char*>(expected.data()), expected.size()));
    out["signature"] = signed_here ? "valid" : "invalid";
    // Then simplejwt's whole check (untyped): the algorithm, the signature, the claims' times.
    jwt::TokenCheck check = jwt::check_token(token, std::nullopt, backend.world().secret_key, backend.now());
    if (!check.payload) out["problem"] = check.cause.empty() ? check.error : check.cause;
    return out;
}

}  // namespace authlab::lab
