#pragma once
// The one sentence that explains a response, written into the trace's outcome: why 401 and
// not 403, which class refused, what it needed.
#include <optional>
#include <string>

#include "drf/errors.hpp"
#include "drf/request_context.hpp"

namespace authlab::drf {

void explain_success(RequestContext& request, const std::string& view, int status);
void explain_error(RequestContext& request, const std::string& view, const ApiError& error,
                   const std::string& first_authenticator, const std::optional<std::string>& challenge);

}  // namespace authlab::drf
