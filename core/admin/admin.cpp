#include "admin/admin.hpp"

#include <algorithm>
#include <cctype>

#include "auth/permission.hpp"
#include "drf/policy_check.hpp"

namespace authlab::admin {
namespace {

std::string unknown_permission(const std::set<std::string>& keys) {
    for (const std::string& key : keys) {
        if (!auth::find_permission(key)) return "no permission \"" + key + "\"";
    }
    return "";
}

std::string group_name_problem(const std::string& name) {
    if (name.empty()) return "a group needs a name";
    if (name.size() > 150) return "a group name has at most 150 characters";
    return "";
}

// Group names → ids, or the first unknown name.
std::string resolve_groups(const World& world, const std::vector<std::string>& names, std::vector<Id>& ids) {
    for (const std::string& name : names) {
        const Group* group = world.find_group(name);
        if (!group) return "no group named \"" + name + "\"";
        if (std::find(ids.begin(), ids.end(), group->id) == ids.end()) ids.push_back(group->id);
    }
    return "";
}

}  // namespace

std::string username_problem(const std::string& username) {
    if (username.empty()) return "This field is required.";
    if (username.size() > 150) return "Ensure this value has at most 150 characters (it has " + std::to_string(username.size()) + ").";
    bool valid = std::all_of(username.begin(), username.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || std::isalnum(u) || std::string_view("@.+-_").find(c) != std::string_view::npos;
    });
    return valid ? "" : "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
}

std::string save_group(World& world, const std::string& name, const std::set<std::string>& permissions) {
    if (std::string problem = group_name_problem(name); !problem.empty()) return problem;
    if (std::string problem = unknown_permission(permissions); !problem.empty()) return problem;
    for (Group& group : world.groups) {
        if (group.name == name) {
            group.permissions = permissions;
            return "";
        }
    }
    world.add_group({0, name, permissions});
    return "";
}

std::string rename_group(World& world, Id id, const std::string& new_name) {
    Group* group = world.find_group(id);
    if (!group) return "no group with id " + std::to_string(id);
    if (std::string problem = group_name_problem(new_name); !problem.empty()) return problem;
    if (const Group* other = world.find_group(new_name); other && other->id != id) return "a group named \"" + new_name + "\" exists";
    group->name = new_name;
    return "";
}

std::string delete_group(World& world, Id id) {
    if (!world.find_group(id)) return "no group with id " + std::to_string(id);
    std::erase_if(world.groups, [&](const Group& g) { return g.id == id; });
    for (User& user : world.users) std::erase(user.groups, id);
    return "";
}

std::string save_user(World& world, const auth::Passwords& passwords, const UserSpec& spec) {
    if (spec.username.empty() || spec.username.size() > 150) return "a username has 1 to 150 characters";
    if (std::string problem = unknown_permission(spec.permissions); !problem.empty()) return problem;
    User user;
    if (std::string problem = resolve_groups(world, spec.groups, user.groups); !problem.empty()) return problem;
    user.username = spec.username;
    user.email = spec.email;
    user.password = spec.password ? passwords.make_password(*spec.password) : passwords.make_unusable_password();
    user.is_active = spec.is_active;
    user.is_staff = spec.is_staff;
    user.is_superuser = spec.is_superuser;
    user.permissions = spec.permissions;
    for (User& existing : world.users) {
        if (existing.username == spec.username) {
            user.id = existing.id;
            existing = std::move(user);
            return "";
        }
    }
    world.add_user(std::move(user));
    return "";
}

std::string edit_user(World& world, Id id, const UserEdit& edit) {
    User* user = world.find_user(id);
    if (!user) return "no user with id " + std::to_string(id);
    User changed = *user;
    if (edit.username) {
        if (std::string problem = username_problem(*edit.username); !problem.empty()) return problem;
        if (const User* other = world.find_user(std::string_view(*edit.username)); other && other->id != id)
            return "A user with that username already exists.";
        changed.username = *edit.username;
    }
    if (edit.email) changed.email = *edit.email;
    if (edit.is_active) changed.is_active = *edit.is_active;
    if (edit.is_staff) changed.is_staff = *edit.is_staff;
    if (edit.is_superuser) changed.is_superuser = *edit.is_superuser;
    if (edit.groups) {
        changed.groups.clear();
        if (std::string problem = resolve_groups(world, *edit.groups, changed.groups); !problem.empty()) return problem;
    }
    if (edit.permissions) {
        if (std::string problem = unknown_permission(*edit.permissions); !problem.empty()) return problem;
        changed.permissions = *edit.permissions;
    }
    *user = std::move(changed);
    return "";
}

std::string set_password(World& world, const auth::Passwords& passwords, Id id, const std::optional<std::string>& raw) {
    User* user = world.find_user(id);
    if (!user) return "no user with id " + std::to_string(id);
    user->password = raw ? passwords.make_password(*raw) : passwords.make_unusable_password();
    return "";
}

std::string delete_user(World& world, Id id) {
    if (!world.find_user(id)) return "no user with id " + std::to_string(id);
    std::erase_if(world.users, [&](const User& u) { return u.id == id; });
    std::erase_if(world.tokens, [&](const AuthToken& t) { return t.user == id; });
    std::erase_if(world.sessions, [&](const Session& s) { return s.user == id; });
    std::erase_if(world.orders, [&](const Order& o) { return o.owner == id; });
    return "";
}

std::string set_policies(World& world, const Policies& policies) {
    if (std::string problem = drf::policies_problem(policies); !problem.empty()) return problem;
    world.policies = policies;
    return "";
}

}  // namespace authlab::admin
