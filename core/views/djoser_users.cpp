// djoser 2.1's UserViewSet as djoser.urls mounts it: /auth/users/ (list, create), the `me`
// action at /auth/users/me/ (retrieve, update, partial_update, destroy of request.user), the
// detail route /auth/users/<id>/ and the set_password and set_username actions.
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

// CurrentPasswordSerializer.validate_current_password: request.user.check_password, whose
// setter stores a new hash when the hasher's parameters have changed.
std::function<bool(const std::string&)> request_user_password(RequestContext& request) {
    return [&request](const std::string& raw) {
        User& user = *request.user;
        auth::HashCheck result = request.passwords.check_password(raw, user.password);
        if (result.verdict != auth::Verdict::match) return false;
        if (result.must_update) user.password = request.passwords.make_password(raw);
        return true;
    };
}

// request.user again by id: erasing from the user table may move the row it points at.
void refind_request_user(RequestContext& request, Id me) {
    request.user = me ? request.world.find_user(me) : nullptr;
}

Reply retrieve(RequestContext& request, const User& user) {
    request.trace.add("handler", "UserViewSet", "pass", "answered with user " + std::to_string(user.id) + ", " + user.username + ".");
    return {200, drf::current_user_representation(user)};
}

// update / partial_update with UserSerializer: only the email is writable.
Reply update(RequestContext& request, User& user, bool partial) {
    drf::Validated valid = drf::validate_request(request, drf::current_user_serializer(), "UserViewSet", partial);
    if (const pyjson::Value* email = valid.get("email")) user.email = email->as_str();
    request.trace.add("handler", "UserViewSet", "pass", "updated " + user.username + ".");
    return {200, drf::current_user_representation(user)};
}

// destroy: UserDeleteSerializer checks request.user's current_password (whoever is being
// deleted); deleting oneself also runs logout_user (the token goes). The user goes with what
// cascades from it (orders, tokens, memberships). Django keeps the sessions rows.
Reply destroy(RequestContext& request, User& user) {
    drf::validate_request(request, drf::user_delete_serializer(request_user_password(request)), "UserViewSet");
    const Id id = user.id;
    const Id me = request.user->id;
    const std::string name = user.username;
    std::erase_if(request.world.tokens, [&](const AuthToken& t) { return t.user == id; });
    std::erase_if(request.world.orders, [&](const Order& o) { return o.owner == id; });
    std::erase_if(request.world.users, [&](const User& u) { return u.id == id; });
    refind_request_user(request, me == id ? 0 : me);  // nothing may point at the deleted row
    request.trace.add("handler", "UserViewSet", "pass", "deleted user " + name + " (" + std::to_string(id) + ").");
    return {204, nullptr};
}

// me: get_object is get_instance (request.user, no object permissions). The action branches
// on GET, PUT, PATCH and DELETE only: HEAD (routed to it with GET) returns None, which DRF
// refuses with an AssertionError: 500.
Reply me(RequestContext& request, const drf::PathArgs&) {
    const std::string& method = request.http.method;
    if (method == "PUT" || method == "PATCH") return update(request, *request.user, method == "PATCH");
    if (method == "DELETE") return destroy(request, *request.user);
    if (method == "HEAD") {
        throw drf::ServerError("AssertionError: Expected a `Response`, `HttpResponse` or `HttpStreamingResponse` to be "
                               "returned from the view, but received a `<class 'NoneType'>`");
    }
    return retrieve(request, *request.user);
}

// get_object over User.objects.all() by id, then check_object_permissions (CurrentUserOrAdmin:
// staff, or the user themself). UserViewSet.permission_denied: under HIDE_USERS an
// authenticated user refused retrieve, update or partial_update gets 404, as if the user did
// not exist; destroy keeps its 403.
User& get_user(RequestContext& request, const drf::PathArgs& args) {
    std::optional<Id> pk = drf::lookup_pk(pyjson::Value::string(args.at(0)));
    User* user = pk ? request.world.find_user(*pk) : nullptr;
    if (!user) {
        request.trace.add("handler", "UserViewSet", "fail", "no user has id \"" + args.at(0) + "\": 404.");
        throw drf::not_found();
    }
    request.object = drf::ViewObject{"auth.user", user->id, std::nullopt};
    try {
        request.check_object_permissions();
    } catch (const drf::ApiError& error) {
        if (!request.user || request.http.method == "DELETE" || request.http.method == "OPTIONS" || error.kind != drf::ApiError::Kind::permission_denied) throw;
        request.trace.add("handler", "UserViewSet", "fail",
                          "djoser's HIDE_USERS: a refused " + request.http.method + " answers 404, so " + request.user->username +
                              " cannot even learn that user " + std::to_string(user->id) + " exists.");
        throw drf::not_found();
    }
    return *user;
}

