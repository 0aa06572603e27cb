// simplejwt 5.2's TokenObtainPairView, TokenRefreshView and TokenVerifyView (rest_framework_simplejwt/views.py
// and serializers.py): no authenticators, no permissions, and every authentication failure
// challenged with 'Bearer realm="api"'.
#include "backends/model_backend.hpp"
#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"
#include "jwt/pyjwt.hpp"
#include "jwt/python_json.hpp"
#include "jwt/tokens.hpp"
#include "drf/serializer_models.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {

// is_valid(raise_exception=True).
drf::Validated validated(drf::RequestContext& request, const std::string& serializer_name, const drf::Serializer& serializer) {
    drf::Validated fields = serializer.is_valid(request.data());
    if (!fields.valid()) {
        request.fail(drf::validation_error(fields.errors), "handler", serializer_name, "The body's fields do not validate.", {{"errors", fields.errors}});
    }
    return fields;
}

// str(token); a SECRET_KEY PyJWT will not use for HMAC fails the request (500).
std::string signed_token(drf::RequestContext& request, const pyjson::Value& payload) {
    try {
        return jwt::sign(payload, request.world.secret_key);
    } catch (const jwt::InvalidKeyError& error) {
        request.trace.add("handler", "TokenBackend", "error", std::string("PyJWT refuses the SECRET_KEY: ") + error.what());
        throw drf::ServerError(std::string("InvalidKeyError: ") + error.what());
    }
}

// A new token (Token.set_exp) whose lifetime would end after year 9999 fails the request: Python's
// datetime stops there, and nothing catches its OverflowError (500).
template <typename Make>
pyjson::Value minted(drf::RequestContext& request, const std::string& serializer_name, Make make) {
    try {
        return make();
    } catch (const jwt::ExpiryOverflow& error) {
        request.trace.add("handler", serializer_name, "error",
                          std::string("The new token would expire after year 9999, where Python's datetime ends: ") +
                              error.what() + ", which nothing catches (500).");
        throw drf::ServerError(error.what());
    }
}

// TokenObtainPairSerializer: username and password (trimmed, like every CharField), then
// authenticate(); a refused or inactive user is AuthenticationFailed, not a validation error.
drf::Reply token_obtain_pair(drf::RequestContext& request, const drf::PathArgs&) {
    const drf::Validated fields = validated(request, "TokenObtainPairSerializer", drf::token_obtain_pair_serializer());
    const std::string& username = fields.get("username")->as_str();
    const auth::LoginResult result = auth::authenticate(request.world, request.passwords, username, fields.get("password")->as_str());
    if (!result.user || !result.user->is_active) {
        request.fail(drf::authentication_failed(std::string("No active account found with the given credentials")), "handler", "TokenObtainPairSerializer", "authenticate() finds no active user for '" + drf::trace_text(username) +
                              "' with that password: AuthenticationFailed (401).",
                          {{"username", drf::trace_text(username)}});
    }
    const pyjson::Value refresh = minted(request, "TokenObtainPairSerializer", [&] {
        return jwt::for_user(jwt::TokenType::refresh, *result.user, request.now, request.random);
    });
    const pyjson::Value access = minted(request, "TokenObtainPairSerializer", [&] {
        return jwt::access_from_refresh(refresh, request.now, request.random);
    });
    request.trace.add("handler", "TokenObtainPairSerializer", "pass",
                      "The credentials of " + result.user->username +
                          " are right: a refresh token (1 day) and an access token (5 minutes) are signed with the SECRET_KEY.",
                      {{"refresh_claims", jwt::to_ordered_json(refresh)}, {"access_claims", jwt::to_ordered_json(access)}});
    return {200, {{"refresh", signed_token(request, refresh)}, {"access", signed_token(request, access)}}};
}

