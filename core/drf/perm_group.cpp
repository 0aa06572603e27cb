// IsInGroup:<name>, the permission every DRF course writes:
// request.user.groups.filter(name=<name>).exists(). Groups only: a superuser outside the group
// fails it.
#include "backends/model_backend.hpp"
#include "drf/perm_classes.hpp"

namespace authlab::drf {
namespace {

class IsInGroup final : public PermissionClass {
public:
    explicit IsInGroup(std::string group) : PermissionClass("IsInGroup:" + group), group_(std::move(group)) {}

    Check check_permission(RequestContext& request) const override {
        const std::string prefix = describe() + ": ";
        nlohmann::ordered_json groups = nlohmann::ordered_json::array();
        if (request.user) {
            for (Id id : request.user->groups) {
                if (const Group* g = request.world.find_group(id)) groups.push_back(g->name);
            }
        }
        nlohmann::ordered_json data = {{"group", group_}, {"groups", groups}};
        if (!request.user) return {false, prefix + "the anonymous user belongs to no group.", data};
        const std::string& who = request.user->username;
        if (auth::is_in_group(request.world, request.user, group_)) return {true, prefix + who + " is in group " + group_ + ".", data};
        std::string why = !request.world.find_group(group_) ? " (there is no group named " + group_ + ")"
                          : groups.empty()                  ? " (" + who + " is in no group)"
                                                            : " (" + who + "'s groups: " + join(groups) + ")";
        std::string superuser = request.user->is_superuser ? " Being a superuser does not count: only membership does." : "";
        return {false, prefix + who + " is not in group " + group_ + why + "." + superuser, data};
    }

private:
    static std::string join(const nlohmann::ordered_json& names) {
        std::string out;
        for (const auto& name : names) out += (out.empty() ? "" : ", ") + name.get<std::string>();
        return out;
    }

    std::string group_;
};

}  // namespace

PermissionPtr make_is_in_group(std::string group) { return std::make_unique<IsInGroup>(std::move(group)); }

}  // namespace authlab::drf
