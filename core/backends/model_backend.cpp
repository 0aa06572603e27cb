#include "backends/model_backend.hpp"

#include <algorithm>

#include "auth/permission.hpp"

namespace authlab::auth {
namespace {

std::set<std::string> every_permission() {
    std::set<std::string> keys;
    for (const Permission& p : all_permissions()) keys.insert(p.key());
    return keys;
}

}  // namespace

// As ModelBackend._get_permissions: an active superuser's "own" and "group" permissions are
// both every permission that exists.
std::set<std::string> get_user_permissions(const World&, const User* user) {
    if (!user || !user->is_active) return {};
    if (user->is_superuser) return every_permission();
    return user->permissions;
}

std::set<std::string> get_group_permissions(const World& world, const User* user) {
    if (!user || !user->is_active) return {};
    if (user->is_superuser) return every_permission();
    std::set<std::string> permissions;
    for (Id group_id : user->groups) {
        if (const Group* group = world.find_group(group_id)) permissions.insert(group->permissions.begin(), group->permissions.end());
    }
    return permissions;
}

std::set<std::string> get_all_permissions(const World& world, const User* user) {
    std::set<std::string> permissions = get_user_permissions(world, user);
    std::set<std::string> from_groups = get_group_permissions(world, user);
    permissions.insert(from_groups.begin(), from_groups.end());
    return permissions;
}

bool has_perm(const World& world, const User* user, std::string_view perm) {
    if (!user || !user->is_active) return false;
    if (user->is_superuser) return true;  // even for a permission that does not exist
    return get_all_permissions(world, user).contains(std::string(perm));
}

bool has_perms(const World& world, const User* user, const std::vector<std::string>& perms) {
    return std::all_of(perms.begin(), perms.end(), [&](const std::string& p) { return has_perm(world, user, p); });
}

bool is_in_group(const World& world, const User* user, std::string_view group_name) {
    if (!user) return false;
    const Group* group = world.find_group(group_name);
    return group && std::find(user->groups.begin(), user->groups.end(), group->id) != user->groups.end();
}

LoginResult authenticate(World& world, const Passwords& passwords, const std::optional<std::string>& username,
                         const std::optional<std::string>& password) {
    if (!username || !password) return {nullptr, LoginOutcome::missing_credentials};
    User* user = nullptr;
    for (User& u : world.users) {
        if (u.username == *username) user = &u;
    }
    if (!user) {
        passwords.make_password(*password);  // Django #20760: hash anyway, for equal timing
        return {nullptr, LoginOutcome::unknown_user};
    }
    HashCheck check = passwords.check_password(*password, user->password);
    if (check.verdict != Verdict::match) return {nullptr, LoginOutcome::wrong_password};
    if (check.must_update) user->password = passwords.make_password(*password);
    if (!user->is_active) return {nullptr, LoginOutcome::inactive};
    return {user, LoginOutcome::success};
}

}  // namespace authlab::auth
