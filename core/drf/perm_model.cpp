// DjangoModelPermissions and DjangoModelPermissionsOrAnonReadOnly: the permissions perms_map
// names for the request's method on the view's queryset model, checked with
// request.user.has_perms (rest_framework/permissions.py).
#include "backends/model_backend.hpp"
#include "drf/errors.hpp"
#include "drf/perm_classes.hpp"

namespace authlab::drf {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

class DjangoModelPermissions final : public PermissionClass {
public:
    explicit DjangoModelPermissions(bool anonymous_read_only)
        : PermissionClass(anonymous_read_only ? "DjangoModelPermissionsOrAnonReadOnly" : "DjangoModelPermissions"),
          authenticated_users_only_(!anonymous_read_only) {}

    Check check_permission(RequestContext& request) const override {
        const std::string prefix = describe() + ": ";
        if (!request.user && authenticated_users_only_) {
            return {false, prefix + "the request is anonymous, and this class refuses anonymous users whatever the method.",
                    {{"user", nullptr}}};
        }
        const std::string& method = request.method;
        std::vector<std::string> needs = get_required_permissions(method, request.view_model);
        bool ok = auth::has_perms(request.world, request.user, needs);
        std::set<std::string> all = auth::get_all_permissions(request.world, request.user);
        std::vector<std::string> has(all.begin(), all.end());
        nlohmann::ordered_json data = {{"method", method}, {"model", request.view_model}, {"needs", needs}, {"has", has}};

        std::string asked = needs.empty() ? method + " needs no permission" : method + " needs " + join(needs);
        std::string holds;
        if (!request.user) {
            holds = "the anonymous user has none";
        } else if (!request.user->is_active) {
            holds = request.user->username + " is inactive, so has none";
        } else if (request.user->is_superuser) {
            holds = request.user->username + " is a superuser, so has_perm is True for every permission";
        } else {
            holds = request.user->username + (has.empty() ? " has none" : " has " + join(has));
        }
        return {ok, prefix + asked + "; " + holds + ".", std::move(data)};
    }

private:
    // perms_map, formatted with the model's app_label and model_name; a method it lacks is 405.
    static std::vector<std::string> get_required_permissions(const std::string& method, const std::string& model) {
        std::size_t dot = model.find('.');
        if (dot == std::string::npos) {
            throw ServerError("AssertionError: Cannot apply DjangoModelPermissions on a view that does not set `.queryset` "
                              "or have a `.get_queryset()` method.");
        }
        const std::string app_label = model.substr(0, dot), model_name = model.substr(dot + 1);
        if (method == "GET" || method == "OPTIONS" || method == "HEAD") return {};
        if (method == "POST") return {app_label + ".add_" + model_name};
        if (method == "PUT" || method == "PATCH") return {app_label + ".change_" + model_name};
        if (method == "DELETE") return {app_label + ".delete_" + model_name};
        throw method_not_allowed(method);
    }

    bool authenticated_users_only_;
};

}  // namespace

PermissionPtr make_django_model_permissions(bool anonymous_read_only) {
    return std::make_unique<DjangoModelPermissions>(anonymous_read_only);
}

}  // namespace authlab::drf
