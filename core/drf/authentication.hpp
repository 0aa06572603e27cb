#pragma once
// DRF's authentication classes. authenticate() answers nothing when the request carries no
// credentials of its kind, the user when they are good, and throws AuthenticationFailed (or,
// for SessionAuthentication's CSRF check, PermissionDenied) when they are bad.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drf/request_context.hpp"

namespace authlab::drf {

struct Authenticated {
    User* user = nullptr;
    nlohmann::ordered_json auth;  // request.auth
};

class Authenticator {
public:
    virtual ~Authenticator() = default;
    virtual std::string_view name() const = 0;  // "TokenAuthentication"
    virtual std::optional<Authenticated> authenticate(RequestContext& request) const = 0;
    // The WWW-Authenticate challenge; none (SessionAuthentication) turns 401 into 403.
    virtual std::optional<std::string> authenticate_header() const = 0;
};

// nullptr for an unknown class name.
std::unique_ptr<Authenticator> make_authenticator(std::string_view class_name);
const std::vector<std::string>& authentication_class_names();

}  // namespace authlab::drf
