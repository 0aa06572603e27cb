#pragma once
// The permission classes behind parse_permission. Each answers has_permission and
// has_object_permission as a Check (verdict, one sentence, details); the operators combine
// their operands' Checks as DRF 3.14's AND, OR and NOT do, and only the top of an expression
// records a trace step, with the operands' Checks nested in its data.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "drf/permissions.hpp"

namespace authlab::drf {

struct Check {
    bool ok = false;
    std::string summary;  // "IsAdminUser: carol is not staff (is_staff is False)."
    nlohmann::ordered_json data = nlohmann::ordered_json::object();
};

class PermissionClass : public Permission {
public:
    explicit PermissionClass(std::string expression) : expression_(std::move(expression)) {}
    std::string describe() const override { return expression_; }
    bool has_permission(RequestContext& request) const final;
    bool has_object_permission(RequestContext& request) const final;

    virtual Check check_permission(RequestContext& request) const = 0;
    // BasePermission.has_object_permission: True, whatever the object.
    virtual Check check_object_permission(RequestContext& request) const;

private:
    std::string expression_;
};

using PermissionPtr = std::unique_ptr<PermissionClass>;

// perm_basic.cpp
PermissionPtr make_allow_any();
PermissionPtr make_is_authenticated();
PermissionPtr make_is_admin_user();
PermissionPtr make_is_authenticated_or_read_only();
// perm_model.cpp: DjangoModelPermissions, or …OrAnonReadOnly (authenticated_users_only = False)
PermissionPtr make_django_model_permissions(bool anonymous_read_only);
// perm_group.cpp: request.user.groups.filter(name=group).exists()
PermissionPtr make_is_in_group(std::string group);
// perm_owner.cpp: IsOwner (obj.owner == request.user for an order, True for other rows)
PermissionPtr make_is_owner();
// perm_djoser.cpp: djoser.permissions.CurrentUserOrAdmin, which djoser's UserViewSet uses (a
// view's fixed classes may name it; policies may not). Its has_object_permission:
// request.user.is_staff or obj.pk == request.user.pk.
PermissionPtr make_current_user_or_admin();
// perm_operators.cpp; `expression` is the composed expression's text.
PermissionPtr make_and(std::string expression, PermissionPtr op1, PermissionPtr op2);
PermissionPtr make_or(std::string expression, PermissionPtr op1, PermissionPtr op2);
PermissionPtr make_not(std::string expression, PermissionPtr op1);

// Who request.user is, for summaries: "carol", or "the anonymous user".
std::string user_words(const RequestContext& request);
bool is_safe_method(const std::string& method);  // SAFE_METHODS: GET, HEAD, OPTIONS

}  // namespace authlab::drf
