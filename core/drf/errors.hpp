#pragma once
// DRF's APIException family (rest_framework/exceptions.py) as one value type, thrown the way
// DRF raises them and turned into a response by the view's handle_exception.
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace authlab::drf {

struct ApiError : std::runtime_error {
    enum class Kind {
        not_authenticated,      // 401/403 by the view's first authenticator
        authentication_failed,  // 401/403 likewise
        permission_denied,      // 403
        not_found,              // 404
        method_not_allowed,     // 405
        not_acceptable,         // 406
        unsupported_media_type, // 415
        parse_error,            // 400
        validation_error,       // 400
        throttled,              // 429
    };

    ApiError(Kind k, int status_code, nlohmann::ordered_json payload)
        : std::runtime_error(payload.dump()), kind(k), status(status_code), body(std::move(payload)) {}

    Kind kind;
    int status;
    nlohmann::ordered_json body;                 // {"detail": …} or a field → [errors] object
    std::optional<long long> wait;                // Throttled.wait: the Retry-After header, whole seconds
};

// Where Django 3.2 on SQLite itself fails (an id beyond 64 bits): a plain 500 page.
struct ServerError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Django's SuspiciousOperation family raised while reading a body (TooManyFieldsSent,
// RequestDataTooBig): Django answers 400 with its plain "Bad Request (400)" page.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

ApiError not_authenticated();                                  // "Authentication credentials were not provided."
ApiError authentication_failed(const std::string& detail);     // {"detail": detail}
ApiError authentication_failed(nlohmann::ordered_json body);   // simplejwt's {"detail", "code", …}
// Named apart from APIView.permission_denied (api_view.hpp), which decides 401 or 403 and raises.
ApiError permission_denied_error(const std::string& detail = "You do not have permission to perform this action.");
ApiError not_found();                                          // "Not found."
ApiError method_not_allowed(const std::string& method);        // Method "PATCH" not allowed.
ApiError not_acceptable();                                     // "Could not satisfy the request Accept header."
ApiError unsupported_media_type(const std::string& media_type);
ApiError parse_error(const std::string& detail);
// "Request was throttled. Expected available in 42 seconds.": the wait rounded up (math.ceil);
// without a wait (none to offer) the first sentence alone and no Retry-After.
ApiError throttled(std::optional<double> wait);
ApiError validation_error(nlohmann::ordered_json errors);      // {"field": ["…"]} or {"non_field_errors": […]}

}  // namespace authlab::drf
