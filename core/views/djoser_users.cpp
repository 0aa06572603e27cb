// djoser 2.1's UserViewSet as djoser.urls mounts it: /auth/users/ (list, create) and the `me`
// action at /auth/users/me/ (retrieve, update, partial_update, destroy of request.user).
// get_permissions picks the classes by action: create has AllowAny, every other method
// CurrentUserOrAdmin (settings.PERMISSIONS.user), and HIDE_USERS turns a refused list into 404.
#include <algorithm>

#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"
#include "drf/perm_classes.hpp"
#include "drf/serializer_models.hpp"
#include "unicode/nfkc.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {

using drf::Reply;
using drf::RequestContext;

// list: PERMISSIONS.user_list; HIDE_USERS shows a non-staff user only themself.
Reply list_users(RequestContext& request, const drf::PathArgs&) {
    nlohmann::ordered_json body = nlohmann::ordered_json::array();
    for (const User& user : request.world.users) {
        if (request.user->is_staff || user.id == request.user->id) body.push_back(drf::current_user_representation(user));
    }
    request.trace.add("handler", "UserViewSet", "pass",
                      request.user->is_staff ? "listed every user: " + request.user->username + " is staff."
                                             : "listed " + request.user->username + " only: djoser's HIDE_USERS hides the others.");
    return {200, body};
}

// UserManager.normalize_email: the domain part lower-cased. Limit: only ASCII letters are
// lowered (Python lowers every cased letter).
std::string normalize_email(const std::string& email) {
    std::size_t at = email.rfind('@');
    if (at == std::string::npos) return email;
    std::string domain = email.substr(at + 1);
    std::transform(domain.begin(), domain.end(), domain.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return email.substr(0, at + 1) + domain;
}

// create: PERMISSIONS.user_create (AllowAny), UserCreateSerializer, User.objects.create_user,
// which stores the username in NFKC. The uniqueness check saw the username as sent, so a
// normalised one can still collide: the database refuses it (IntegrityError) and djoser
// answers its bare list ["Unable to create account."].
Reply create_user(RequestContext& request, const drf::PathArgs&) {
    drf::Validated valid = drf::validate_request(request, drf::user_create_serializer(request.world), "UserViewSet");
    User user;
    user.username = unicode::nfkc(valid.get("username")->as_str());
    if (request.world.find_user(std::string_view(user.username))) {
        request.fail(drf::validation_error(nlohmann::ordered_json::array({"Unable to create account."})), "handler", "UserViewSet", "create_user normalises the username to '" + drf::trace_text(user.username) +
                              "', which is taken: the database refuses it (IntegrityError).");
    }
    const pyjson::Value* email = valid.get("email");
    user.email = normalize_email(email ? email->as_str() : "");
    user.password = request.passwords.make_password(valid.get("password")->as_str());
    Id me = request.user ? request.user->id : 0;
    Id id = request.world.add_user(user);
    if (me) request.user = request.world.find_user(me);  // the table may have moved
    request.trace.add("handler", "UserViewSet", "pass", "created user " + std::to_string(id) + " (" + user.username + ").",
                      {{"user", id}});
    user.id = id;
    return {201, drf::user_create_representation(user)};
}

Reply retrieve_me(RequestContext& request) {
    request.trace.add("handler", "UserViewSet", "pass", "answered with request.user, " + request.user->username + ".");
    return {200, drf::current_user_representation(*request.user)};
}

// update / partial_update with UserSerializer: only the email is writable.
Reply update_me(RequestContext& request, bool partial) {
    drf::Validated valid = drf::validate_request(request, drf::current_user_serializer(), "UserViewSet", partial);
    if (const pyjson::Value* email = valid.get("email")) request.user->email = email->as_str();
    request.trace.add("handler", "UserViewSet", "pass", "updated " + request.user->username + ".");
    return {200, drf::current_user_representation(*request.user)};
}

// destroy: UserDeleteSerializer checks current_password; logout_user deletes the user's token;
// the user goes, with what cascades from it (orders, tokens). Django keeps sessions rows.
Reply destroy_me(RequestContext& request) {
    User& user = *request.user;
    auto check = [&](const std::string& raw) {
        auth::HashCheck result = request.passwords.check_password(raw, user.password);
        if (result.verdict != auth::Verdict::match) return false;
        if (result.must_update) user.password = request.passwords.make_password(raw);  // check_password's setter
        return true;
    };
    drf::validate_request(request, drf::user_delete_serializer(check), "UserViewSet");
    Id id = user.id;
    std::string name = user.username;
    std::erase_if(request.world.tokens, [&](const AuthToken& t) { return t.user == id; });
    std::erase_if(request.world.orders, [&](const Order& o) { return o.owner == id; });
    std::erase_if(request.world.users, [&](const User& u) { return u.id == id; });
    request.user = nullptr;  // the row is gone; nothing may point at it
    request.trace.add("handler", "UserViewSet", "pass", "deleted user " + name + " (" + std::to_string(id) + ").");
    return {204, nullptr};
}

// me: the action branches on GET, PUT, PATCH and DELETE only: HEAD (routed to it with GET)
// returns None, which DRF refuses with an AssertionError: 500.
Reply me(RequestContext& request, const drf::PathArgs&) {
    const std::string& method = request.http.method;
    if (method == "PUT" || method == "PATCH") return update_me(request, method == "PATCH");
    if (method == "DELETE") return destroy_me(request);
    if (method == "HEAD") {
        throw drf::ServerError("AssertionError: Expected a `Response`, `HttpResponse` or `HttpStreamingResponse` to be "
                               "returned from the view, but received a `<class 'NoneType'>`");
    }
    return retrieve_me(request);
}

}  // namespace

drf::ApiView djoser_user_list() {
    drf::ApiView view;
    view.name = "UserViewSet";
    view.model = "auth.user";
    view.allow = "GET, POST, HEAD, OPTIONS";
    view.fixed_permissions = {"CurrentUserOrAdmin"};  // PERMISSIONS.user: every action but create
    view.method_permissions["POST"] = {"AllowAny"};   // PERMISSIONS.user_create
    view.not_found_when_refused = {"GET", "HEAD"};     // list
    view.handlers["GET"] = list_users;
    view.handlers["POST"] = create_user;
    return view;
}

drf::ApiView djoser_user_me() {
    drf::ApiView view;
    view.name = "UserViewSet";
    view.model = "auth.user";
    view.allow = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
    view.fixed_permissions = {"CurrentUserOrAdmin"};  // PERMISSIONS.user, and user_delete for DELETE: the same class
    for (const char* method : {"GET", "PUT", "PATCH", "DELETE"}) view.handlers[method] = me;
    return view;
}

}  // namespace authlab::views
