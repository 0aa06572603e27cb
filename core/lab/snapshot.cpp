#include "lab/snapshot.hpp"

#include "auth/model_backend.hpp"
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

std::string username_of(const World& world, Id id) {
    const User* user = world.find_user(id);
    return user ? user->username : "";
}

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
    for (const Group& g : world.groups) {
        ordered_json members = ordered_json::array();
        for (const User& u : world.users) {
            if (auth::is_in_group(world, &u, g.name)) members.push_back(u.username);
        }
        out["groups"].push_back({{"id", g.id}, {"name", g.name}, {"permissions", g.permissions}, {"members", members}});
    }
    out["permissions"] = ordered_json::array();
    for (const auth::Permission& p : auth::all_permissions()) {
        out["permissions"].push_back({{"key", p.key()}, {"app_label", p.app_label}, {"model", p.model},
                                      {"codename", p.codename}, {"name", p.name}});
    }
    out["tokens"] = ordered_json::array();
    for (const AuthToken& t : world.tokens)
        out["tokens"].push_back({{"key", t.key}, {"username", username_of(world, t.user)}, {"created", millis(t.created)}});
    out["sessions"] = ordered_json::array();
    for (const Session& s : world.sessions) {
        out["sessions"].push_back({{"key", s.key}, {"username", username_of(world, s.user)},
                                   {"expires", millis(s.expires)}, {"expired", s.expires <= now}});
    }
    ordered_json saved = world_to_json(world);
    out["books"] = saved["books"];
    out["orders"] = saved["orders"];
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
