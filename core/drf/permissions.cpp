#include "drf/permissions.hpp"

#include "drf/errors.hpp"
#include "drf/perm_classes.hpp"
#include "drf/permission_expression.hpp"

namespace authlab::drf {
namespace {

PermissionPtr build(const PermissionExpr& e) {
    switch (e.kind) {
        case PermissionExpr::Kind::And: return make_and(e.text(), build(e.operands[0]), build(e.operands[1]));
        case PermissionExpr::Kind::Or: return make_or(e.text(), build(e.operands[0]), build(e.operands[1]));
        case PermissionExpr::Kind::Not: return make_not(e.text(), build(e.operands[0]));
        case PermissionExpr::Kind::Class: break;
    }
    if (e.name == "AllowAny") return make_allow_any();
    if (e.name == "IsAuthenticated") return make_is_authenticated();
    if (e.name == "IsAdminUser") return make_is_admin_user();
    if (e.name == "IsAuthenticatedOrReadOnly") return make_is_authenticated_or_read_only();
    if (e.name == "DjangoModelPermissions") return make_django_model_permissions(false);
    if (e.name == "DjangoModelPermissionsOrAnonReadOnly") return make_django_model_permissions(true);
    if (e.name == "CurrentUserOrAdmin") return make_current_user_or_admin();
    if (e.name == "IsOwner") return make_is_owner();
    return make_is_in_group(e.group);
}

// A Check as a trace step; MethodNotAllowed from DjangoModelPermissions is recorded, then
// raised on as DRF raises it.
bool record(RequestContext& request, const PermissionClass& permission, const char* stage, Check (PermissionClass::*check)(RequestContext&) const) {
    try {
        Check c = (permission.*check)(request);
        request.trace.add(stage, permission.describe(), c.ok ? "pass" : "fail", c.summary, std::move(c.data));
        return c.ok;
    } catch (const ApiError& error) {
        request.trace.add(stage, permission.describe(), "error",
                          permission.describe() + " raised " + error.body.value("detail", std::string("an error")) +
                              " (DjangoModelPermissions knows no permissions for this method).",
                          {{"status", error.status}});
        throw;
    }
}

}  // namespace

bool PermissionClass::has_permission(RequestContext& request) const {
    return record(request, *this, "permission", &PermissionClass::check_permission);
}

bool PermissionClass::has_object_permission(RequestContext& request) const {
    return record(request, *this, "object_permission", &PermissionClass::check_object_permission);
}

Check PermissionClass::check_object_permission(RequestContext&) const {
    return {true, describe() + ".has_object_permission is True, as BasePermission's is: it does not look at the object.", {}};
}

// A view with fixed classes may also name djoser's CurrentUserOrAdmin; policies may not
// (policies_problem parses with permission_class_names() alone, as the reference runner does).
PermissionParse parse_permission(std::string_view expression) {
    static const std::vector<std::string> classes = [] {
        std::vector<std::string> names = permission_class_names();
        names.push_back("CurrentUserOrAdmin");
        return names;
    }();
    ExpressionParse parsed = parse_permission_expression(expression, classes);
    if (!parsed.expression) return {nullptr, parsed.error};
    return {build(*parsed.expression), ""};
}

const std::vector<std::string>& permission_class_names() {
    static const std::vector<std::string> names = {
        "AllowAny", "IsAuthenticated", "IsAdminUser", "IsAuthenticatedOrReadOnly",
        "DjangoModelPermissions", "DjangoModelPermissionsOrAnonReadOnly", "IsInGroup", "IsOwner",
    };
    return names;
}

}  // namespace authlab::drf
