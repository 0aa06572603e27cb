// djoser.permissions.CurrentUserOrAdmin: IsAuthenticated's has_permission (it subclasses it),
// and an object (a user) only for staff or that user themself; not a class policies may name.
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
    // user.is_staff or obj.pk == user.pk
    Check check_object_permission(RequestContext& request) const override {
        const Id pk = request.object ? request.object->id : 0;
        nlohmann::ordered_json data = {{"object", pk}, {"is_staff", request.user && request.user->is_staff}};
        if (!request.user) return {false, "CurrentUserOrAdmin: the anonymous user is nobody's account.", data};
        const std::string who = request.user->username;
        if (request.user->is_staff) return {true, "CurrentUserOrAdmin: " + who + " is staff and may act on any user.", data};
        if (request.user->id == pk) return {true, "CurrentUserOrAdmin: user " + std::to_string(pk) + " is " + who + " themself.", data};
        return {false, "CurrentUserOrAdmin: user " + std::to_string(pk) + " is not " + who + ", and " + who + " is not staff.", data};
    }
};

}  // namespace

PermissionPtr make_current_user_or_admin() { return std::make_unique<CurrentUserOrAdmin>(); }

}  // namespace authlab::drf
