#pragma once
// "Why not?": for a request answered 401 or 403, the smallest changes that would have let it
// through — a permission for one of the user's groups, a group to join, a flag, credentials to
// send, the CSRF header — each checked by replaying the request on a copy of the world. For a
// 403 that DRF gives instead of a 401, also the change that makes it a 401. An object-level
// refusal (has_object_permission, e.g. IsOwner) also gets its reason in words.
#include <nlohmann/json.hpp>

#include "backend.hpp"

namespace authlab::lab {

// → {status, reason?, suggestions: [{text, change, outcome: {status}}], untried?} (see
// wasm/API.md); `untried`: how many candidate changes the budget left untried.
nlohmann::ordered_json why_not(const Backend& backend, const http::Request& request);

}  // namespace authlab::lab
