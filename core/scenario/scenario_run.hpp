#pragma once
// One scenario played against the core, step by step, as the reference runner plays it
// against Django (tests/reference/scenario.py, run_steps): a seeded random source and a
// virtual clock from 2024-01-01T12:00:00Z, so a run is the same natively and in WebAssembly.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password_hashers.hpp"
#include "pyjson/value.hpp"
#include "time/clock.hpp"
#include "world/world.hpp"

namespace authlab::scenario {

constexpr Micros scenario_start = 1'704'110'400LL * micros_per_second;  // 2024-01-01T12:00:00Z
// A scenario file's bounds: its bytes and its steps (its setup has a world's, world_json.hpp).
constexpr std::size_t max_scenario_bytes = 4 * 1024 * 1024;
constexpr std::size_t max_scenario_steps = 1000;
constexpr std::uint64_t scenario_seed = 0x417574684C6162;                // "AuthLab": same for every scenario

struct StepResult {
    pyjson::Value step;                   // as written in the file
    std::optional<pyjson::Value> record;  // the answer (step_record.hpp); none for an advance
    std::vector<std::string> reasons;     // why its expectations fail
};

struct ScenarioRun {
    pyjson::Value scenario;  // the whole file
    std::vector<StepResult> steps;
};

// Parses the file's bytes and runs every step. Throws ScenarioError when it cannot run
// (nothing of a half-run scenario is reported, as in the reference). `start` replaces the
// "default" world (see build_world). The setup's users are hashed at `setup_cost` (Django 3.2's;
// the fuzz target asks for the least).
ScenarioRun run_scenario(std::string_view file_bytes, const World* start = nullptr,
                         auth::Argon2Cost setup_cost = auth::Argon2Cost::django32());

}  // namespace authlab::scenario
