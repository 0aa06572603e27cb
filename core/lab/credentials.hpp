#pragma once
// "Send as": credentials for any user without their password, made the way the login views
// make them (Django's test Client.force_login and DRF's Token.objects.get_or_create work the
// same way): a DRF token, a simplejwt access token, or a logged-in session with its CSRF cookie.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "backend.hpp"

namespace authlab::lab {

struct Credentials {
    std::optional<std::string> authorization;  // "Token …" or "Bearer …"
    std::vector<http::SetCookie> cookies;      // sessionid and csrftoken, for the cookie jar
};

// mechanism: "token", "bearer" or "session". An unknown user or mechanism is an error message.
std::variant<Credentials, std::string> issue_credentials(Backend& backend, const std::string& username,
                                                         const std::string& mechanism);

}  // namespace authlab::lab
