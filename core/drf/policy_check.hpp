#pragma once
// Whether a set of policies can run: known views, known authentication classes, permission
// expressions that parse. Used wherever policies arrive (scenario setup, saved worlds, the page).
#include <string>

#include "world/world.hpp"

namespace authlab::drf {

const std::vector<std::string>& policy_view_names();  // "books", "orders", "manager_users"
std::string policies_problem(const Policies& policies);  // "" when they can run

}  // namespace authlab::drf
