#pragma once
// A scenario's `setup` (scenarios.md): the starting world, then groups, users, books and
// policies, in that order, as tests/reference/world.py and policies.py build them.
#include "auth/passwords.hpp"
#include "pyjson/value.hpp"
#include "world/world.hpp"

namespace authlab::scenario {

// The base worlds are built once per process from a fixed seed (the default one hashes five
// Argon2 passwords) and copied for each scenario. `passwords` hashes the setup's users.
// Throws ScenarioError when the setup cannot be built.
// `start`, when given, stands in for the "default" world.
World build_world(const pyjson::Value& setup, const auth::Passwords& passwords, const World* start = nullptr);

// "default" or "empty"; nullptr for any other name.
const World* base_world(const std::string& name);

}  // namespace authlab::scenario
