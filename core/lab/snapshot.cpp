#include "lab/snapshot.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "backends/model_backend.hpp"
#include "auth/permission.hpp"
#include "drf/authentication.hpp"
#include "drf/permissions.hpp"
#include "drf/policy_check.hpp"
#include "drf/throttling.hpp"
#include "export/world_json.hpp"

namespace authlab::lab {
namespace {

using nlohmann::ordered_json;

std::int64_t millis(Micros at) { return at / 1000; }

struct Members {
    ordered_json names = ordered_json::array();  // at most the window's list_limit
    std::size_t count = 0;
    Id last = 0;  // the last user counted: a user listing a group twice counts once
};

// Each group's members, in the order of the users: one pass over the users and their groups,
// so a world of 10,000 users and 100 groups is 10,000 steps, not a million membership checks.
std::map<Id, Members> members_by_group(const World& world, std::size_t limit) {
    std::map<Id, Members> members;
    for (const Group& g : world.groups) members[g.id];
    for (const User& u : world.users) {
        for (Id id : u.groups) {
            auto group = members.find(id);
            if (group == members.end() || (group->second.count > 0 && group->second.last == u.id)) continue;
            if (group->second.count++ < limit) group->second.names.push_back(u.username);
            group->second.last = u.id;
        }
    }
    return members;
}

char ascii_lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Whether `needle` (already lower-case) occurs in "username email", ASCII letters in any case.
bool matches(const User& u, const std::string& needle) {
    if (needle.empty()) return true;
    std::string text = u.username + " " + u.email;
    std::transform(text.begin(), text.end(), text.begin(), ascii_lower);
    return text.find(needle) != std::string::npos;
}

// The first `limit` items of a JSON array, and the array's length beside it under `count_key`.
void window_list(ordered_json& out, const char* key, const char* count_key, ordered_json list, std::size_t limit) {
    out[count_key] = list.size();
    if (list.size() > limit) list.erase(list.begin() + static_cast<std::ptrdiff_t>(limit), list.end());
    out[key] = std::move(list);
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

SnapshotWindow snapshot_window_from_json(const nlohmann::json& spec) {
    SnapshotWindow window;
    if (!spec.is_object()) return window;
    auto size = [&](const char* key, std::size_t& field) {
        auto found = spec.find(key);
        if (found != spec.end() && found->is_number_unsigned()) field = found->get<std::size_t>();
    };
    size("user_offset", window.user_offset);
    size("user_limit", window.user_limit);
    size("list_limit", window.list_limit);
    auto filter = spec.find("user_filter");
    if (filter != spec.end() && filter->is_string()) window.user_filter = filter->get<std::string>();
    auto exact = spec.find("user_exact");
    if (exact != spec.end() && exact->is_boolean()) window.user_exact = exact->get<bool>();
    return window;
}

ordered_json snapshot(const Backend& backend, const SnapshotWindow& window) {
    const World& world = backend.world();
    const Micros now = backend.now();
    ordered_json out;
    out["now"] = millis(now);
    out["clock_offset"] = millis(world.clock_offset);

    // Only the users in the window are written out (with their effective permissions, the
    // costly part); the rest are counted.
    std::string needle = window.user_filter;
    std::transform(needle.begin(), needle.end(), needle.begin(), ascii_lower);
    out["users"] = ordered_json::array();
    std::size_t matching = 0;
    for (const User& u : world.users) {
        if (window.user_exact ? u.username != window.user_filter : !matches(u, needle)) continue;
        const std::size_t index = matching++;
        if (index < window.user_offset || index - window.user_offset >= window.user_limit) continue;
        ordered_json user = user_to_json(world, u);
        user["all_permissions"] = auth::get_all_permissions(world, &u);
        out["users"].push_back(std::move(user));
    }
    out["user_count"] = matching;
    out["user_total"] = world.users.size();
    out["groups"] = ordered_json::array();
    std::map<Id, Members> members = members_by_group(world, window.list_limit);
    for (const Group& g : world.groups) {
        Members& m = members[g.id];
        out["groups"].push_back({{"id", g.id}, {"name", g.name}, {"permissions", g.permissions},
                                 {"members", std::move(m.names)}, {"member_count", m.count}});
    }
    out["permissions"] = ordered_json::array();
    for (const auth::Permission& p : auth::all_permissions()) {
        out["permissions"].push_back({{"key", p.key()}, {"app_label", p.app_label}, {"model", p.model},
                                      {"codename", p.codename}, {"name", p.name}});
    }
    const Usernames username_of(world);
    const std::size_t limit = window.list_limit;
    ordered_json tokens = ordered_json::array();
    for (const AuthToken& t : world.tokens) {
        if (tokens.size() == limit) break;
        tokens.push_back({{"key", t.key}, {"username", username_of(t.user)}, {"created", millis(t.created)}});
    }
    out["token_count"] = world.tokens.size();
    out["tokens"] = std::move(tokens);
    ordered_json sessions = ordered_json::array();
    for (const Session& s : world.sessions) {
        if (sessions.size() == limit) break;
        sessions.push_back({{"key", s.key}, {"username", username_of(s.user)},
                            {"expires", millis(s.expires)}, {"expired", s.expires <= now}});
    }
    out["session_count"] = world.sessions.size();
    out["sessions"] = std::move(sessions);
    window_list(out, "books", "book_count", books_to_json(world), limit);
    window_list(out, "orders", "order_count", orders_to_json(world), limit);
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
