// A token as simplejwt reads it (PyJWT's decode, then the claims and token_type), and as the
// token panel inspects it.
#include "support.hpp"
#include "jwt/pyjwt.hpp"
#include "jwt/tokens.hpp"
#include "lab/jwt_inspect.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    std::string_view token = fuzz::as_text(data, size);
    fuzz::FreshBackend fresh;
    const std::string& key = fresh.backend.world().secret_key;
    Micros now = fresh.backend.now();
    jwt::decode_hs256(token, key, now / micros_per_second);
    jwt::check_token(token, jwt::TokenType::access, key, now);
    jwt::check_token(token, std::nullopt, key, now);
    lab::inspect_jwt(fresh.backend, token);
    return 0;
}
