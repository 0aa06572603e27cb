#pragma once
// The world as the page shows it: users with their groups and effective permissions, groups
// with their members, the permission catalogue with the admin's names, DRF's token table and
// the session store, the policies and the classes a policy may name. Times in milliseconds.
#include <nlohmann/json.hpp>

#include "backend.hpp"

namespace authlab::lab {

nlohmann::ordered_json snapshot(const Backend& backend);

}  // namespace authlab::lab
