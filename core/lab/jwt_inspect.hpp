#pragma once
// The token panel's view of a JWT: its header and payload, whether the signature holds under
// the world's SECRET_KEY, and how long it has left on the virtual clock.
#include <nlohmann/json.hpp>
#include <string_view>

#include "backend.hpp"

namespace authlab::lab {

// {header, payload, signature: "valid" | "invalid" | "unchecked" (not a JWT), problem, expires_in}
nlohmann::ordered_json inspect_jwt(const Backend& backend, std::string_view token);

}  // namespace authlab::lab
