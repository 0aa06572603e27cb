// djoser.permissions.CurrentUserOrAdmin: IsAuthenticated's has_permission (it subclasses it);
// not a class policies may name.
#include "drf/perm_classes.hpp"

namespace authlab::drf {
namespace {

class CurrentUserOrAdmin final : public PermissionClass {
public:
    CurrentUserOrAdmin() : PermissionClass("CurrentUserOrAdmin") {}
    Check check_permission(RequestContext& request) const override {
        if (request.user) {
            return {true, "CurrentUserOrAdmin (djoser's, an IsAuthenticated): " + user_words(request) + " is authenticated.",
                    {{"user", request.user->username}}};
        }
        return {false, "CurrentUserOrAdmin (djoser's, an IsAuthenticated): the request is anonymous.", {{"user", nullptr}}};
    }
};

}  // namespace

PermissionPtr make_current_user_or_admin() { return std::make_unique<CurrentUserOrAdmin>(); }

}  // namespace authlab::drf
