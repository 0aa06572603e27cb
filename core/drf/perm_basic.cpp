// DRF's simple permission classes: AllowAny, IsAuthenticated, IsAdminUser,
// IsAuthenticatedOrReadOnly (rest_framework/permissions.py).
#include "drf/perm_classes.hpp"

namespace authlab::drf {
namespace {

class AllowAny final : public PermissionClass {
public:
    AllowAny() : PermissionClass("AllowAny") {}
    Check check_permission(RequestContext&) const override { return {true, "AllowAny lets every request through.", {}}; }
};

// bool(request.user and request.user.is_authenticated): every User is, AnonymousUser is not.
class IsAuthenticated final : public PermissionClass {
public:
    IsAuthenticated() : PermissionClass("IsAuthenticated") {}
    Check check_permission(RequestContext& request) const override {
        if (request.user) return {true, "IsAuthenticated: " + user_words(request) + " is authenticated.", {{"user", request.user->username}}};
        return {false, "IsAuthenticated: the request is anonymous (request.user is AnonymousUser).", {{"user", nullptr}}};
    }
};

// bool(request.user and request.user.is_staff): staff, not superuser, is what counts.
class IsAdminUser final : public PermissionClass {
public:
    IsAdminUser() : PermissionClass("IsAdminUser") {}
    Check check_permission(RequestContext& request) const override {
        nlohmann::ordered_json data = {{"user", request.user ? nlohmann::ordered_json(request.user->username) : nullptr},
                                       {"is_staff", request.user && request.user->is_staff}};
        if (!request.user) return {false, "IsAdminUser: the anonymous user is not staff.", data};
        if (request.user->is_staff) return {true, "IsAdminUser: " + request.user->username + " is staff (is_staff is True).", data};
        std::string note = request.user->is_superuser ? " IsAdminUser looks at is_staff only, not is_superuser." : "";
        return {false, "IsAdminUser: " + request.user->username + " is not staff (is_staff is False)." + note, data};
    }
};

// request.method in SAFE_METHODS or request.user.is_authenticated
class IsAuthenticatedOrReadOnly final : public PermissionClass {
public:
    IsAuthenticatedOrReadOnly() : PermissionClass("IsAuthenticatedOrReadOnly") {}
    Check check_permission(RequestContext& request) const override {
        const std::string& method = request.method;
        nlohmann::ordered_json data = {{"method", method}, {"safe_method", is_safe_method(method)},
                                       {"user", request.user ? nlohmann::ordered_json(request.user->username) : nullptr}};
        if (is_safe_method(method)) return {true, "IsAuthenticatedOrReadOnly: " + method + " only reads, so anyone may.", data};
        if (request.user) {
            return {true, "IsAuthenticatedOrReadOnly: " + method + " writes, and " + user_words(request) + " is authenticated.", data};
        }
        return {false, "IsAuthenticatedOrReadOnly: " + method + " writes, and the request is anonymous.", data};
    }
};

}  // namespace

std::string user_words(const RequestContext& request) { return request.user ? request.user->username : "the anonymous user"; }

bool is_safe_method(const std::string& method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

PermissionPtr make_allow_any() { return std::make_unique<AllowAny>(); }
PermissionPtr make_is_authenticated() { return std::make_unique<IsAuthenticated>(); }
PermissionPtr make_is_admin_user() { return std::make_unique<IsAdminUser>(); }
PermissionPtr make_is_authenticated_or_read_only() { return std::make_unique<IsAuthenticatedOrReadOnly>(); }

}  // namespace authlab::drf
