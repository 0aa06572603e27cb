#pragma once
// Django's contrib.auth User and Group, with the fields this product uses.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace authlab::auth {

using Id = std::int64_t;

struct Group {
    Id id = 0;
    std::string name;                 // unique, like Django's Group.name
    std::set<std::string> permissions;  // permission keys: "bookshop.add_book"

    bool operator==(const Group&) const = default;
};

struct User {
    Id id = 0;
    std::string username;  // unique
    std::string email;
    std::string password;  // Django's encoded hash; "!…" marks an unusable password
    bool is_active = true;
    bool is_staff = false;
    bool is_superuser = false;
    std::set<std::string> permissions;  // direct user_permissions, as keys
    std::vector<Id> groups;             // group ids, in the order they were added

    bool operator==(const User&) const = default;
};

}  // namespace authlab::auth