// TokenRefreshSerializer: RefreshToken(refresh) must verify; its access_token copies every
// claim but token_type, exp and jti (ROTATE_REFRESH_TOKENS is False: no new refresh token).
drf::Reply token_refresh(drf::RequestContext& request, const drf::PathArgs&) {
    const drf::Validated fields = validated(request, "TokenRefreshSerializer", drf::token_refresh_serializer());
    const std::string& raw = fields.get("refresh")->as_str();
    const jwt::TokenCheck check = jwt::check_token(raw, jwt::TokenType::refresh, request.world.secret_key, request.now);
    if (check.uncaught) {
        request.trace.add("handler", "TokenRefreshSerializer", "error",
                          "Checking the refresh token raises a Python error nobody catches (" + check.cause + "): 500.");
        throw drf::ServerError(check.cause);
    }
    if (!check.payload) {
        request.fail(drf::authentication_failed(nlohmann::ordered_json{{"detail", check.error}, {"code", "token_not_valid"}}), "handler", "TokenRefreshSerializer", "The refresh token " + drf::redact_jwt(raw) + " is refused: " + check.error + " (" + check.cause +
                              "); the view raises InvalidToken (401).",
                          {{"message", check.error}, {"cause", check.cause}});
    }
    const pyjson::Value access = minted(request, "TokenRefreshSerializer", [&] {
        return jwt::access_from_refresh(*check.payload, request.now, request.random);
    });
    request.trace.add("handler", "TokenRefreshSerializer", "pass",
                      "The refresh token is valid: a new access token keeps its iat and user_id and expires in 5 minutes.",
                      {{"access_claims", jwt::to_ordered_json(access)}});
    return {200, {{"access", signed_token(request, access)}}};
}

// TokenVerifySerializer: UntypedToken(token) must decode and not be expired (any token_type
// passes); no blacklist app is installed. The answer is the empty validated data, {}.
drf::Reply token_verify(drf::RequestContext& request, const drf::PathArgs&) {
    const drf::Validated fields = validated(request, "TokenVerifySerializer", drf::token_verify_serializer());
    const std::string& raw = fields.get("token")->as_str();
    const jwt::TokenCheck check = jwt::check_token(raw, std::nullopt, request.world.secret_key, request.now);
    if (check.uncaught) {
        request.trace.add("handler", "TokenVerifySerializer", "error",
                          "Checking the token raises a Python error nobody catches (" + check.cause + "): 500.");
        throw drf::ServerError(check.cause);
    }
    if (!check.payload) {
        request.trace.add("handler", "TokenVerifySerializer", "fail",
                          "The token " + drf::redact_jwt(raw) + " is refused: " + check.error + " (" + check.cause +
                              "); the view raises InvalidToken (401).",
                          {{"message", check.error}, {"cause", check.cause}});
        throw drf::authentication_failed(nlohmann::ordered_json{{"detail", check.error}, {"code", "token_not_valid"}});
    }
    request.trace.add("handler", "TokenVerifySerializer", "pass",
                      "The token's signature and expiry hold (UntypedToken: its type is not checked). Verifying says "
                      "nothing about whether its user still exists or is active.",
                      {{"claims", jwt::to_ordered_json(*check.payload)}});
    return {200, nlohmann::ordered_json::object()};
}

drf::ApiView token_view(std::string name, std::string description, drf::Serializer (*serializer)(), drf::Handler handler) {
    drf::ApiView view;
    view.name = std::move(name);
    view.description = std::move(description);
    view.get_serializer = [serializer](drf::RequestContext&) { return serializer(); };
    view.without_authenticators = true;   // authentication_classes = ()
    view.challenge = "Bearer realm=\"api\"";  // get_authenticate_header
    view.handlers["POST"] = std::move(handler);
    view.allow = "POST, OPTIONS";
    return view;  // permission_classes = (): no permission to pass
}

}  // namespace

// The descriptions are the views' docstrings, dedented.
drf::ApiView jwt_token_pair() {
    return token_view("TokenObtainPairView",
                      "Takes a set of user credentials and returns an access and refresh JSON web\n"
                      "token pair to prove the authentication of those credentials.",
                      drf::token_obtain_pair_serializer, token_obtain_pair);
}

drf::ApiView jwt_token_refresh() {
    return token_view("TokenRefreshView",
                      "Takes a refresh type JSON web token and returns an access type JSON web\n"
                      "token if the refresh token is valid.",
                      drf::token_refresh_serializer, token_refresh);
}

drf::ApiView jwt_token_verify() {
    return token_view("TokenVerifyView",
                      "Takes a token and indicates if it is valid.  This view provides no\n"
                      "information about a token's fitness for a particular use.",
                      drf::token_verify_serializer, token_verify);
}

}  // namespace authlab::views
