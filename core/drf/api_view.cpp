#include "drf/api_view.hpp"

#include "auth/foreign_hashers.hpp"
#include "django/pages.hpp"
#include "drf/authentication.hpp"
#include "drf/errors.hpp"
#include "drf/explain.hpp"
#include "drf/negotiation.hpp"
#include "drf/permissions.hpp"

namespace authlab::drf {
namespace {

const ViewPolicy* view_policy(const ApiView& view, const World& world) {
    auto it = world.policies.views.find(view.policy);
    return view.policy.empty() || it == world.policies.views.end() ? nullptr : &it->second;
}

// get_authenticators(): the view's own list, else DEFAULT_AUTHENTICATION_CLASSES.
std::vector<std::unique_ptr<Authenticator>> authenticators_for(const ApiView& view, const World& world) {
    std::vector<std::unique_ptr<Authenticator>> out;
    if (view.without_authenticators) return out;
    const ViewPolicy* policy = view_policy(view, world);
    const auto& names = policy && policy->authentication ? *policy->authentication : world.policies.authentication;
    for (const std::string& name : names) {
        if (auto authenticator = make_authenticator(name)) out.push_back(std::move(authenticator));
    }
    return out;
}

// get_permissions(): one instance per entry of the policy (or the view's fixed classes).
std::vector<std::unique_ptr<Permission>> permissions_for(const ApiView& view, const World& world, const std::string& method) {
    std::vector<std::unique_ptr<Permission>> out;
    const ViewPolicy* policy = view_policy(view, world);
    auto by_method = view.method_permissions.find(method == "HEAD" ? "GET" : method);
    const auto& expressions = by_method != view.method_permissions.end() ? by_method->second
                              : view.policy.empty() ? view.fixed_permissions
                              : policy            ? policy->permissions
                                                  : std::vector<std::string>{};
    for (const std::string& expression : expressions) {
        if (auto parsed = parse_permission(expression); parsed.permission) out.push_back(std::move(parsed.permission));
    }
    return out;
}

// Request._authenticate: the first authenticator to return a user wins; one that raises ends it.
void perform_authentication(const std::vector<std::unique_ptr<Authenticator>>& authenticators, RequestContext& request) {
    if (request.forced) {
        request.user = request.world.find_user(request.forced->user);
        if (request.user) {
            request.authenticator = request.forced->authenticator;
            request.trace.add("user", request.user->username, "authenticated",
                              "request.user is " + request.user->username + " (forced, as " + request.authenticator + " found it).",
                              {{"user", request.user->username}, {"authenticator", request.authenticator}, {"forced", true}});
            return;
        }
    }
    for (const auto& authenticator : authenticators) {
        std::optional<Authenticated> result = authenticator->authenticate(request);
        if (result) {
            request.user = result->user;
            request.auth = std::move(result->auth);
            request.authenticator = std::string(authenticator->name());
            request.trace.add("user", request.user->username, "authenticated",
                              "request.user is " + request.user->username + ", authenticated by " + request.authenticator + ".",
                              {{"user", request.user->username}, {"authenticator", request.authenticator}});
            return;
        }
    }
    request.trace.add("user", "AnonymousUser", "anonymous",
                      authenticators.empty() ? "The view has no authenticators: request.user is AnonymousUser."
                                             : "No authenticator found credentials: request.user is AnonymousUser.",
                      {{"user", nullptr}});
}

// APIView.check_permissions and permission_denied: with authenticators and none that
// succeeded, a refusal is NotAuthenticated; otherwise PermissionDenied.
void check_permissions(const ApiView& view, const std::vector<std::unique_ptr<Permission>>& permissions, RequestContext& request) {
    for (const auto& permission : permissions) {
        if (permission->has_permission(request)) continue;
        if (request.user && view.not_found_when_refused.contains(request.http.method)) throw not_found();
        if (request.has_authenticators && request.authenticator.empty()) throw not_authenticated();
        throw permission_denied();
    }
}

// finalize_response: DRF's headers; the middleware adds the rest on the way out.
http::Response finalize(const ApiView& view, const Accepted& accepted, int status, const nlohmann::ordered_json& body,
                        const std::optional<std::string>& challenge) {
    http::Response response;
    response.status = status;
    response.body = body.is_null() ? "" : render_json(body, accepted.indent);
    // Response.rendered_content: the renderer's own media type, whatever parameters were asked.
    if (!response.body.empty()) response.headers.add("Content-Type", "application/json");
    if (challenge) response.headers.add("WWW-Authenticate", *challenge);
    response.headers.add("Vary", "Accept");
    response.headers.add("Allow", view.allow);
    return response;
}

}  // namespace

std::string render_json(const nlohmann::ordered_json& body, std::optional<int> indent) {
    std::string text = body.dump(indent.value_or(-1), ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    for (const auto& [character, escape] : {std::pair{"\u2028", "\\u2028"}, std::pair{"\u2029", "\\u2029"}}) {
        for (std::size_t at = text.find(character); at != std::string::npos; at = text.find(character, at + 6))
            text.replace(at, 3, escape);
    }
    return text;
}

http::Response dispatch(const ApiView& view, RequestContext& request, const PathArgs& args) {
    auto authenticators = authenticators_for(view, request.world);
    auto permissions = permissions_for(view, request.world, request.http.method);
    request.permissions = &permissions;
    request.has_authenticators = !authenticators.empty();
    request.view_model = view.model;
    Accepted accepted;  // a 406 is rendered by the first renderer, JSON
    try {
        accepted = negotiate_renderer(request.http);
        perform_authentication(authenticators, request);
        check_permissions(view, permissions, request);
        std::string method = request.http.method == "HEAD" ? "GET" : request.http.method;  // Django: head = get
        auto handler = view.handlers.find(method);
        if (handler == view.handlers.end()) throw method_not_allowed(request.http.method);
        request.trace.add("handler", view.name, "pass", view.name + " handles " + request.http.method + ".");
        Reply reply = handler->second(request, args);
        explain_success(request, view.name, reply.status);
        return finalize(view, accepted, reply.status, reply.body, std::nullopt);
    } catch (ApiError& error) {
        // handle_exception: the two authentication errors take the first authenticator's
        // challenge; without one they become 403.
        std::optional<std::string> challenge = error.www_authenticate;
        bool auth_error = error.kind == ApiError::Kind::not_authenticated || error.kind == ApiError::Kind::authentication_failed;
        if (auth_error && !challenge) {
            if (view.challenge) challenge = view.challenge;
            else if (!authenticators.empty()) challenge = authenticators.front()->authenticate_header();
            if (!challenge) error.status = 403;
        }
        if (!auth_error) challenge.reset();
        explain_error(request, view.name, error, authenticators.empty() ? "" : std::string(authenticators.front()->name()),
                      challenge);
        return finalize(view, accepted, error.status, error.body, challenge);
    } catch (const BadRequest& error) {
        // A SuspiciousOperation from reading the body (too many fields, too large) leaves DRF
        // for Django's handler: its 400 page. Logging it builds an error report that reads
        // request.user, so the session is read too.
        request.session.get_user();
        request.trace.add("response", view.name, "fail", std::string("Django refuses the body: ") + error.what());
        request.trace.conclude(400, "bad_request", std::string("400: Django's own Bad Request page (") + error.what() + ").");
        return django::bad_request_page();
    } catch (const auth::HasherUnavailable& error) {
        // A stored hash whose hasher cannot load: check_password raises and nobody catches it.
        request.trace.add("response", view.name, "error", std::string("Django's password check raises ") + error.what());
        request.trace.conclude(500, "server_error", std::string("500: ") + error.what());
        return django::server_error_page();
    } catch (const ServerError& error) {
        request.trace.add("response", view.name, "error", std::string("Django itself fails here: ") + error.what());
        request.trace.conclude(500, "server_error", std::string("500: ") + error.what());
        return django::server_error_page();
    }
}

}  // namespace authlab::drf