Reply user_detail(RequestContext& request, const drf::PathArgs& args) {
    User& user = get_user(request, args);
    const std::string& method = request.http.method;
    if (method == "PUT" || method == "PATCH") return update(request, user, method == "PATCH");
    if (method == "DELETE") return destroy(request, user);
    return retrieve(request, user);
}

// set_password: SetPasswordSerializer, then request.user.set_password and save. Tokens and
// JWTs stay valid; the sessions' stored hash no longer matches, so they end at their next use
// (LOGOUT_ON_PASSWORD_CHANGE and CREATE_SESSION_ON_LOGIN are False).
Reply set_password(RequestContext& request, const drf::PathArgs&) {
    drf::Validated valid = drf::validate_request(request, drf::set_password_serializer(request_user_password(request)), "UserViewSet");
    request.user->password = request.passwords.make_password(valid.get("new_password")->as_str());
    request.trace.add("handler", "UserViewSet", "pass",
                      request.user->username + "'s password is changed. Tokens and JWTs still work; sessions end at their next use.");
    return {204, nullptr};
}

// set_username: SetUsernameSerializer (the new name passes the username field's validators,
// uniqueness included), then setattr and save: stored as sent, without NFKC.
Reply set_username(RequestContext& request, const drf::PathArgs&) {
    drf::Validated valid =
        drf::validate_request(request, drf::set_username_serializer(request.world, request_user_password(request)), "UserViewSet");
    const std::string old = request.user->username;
    request.user->username = valid.get("new_username")->as_str();
    request.trace.add("handler", "UserViewSet", "pass", old + " is now called " + drf::trace_text(request.user->username) + ".");
    return {204, nullptr};
}

// OPTIONS is the ViewSet's "metadata" action: get_serializer_class falls back to
// SERIALIZERS.user (UserSerializer) and get_permissions to PERMISSIONS.user.
drf::Serializer metadata_serializer(RequestContext&) { return drf::current_user_serializer(); }

// `view_name`: the extra action's name; the router's own routes leave it "" and have a suffix.
drf::ApiView user_action(std::string view_name, std::string allow, const std::string& method, drf::Handler handler) {
    drf::ApiView view;
    view.name = "UserViewSet";
    view.view_name = std::move(view_name);
    view.get_serializer = metadata_serializer;
    view.model = "auth.user";
    view.allow = std::move(allow);
    view.fixed_permissions = {"CurrentUserOrAdmin"};  // PERMISSIONS.user, user_delete, set_password, set_username
    view.handlers[method] = std::move(handler);
    return view;
}

}  // namespace

drf::ApiView djoser_user_list() {
    drf::ApiView view;
    view.name = "UserViewSet";
    view.suffix = "List";
    view.get_serializer = metadata_serializer;
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
    drf::ApiView view = user_action("Me", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", "GET", me);
    for (const char* method : {"PUT", "PATCH", "DELETE"}) view.handlers[method] = me;
    // The metadata action is not `me`, so get_object is GenericAPIView's, which finds no "id"
    // in the URL: an AssertionError, 500.
    view.get_object = [](RequestContext&, const drf::PathArgs&) {
        throw drf::ServerError("AssertionError: Expected view UserViewSet to be called with a URL keyword argument named \"id\".");
    };
    return view;
}

// The router's detail route: retrieve, update, partial_update, destroy.
drf::ApiView djoser_user_detail() {
    drf::ApiView view = user_action("", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", "GET", user_detail);
    view.suffix = "Instance";
    for (const char* method : {"PUT", "PATCH", "DELETE"}) view.handlers[method] = user_detail;
    view.get_object = [](RequestContext& r, const drf::PathArgs& a) { get_user(r, a); };
    return view;
}

drf::ApiView djoser_set_password() { return user_action("Set password", "POST, OPTIONS", "POST", set_password); }
drf::ApiView djoser_set_username() { return user_action("Set username", "POST, OPTIONS", "POST", set_username); }

}  // namespace authlab::views
