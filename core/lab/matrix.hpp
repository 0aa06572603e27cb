#pragma once
// The outcome matrix: for every user (and the anonymous one) and every endpoint of api.md, the
// status the core would answer now, with credentials of one mechanism. Each cell runs on its
// own copy of the world, so nothing changes.
#include <nlohmann/json.hpp>
#include <string>

#include "backend.hpp"

namespace authlab::lab {

// mechanism: "token", "bearer" or "session".
// → {mechanism, users: [...], endpoints: [{method, path}], cells: [[{status, kind}]]} or {error}
nlohmann::ordered_json outcome_matrix(const Backend& backend, const std::string& mechanism);

}  // namespace authlab::lab
