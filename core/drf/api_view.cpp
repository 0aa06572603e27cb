#include "drf/api_view.hpp"

#include "auth/foreign_hashers.hpp"
#include "django/pages.hpp"
#include "drf/authentication.hpp"
#include "drf/errors.hpp"
#include "drf/explain.hpp"
#include "drf/metadata.hpp"
#include "drf/negotiation.hpp"
#include "drf/permissions.hpp"
#include "drf/throttling.hpp"

namespace authlab::drf {
namespace {

// A policy entry that names no class the core can build: Django fails importing or
// instantiating it (ImportError, a parse error) and answers 500. Never skipped, so an entry
// that slipped past a loader's check lets nothing through.
[[noreturn]] void unbuildable(std::string_view what, std::string_view entry, std::string_view why = {}) {
    std::string message = std::string(what) + " '" + std::string(entry) + "' cannot be built";
    throw ServerError(why.empty() ? message : message + ": " + std::string(why));
}

const ViewPolicy* view_policy(const ApiView& view, const World& world) {
    auto it = world.policies.views.find(view.policy);
    return view.policy.empty() || it == world.policies.views.end() ? nullptr : &it->second;
}

// get_authenticators(): the view's own list, else DEFAULT_AUTHENTICATION_CLASSES.
std::vector<std::unique_ptr<Authenticator>> get_authenticators(const ApiView& view, const World& world) {
    std::vector<std::unique_ptr<Authenticator>> out;
    if (view.without_authenticators) return out;
    const ViewPolicy* policy = view_policy(view, world);
    const auto& names = policy && policy->authentication ? *policy->authentication : world.policies.authentication;
    for (const std::string& name : names) {
        auto authenticator = make_authenticator(name);
        if (!authenticator) unbuildable("The authentication class", name);
        out.push_back(std::move(authenticator));
    }
    return out;
}

// get_permissions(): one instance per entry of the policy (or the view's fixed classes).
std::vector<std::unique_ptr<Permission>> get_permissions(const ApiView& view, const World& world, const std::string& method) {
    std::vector<std::unique_ptr<Permission>> out;
    const ViewPolicy* policy = view_policy(view, world);
    auto by_method = view.method_permissions.find(method == "HEAD" ? "GET" : method);
    const auto& expressions = by_method != view.method_permissions.end() ? by_method->second
                              : view.policy.empty() ? view.fixed_permissions
                              : policy            ? policy->permissions
                                                  : std::vector<std::string>{};
    for (const std::string& expression : expressions) {
        auto parsed = parse_permission(expression);
        if (!parsed.permission) unbuildable("The permission expression", expression, parsed.error);
        out.push_back(std::move(parsed.permission));
    }
    return out;
}

// get_throttles(): the policy's own list, else DEFAULT_THROTTLE_CLASSES (djoser's and
// simplejwt's views too: none of them sets throttle_classes).
std::vector<std::unique_ptr<Throttle>> get_throttles(const ApiView& view, const World& world) {
    std::vector<std::unique_ptr<Throttle>> out;
    const ViewPolicy* policy = view_policy(view, world);
    const auto& entries = policy && policy->throttle ? *policy->throttle : world.policies.throttle;
    for (const std::string& entry : entries) {
        auto throttle = make_throttle(entry);
        if (!throttle) unbuildable("The throttle", entry);
        out.push_back(std::move(throttle));
    }
    return out;
}

void authenticated_as(RequestContext& request, User* user, std::string authenticator, const std::string& how, bool forced) {
    request.user = user;
    request.authenticator = std::move(authenticator);
    nlohmann::ordered_json data = {{"user", user->username}, {"authenticator", request.authenticator}};
    if (forced) data["forced"] = true;
    request.trace.add("user", user->username, "authenticated", "request.user is " + user->username + how, std::move(data));
}

// APIView.perform_authentication, i.e. Request._authenticate: the first authenticator to
// return a user wins; one that raises ends it.
void perform_authentication(const std::vector<std::unique_ptr<Authenticator>>& authenticators, RequestContext& request) {
    if (request.forced) {
        if (User* user = request.world.find_user(request.forced->user)) {
            authenticated_as(request, user, request.forced->authenticator, " (forced, as " + request.forced->authenticator + " found it).", true);
            return;
        }
    }
    for (const auto& authenticator : authenticators) {
        std::optional<Authenticated> result = authenticator->authenticate(request);
        if (result) {
            request.auth = std::move(result->auth);
            authenticated_as(request, result->user, std::string(authenticator->name()),
                             ", authenticated by " + std::string(authenticator->name()) + ".", false);
            return;
        }
    }
    request.trace.add("user", "AnonymousUser", "anonymous",
                      authenticators.empty() ? "The view has no authenticators: request.user is AnonymousUser."
                                             : "No authenticator found credentials: request.user is AnonymousUser.",
                      {{"user", nullptr}});
}

// APIView.check_permissions: every class, in order; the first refusal is permission_denied.
void check_permissions(const std::vector<std::unique_ptr<Permission>>& permissions, RequestContext& request) {
    for (const auto& permission : permissions) {
        if (!permission->has_permission(request)) permission_denied(request);
    }
}

}  // namespace

// APIView.check_object_permissions (the view's get_object calls it): every class, in order;
// the first refusal is permission_denied. A member of the request so a handler can ask it.
void RequestContext::check_object_permissions() {
    if (!permissions) return;
    for (const auto& permission : *permissions) {
        if (!permission->has_object_permission(*this)) permission_denied(*this);
    }
}

namespace {

// APIView.check_throttles: every throttle is asked (each allowed request is recorded), and
// the longest wait of those that refused goes into Throttled.
void check_throttles(const std::vector<std::unique_ptr<Throttle>>& throttles, RequestContext& request) {
    bool refused = false;
    std::optional<double> duration;
    for (const auto& throttle : throttles) {
        if (throttle->allow_request(request)) continue;
        refused = true;
        if (std::optional<double> wait = throttle->wait(); wait && (!duration || *wait > *duration)) duration = wait;
    }
    if (refused) throw throttled(duration);  // APIView.throttled
}

// APIView.get_authenticate_header: the first authenticator's challenge (simplejwt's views
// override it to always answer theirs).
std::optional<std::string> get_authenticate_header(const ApiView& view,
                                                   const std::vector<std::unique_ptr<Authenticator>>& authenticators) {
    if (view.challenge) return view.challenge;
    if (!authenticators.empty()) return authenticators.front()->authenticate_header();
    return std::nullopt;
}

// The headers an exception's response carries (rest_framework.views.exception_handler):
// WWW-Authenticate from auth_header, Retry-After from a Throttled's wait.
struct ExceptionHeaders {
    std::optional<std::string> auth_header;
    std::optional<long long> retry_after;
};

// APIView.handle_exception: NotAuthenticated and AuthenticationFailed take the view's
// challenge; without one they become 403.
ExceptionHeaders handle_exception(const ApiView& view, const std::vector<std::unique_ptr<Authenticator>>& authenticators,
                                  ApiError& error) {
    ExceptionHeaders headers;
    if (error.kind == ApiError::Kind::not_authenticated || error.kind == ApiError::Kind::authentication_failed) {
        headers.auth_header = get_authenticate_header(view, authenticators);
        if (!headers.auth_header) error.status = 403;
    }
    if (error.wait && *error.wait != 0) headers.retry_after = error.wait;
    return headers;
}

// finalize_response: DRF's headers; the middleware adds the rest on the way out.
http::Response finalize_response(const ApiView& view, const Accepted& accepted, int status, const nlohmann::ordered_json& body,
                                 const ExceptionHeaders& headers = {}) {
    http::Response response;
    response.status = status;
    response.body = body.is_null() ? "" : render_json(body, accepted.indent);
    // Response.rendered_content: the renderer's own media type, whatever parameters were asked.
    if (!response.body.empty()) response.headers.add("Content-Type", "application/json");
    if (headers.auth_header) response.headers.add("WWW-Authenticate", *headers.auth_header);
    if (headers.retry_after) response.headers.add("Retry-After", std::to_string(*headers.retry_after));
    response.headers.add("Vary", "Accept");
    response.headers.add("Allow", view.allow);
    return response;
}

// APIView.options: every view answers it with its metadata_class, SimpleMetadata.
Reply options(const ApiView& view, RequestContext& request, const PathArgs& args) {
    return {200, SimpleMetadata().determine_metadata(request, view, args)};
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

void permission_denied(const RequestContext& request) {
    // djoser's UserViewSet.permission_denied first: HIDE_USERS answers 404 to a known user.
    if (request.user && request.view && request.view->not_found_when_refused.contains(request.http.method)) throw not_found();
    if (request.has_authenticators && request.authenticator.empty()) throw not_authenticated();
    throw permission_denied_error();
}

http::Response dispatch(const ApiView& view, RequestContext& request, const PathArgs& args) {
    std::vector<std::unique_ptr<Authenticator>> authenticators;
    std::vector<std::unique_ptr<Permission>> permissions;
    std::vector<std::unique_ptr<Throttle>> throttles;
    request.view = &view;
    request.view_model = view.model;
    Accepted accepted;  // a 406 is rendered by the first renderer, JSON
    try {
        // initialize_request and the view's classes (get_authenticators, get_permissions, get_throttles).
        authenticators = get_authenticators(view, request.world);
        permissions = get_permissions(view, request.world, request.http.method);
        throttles = get_throttles(view, request.world);
        request.permissions = &permissions;
        request.has_authenticators = !authenticators.empty();
        // APIView.initial
        accepted = negotiate_renderer(request.http);
        perform_authentication(authenticators, request);
        check_permissions(permissions, request);
        check_throttles(throttles, request);
        std::string method = request.http.method == "HEAD" ? "GET" : request.http.method;  // Django: head = get
        auto handler = view.handlers.find(method);
        if (handler == view.handlers.end() && method != "OPTIONS") throw method_not_allowed(request.http.method);
        request.trace.add("handler", view.name, "pass", view.name + " handles " + request.http.method + ".");
        Reply reply = handler != view.handlers.end() ? handler->second(request, args) : options(view, request, args);
        explain_success(request, view.name, reply.status);
        return finalize_response(view, accepted, reply.status, reply.body);
    } catch (ApiError& error) {
        ExceptionHeaders headers = handle_exception(view, authenticators, error);
        explain_error(request, view.name, error, authenticators.empty() ? "" : std::string(authenticators.front()->name()),
                      headers.auth_header);
        return finalize_response(view, accepted, error.status, error.body, headers);
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
