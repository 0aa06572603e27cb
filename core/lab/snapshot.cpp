#include "lab/snapshot.hpp"

#include <map>
#include <string_view>

#include "backends/model_backend.hpp"
#include "auth/permission.hpp"
#include "drf/authentication.hpp"
#include "drf/permissions.hpp"
#include "drf/policy_check.hpp"
#include "drf/throttling.hpp"
#include "lab/world_json.hpp"

namespace authlab::lab {
namespace {

using nlohmann::ordered_json;

std::int64_t millis(Micros at) { return at / 1000; }

// Each group's members, in the order of the users: one pass over the users and their groups,
// so a world of 10,000 users and 100 groups is 10,000 steps, not a million membership checks.
std::map<Id, ordered_json> members_by_group(const World& world) {
    std::map<Id, ordered_json> members;
    for (const Group& g : world.groups) members[g.id] = ordered_json::array();
    for (const User& u : world.users) {
        for (Id id : u.groups) {
            auto group = members.find(id);
            if (group != members.end() && (group->second.empty() || group->second.back() != u.username))
                group->second.push_back(u.username);
        }
    }
    return members;
}

// Whose token or session each is: looked up by id once per world, not once per token.
class Usernames {
public:
    explicit Usernames(const World& world) {
        for (const User& u : world.users) by_id_.emplace(u.id, u.username);
    }
    std::string operator()(Id id) const {
        auto found = by_id_.find(id);
        return found == by_id_.end() ? "" : std::string(found->second);
    }

private:
    std::map<Id, std::string_view> by_id_;
};

}  // namespace

ordered_json snapshot(const Backend& backend) {
    const World& world = backend.world();
    const Micros now = backend.now();
    ordered_json out;
    out["now"] = millis(now);
    out["clock_offset"] = millis(world.clock_offset);

    out["users"] = ordered_json::array();
    for (const User& u : world.users) {
        ordered_json user = user_to_json(world, u);
        user["all_permissions"] = auth::get_all_permissions(world, &u);
        out["users"].push_back(std::move(user));
    }
    out["groups"] = ordered_json::array();
    std::map<Id, ordered_json> members = members_by_group(world);
    for (const Group& g : world.groups) {
        out["groups"].push_back(
            {{"id", g.id}, {"name", g.name}, {"permissions", g.permissions}, {"members", std::move(members[g.id])}});
    }
    out["permissions"] = ordered_json::array();
    for (const auth::Permission& p : auth::all_permissions()) {
        out["permissions"].push_back({{"key", p.key()}, {"app_label", p.app_label}, {"model", p.model},
                                      {"codename", p.codename}, {"name", p.name}});
    }
    const Usernames username_of(world);
    out["tokens"] = ordered_json::array();
    for (const AuthToken& t : world.tokens)
        out["tokens"].push_back({{"key", t.key}, {"username", username_of(t.user)}, {"created", millis(t.created)}});
    out["sessions"] = ordered_json::array();
    for (const Session& s : world.sessions) {
        out["sessions"].push_back({{"key", s.key}, {"username", username_of(s.user)},
                                   {"expires", millis(s.expires)}, {"expired", s.expires <= now}});
    }
    out["books"] = books_to_json(world);
    out["orders"] = orders_to_json(world);
    out["policies"] = policies_to_json(world.policies);
    out["authentication_classes"] = drf::authentication_class_names();
    out["permission_classes"] = drf::permission_class_names();
    out["throttle_classes"] = drf::throttle_class_names();
    out["policy_views"] = drf::policy_view_names();
    out["password_cost"] = {{"memory_kib", world.password_cost.memory_kib},
                            {"time_cost", world.password_cost.time_cost},
                            {"parallelism", world.password_cost.parallelism}};
    return out;
}

}  // namespace authlab::lab
