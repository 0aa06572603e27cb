// djoser 2.1's TokenCreateView and TokenDestroyView (djoser/views.py, djoser/utils.py
// login_user / logout_user) with DRF's authtoken.Token: one 40-hex key per user.
#include <algorithm>

#include "backends/model_backend.hpp"
#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"
#include "drf/serializer_models.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {

const std::string invalid_credentials = "Unable to log in with provided credentials.";

std::optional<std::string> field(const drf::Validated& fields, const std::string& name) {
    const pyjson::Value* value = fields.get(name);
    return value ? std::optional<std::string>(value->as_str()) : std::nullopt;
}

std::string refusal(auth::LoginOutcome outcome) {
    switch (outcome) {
        case auth::LoginOutcome::missing_credentials: return "the username or password is missing";
        case auth::LoginOutcome::unknown_user: return "no user has that username";
        case auth::LoginOutcome::wrong_password: return "the password does not match";
        case auth::LoginOutcome::inactive: return "the user is inactive";
        case auth::LoginOutcome::success: break;
    }
    return "";
}

// TokenCreateSerializer: validate() asks authenticate() and refuses with one message whatever
// went wrong.
drf::Reply token_create(drf::RequestContext& request, const drf::PathArgs&) {
    const drf::Validated fields = drf::token_create_serializer().is_valid(request.data());
    if (!fields.valid()) {
        request.fail(drf::validation_error(fields.errors), "handler", "TokenCreateSerializer", "The body's fields do not validate.", {{"errors", fields.errors}});
    }
    const std::optional<std::string> username = field(fields, "username");
    const auth::LoginResult result = auth::authenticate(request.world, request.passwords, username, field(fields, "password"));
    if (!result.user) {
        request.fail(drf::validation_error({{"non_field_errors", {invalid_credentials}}}), "handler", "TokenCreateSerializer", "authenticate() returns None (" + refusal(result.outcome) +
                              "): djoser answers with one message for every case.",
                          {{"username", username ? nlohmann::ordered_json(drf::trace_text(*username)) : nlohmann::ordered_json()}});
    }
    // login_user: get_or_create the token (CREATE_SESSION_ON_LOGIN is False: no session).
    const bool existed = std::any_of(request.world.tokens.begin(), request.world.tokens.end(),
                                     [&](const AuthToken& t) { return t.user == result.user->id; });
    const AuthToken& token = request.world.get_or_create_token(result.user->id, request.random, request.now);
    request.trace.add("handler", "TokenCreateView", "pass",
                      result.user->username + "'s credentials are right: " +
                          (existed ? "the existing token " : "a new token ") + drf::redact(token.key) + " is returned.",
                      {{"user", result.user->username}, {"created", !existed}});
    return {200, {{"auth_token", token.key}}};
}

// TokenDestroyView.post: logout_user deletes the user's token, however they authenticated.
drf::Reply token_destroy(drf::RequestContext& request, const drf::PathArgs&) {
    const std::size_t removed = std::erase_if(request.world.tokens, [&](const AuthToken& t) { return t.user == request.user->id; });
    request.trace.add("handler", "TokenDestroyView", "pass",
                      removed ? request.user->username + "'s token is deleted: it no longer authenticates."
                              : request.user->username + " had no token; nothing to delete.",
                      {{"deleted", removed}});
    return {204, nullptr};
}

}  // namespace

drf::ApiView djoser_token_login() {
    drf::ApiView view;
    view.name = "TokenCreateView";
    view.fixed_permissions = {"AllowAny"};  // settings.PERMISSIONS.token_create; authenticators: the global list
    view.handlers["POST"] = token_create;
    view.allow = "POST, OPTIONS";
    view.description = "Use this endpoint to obtain user authentication token.";
    view.get_serializer = [](drf::RequestContext&) { return drf::token_create_serializer(); };
    return view;
}

drf::ApiView djoser_token_logout() {
    drf::ApiView view;
    view.name = "TokenDestroyView";
    view.fixed_permissions = {"IsAuthenticated"};
    view.handlers["POST"] = token_destroy;
    view.allow = "POST, OPTIONS";
    view.description = "Use this endpoint to logout user (remove user authentication token).";  // an APIView: no serializer
    return view;
}

}  // namespace authlab::views
