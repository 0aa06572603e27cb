// IsOwner, the other permission every DRF course writes (bookshop/permissions.py in the
// reference): has_permission is BasePermission's True; has_object_permission is
// `obj.owner == request.user` for an order and True for any other row. Without it any
// customer with view_order reads anyone's order by its id: broken object-level
// authorization, the first risk of the OWASP API Security Top 10.
#include "drf/perm_classes.hpp"

namespace authlab::drf {
namespace {

class IsOwner final : public PermissionClass {
public:
    IsOwner() : PermissionClass("IsOwner") {}

    Check check_permission(RequestContext&) const override {
        return {true, "IsOwner.has_permission is True, as BasePermission's is: only the object decides.", {}};
    }

    Check check_object_permission(RequestContext& request) const override {
        const std::optional<ViewObject>& obj = request.object;
        if (!obj || !obj->owner) {
            return {true, "IsOwner: the object is no order (it has no owner), so IsOwner lets it through.", {}};
        }
        const std::string what = "order " + std::to_string(obj->id);
        nlohmann::ordered_json data = {{"object", what}, {"owner", *obj->owner}, {"user", nullptr}};
        if (request.user) data["user"] = request.user->id;
        if (request.user && request.user->id == *obj->owner) {
            return {true, "IsOwner: " + user_words(request) + " owns " + what + ".", data};
        }
        const User* owner = request.world.find_user(*obj->owner);
        const std::string owner_name = owner ? owner->username : "user " + std::to_string(*obj->owner);
        return {false, "IsOwner: " + user_words(request) + " is not the owner of " + what + " (" + owner_name + " is).", data};
    }
};

}  // namespace

PermissionPtr make_is_owner() { return std::make_unique<IsOwner>(); }

}  // namespace authlab::drf
