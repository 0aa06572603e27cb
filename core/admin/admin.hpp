#pragma once
// Changes to the world the way Django's admin (or a fixture) makes them: groups and their
// permissions, users with flags, groups and direct permissions, passwords, and the views'
// policies. Every function checks first and leaves the world untouched when it refuses, with
// a message for the learner.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/passwords.hpp"
#include "world/world.hpp"

namespace authlab::admin {

// Creates the group, or replaces an existing one's permissions (its members stay).
std::string save_group(World& world, const std::string& name, const std::set<std::string>& permissions);
std::string rename_group(World& world, Id group, const std::string& new_name);
std::string delete_group(World& world, Id group);  // members leave it

struct UserSpec {
    std::string username;
    std::optional<std::string> password;  // none: an unusable password
    std::string email;
    bool is_active = true;
    bool is_staff = false;
    bool is_superuser = false;
    std::vector<std::string> groups;  // names
    std::set<std::string> permissions;
};

// Creates the user, or replaces every field of the one with that username (keeping its id).
std::string save_user(World& world, const auth::Passwords& passwords, const UserSpec& spec);

// The page's edits of one user; unset fields stay as they are.
struct UserEdit {
    std::optional<std::string> username;
    std::optional<std::string> email;
    std::optional<bool> is_active, is_staff, is_superuser;
    std::optional<std::vector<std::string>> groups;
    std::optional<std::set<std::string>> permissions;
};
std::string edit_user(World& world, Id user, const UserEdit& edit);
std::string set_password(World& world, const auth::Passwords& passwords, Id user, const std::optional<std::string>& raw);
std::string delete_user(World& world, Id user);  // its token, sessions and orders go too (CASCADE)

std::string set_policies(World& world, const Policies& policies);

// Django's UnicodeUsernameValidator (letters, digits and @/./+/-/_, at most 150), as the admin's
// forms apply it; "" when valid. Non-ASCII characters count as letters.
std::string username_problem(const std::string& username);

}  // namespace authlab::admin
