#pragma once
// Django's ModelBackend (django/contrib/auth/backends.py) plus User.has_perm's superuser rule.
// A null user is AnonymousUser: not active, no permissions.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth/passwords.hpp"
#include "world/world.hpp"

namespace authlab::auth {

std::set<std::string> get_user_permissions(const World& world, const User* user);
std::set<std::string> get_group_permissions(const World& world, const User* user);
std::set<std::string> get_all_permissions(const World& world, const User* user);
bool has_perm(const World& world, const User* user, std::string_view perm);
bool has_perms(const World& world, const User* user, const std::vector<std::string>& perms);
// request.user.groups.filter(name=name).exists()
bool is_in_group(const World& world, const User* user, std::string_view group_name);

enum class LoginOutcome { success, missing_credentials, unknown_user, wrong_password, inactive };

struct LoginResult {
    User* user = nullptr;  // set only on success
    LoginOutcome outcome = LoginOutcome::missing_credentials;
};

// ModelBackend.authenticate: an unknown username still runs the hasher once so it costs what a
// wrong password costs; an inactive user is refused after its password is checked; a hash made
// with another hasher or other costs is upgraded on success, as check_password's setter does.
LoginResult authenticate(World& world, const Passwords& passwords, const std::optional<std::string>& username,
                         const std::optional<std::string>& password);

}  // namespace authlab::auth
