#pragma once
// The outcome matrix: for every user (and the anonymous one) and every endpoint of api.md, the
// status the core would answer now, with credentials of one mechanism. Each cell runs on a
// copy of the world as it is now (a copy a request changed is restored before the next), so
// nothing changes. Users whose rows cannot differ (same flags, groups,
// permissions and part in the columns: see RowClasses in matrix.cpp) share one computed row, so
// a world of 10,000 users costs about as many rows as it has kinds of user.
#include <nlohmann/json.hpp>
#include <string>

#include "backend.hpp"

namespace authlab::lab {

// mechanism: "token", "bearer" or "session".
// → {mechanism, users: [...], endpoints: [{method, path}], rows: [[{status, kind}]], row_of: [...]}
//   or {error}: users[i]'s cells are rows[row_of[i]], one {status, kind} per endpoint.
nlohmann::ordered_json outcome_matrix(const Backend& backend, const std::string& mechanism);
// One row of it computed on its own: the user's cells (the anonymous one's for nullptr).
nlohmann::ordered_json outcome_row(const Backend& backend, const std::string& mechanism, const std::string* username);

}  // namespace authlab::lab
