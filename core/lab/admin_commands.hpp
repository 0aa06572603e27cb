#pragma once
// The page's admin actions as JSON commands ({"op": "save_group", …}; see wasm/API.md),
// checked and applied through admin/. Answers {"ok": true} or {"error": "…"}; on an error the
// world is as it was. A change that would leave a world its world file cannot hold
// (world_save_problem) is an error too.
#include <nlohmann/json.hpp>

#include "backend.hpp"

namespace authlab::lab {

nlohmann::ordered_json apply_admin_command(Backend& backend, const nlohmann::json& command);

}  // namespace authlab::lab
