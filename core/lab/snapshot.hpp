#pragma once
// The world as the page shows it: users with their groups and effective permissions, groups
// with their members, the permission catalogue with the admin's names, DRF's token table and
// the session store, the policies and the classes a policy may name. Times in milliseconds.
#include <cstddef>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "backend.hpp"

namespace authlab::lab {

// What of the long lists the page has in view: the users matching `user_filter` (ASCII letters
// in any case, a substring of "username email"; with `user_exact`, the one user of that exact
// username), from `user_offset`, at most `user_limit`; and
// at most `list_limit` of each group's members, the tokens, sessions, books and orders. Each
// list's full length is told beside it, so the page never holds what grows with the world.
struct SnapshotWindow {
    static constexpr std::size_t all = std::numeric_limits<std::size_t>::max();
    std::string user_filter;
    bool user_exact = false;
    std::size_t user_offset = 0;
    std::size_t user_limit = all;
    std::size_t list_limit = all;
};

nlohmann::ordered_json snapshot(const Backend& backend, const SnapshotWindow& window = {});

// A window from the page's JSON ({user_filter?, user_exact?, user_offset?, user_limit?, list_limit?});
// anything of the wrong type leaves that field at its default.
SnapshotWindow snapshot_window_from_json(const nlohmann::json& spec);

}  // namespace authlab::lab
