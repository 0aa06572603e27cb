#include "drf/permissions.hpp"

#include <stdexcept>

#include "drf/errors.hpp"
#include "drf/perm_classes.hpp"
#include "drf/permission_expression.hpp"

namespace authlab::drf {
namespace {

// The permission classes by name, as DRF's settings import them. `argument` is what follows
// the ':' (IsInGroup's group name); `in_policies` says whether a policy may name the class
// (djoser's CurrentUserOrAdmin belongs to djoser's own views only).
struct PermissionEntry {
    std::string name;
    PermissionPtr (*make)(const std::string& argument);
    bool in_policies = true;
};

const std::vector<PermissionEntry>& registry() {
    static const std::vector<PermissionEntry> classes = {
        {"AllowAny", [](const std::string&) { return make_allow_any(); }},
        {"IsAuthenticated", [](const std::string&) { return make_is_authenticated(); }},
        {"IsAdminUser", [](const std::string&) { return make_is_admin_user(); }},
        {"IsAuthenticatedOrReadOnly", [](const std::string&) { return make_is_authenticated_or_read_only(); }},
        {"DjangoModelPermissions", [](const std::string&) { return make_django_model_permissions(false); }},
        {"DjangoModelPermissionsOrAnonReadOnly", [](const std::string&) { return make_django_model_permissions(true); }},
        {"IsInGroup", [](const std::string& group) { return make_is_in_group(group); }},
        {"IsOwner", [](const std::string&) { return make_is_owner(); }},
        {"CurrentUserOrAdmin", [](const std::string&) { return make_current_user_or_admin(); }, false},
    };
    return classes;
}

// The expression's classes, built; an unknown name is an error, never a guess.
PermissionPtr build(const PermissionExpr& e) {
    switch (e.kind) {
        case PermissionExpr::Kind::And: return make_and(e.text(), build(e.operands[0]), build(e.operands[1]));
        case PermissionExpr::Kind::Or: return make_or(e.text(), build(e.operands[0]), build(e.operands[1]));
        case PermissionExpr::Kind::Not: return make_not(e.text(), build(e.operands[0]));
        case PermissionExpr::Kind::Class: break;
    }
    for (const PermissionEntry& entry : registry()) {
        if (entry.name == e.name) return entry.make(e.group);
    }
    throw std::invalid_argument("unknown permission class '" + e.name + "'");
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
        std::vector<std::string> names;
        for (const PermissionEntry& entry : registry()) names.push_back(entry.name);
        return names;
    }();
    ExpressionParse parsed = parse_permission_expression(expression, classes);
    if (!parsed.expression) return {nullptr, parsed.error};
    try {
        return {build(*parsed.expression), ""};
    } catch (const std::invalid_argument& unknown) {
        return {nullptr, unknown.what()};
    }
}

const std::vector<std::string>& permission_class_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const PermissionEntry& entry : registry()) {
            if (entry.in_policies) out.push_back(entry.name);
        }
        return out;
    }();
    return names;
}

}  // namespace authlab::drf
