#include "drf/errors.hpp"

#include <cmath>

namespace authlab::drf {
namespace {

nlohmann::ordered_json detail(const std::string& text) { return {{"detail", text}}; }

}  // namespace

ApiError not_authenticated() {
    return {ApiError::Kind::not_authenticated, 401, detail("Authentication credentials were not provided.")};
}
ApiError authentication_failed(const std::string& text) { return {ApiError::Kind::authentication_failed, 401, detail(text)}; }
ApiError authentication_failed(nlohmann::ordered_json body) { return {ApiError::Kind::authentication_failed, 401, std::move(body)}; }
ApiError permission_denied_error(const std::string& text) { return {ApiError::Kind::permission_denied, 403, detail(text)}; }
ApiError not_found() { return {ApiError::Kind::not_found, 404, detail("Not found.")}; }
ApiError method_not_allowed(const std::string& method) {
    return {ApiError::Kind::method_not_allowed, 405, detail("Method \"" + method + "\" not allowed.")};
}
ApiError not_acceptable() {
    return {ApiError::Kind::not_acceptable, 406, detail("Could not satisfy the request Accept header.")};
}
ApiError unsupported_media_type(const std::string& media_type) {
    return {ApiError::Kind::unsupported_media_type, 415, detail("Unsupported media type \"" + media_type + "\" in request.")};
}
ApiError parse_error(const std::string& text) { return {ApiError::Kind::parse_error, 400, detail(text)}; }
ApiError throttled(std::optional<double> wait) {
    std::string text = "Request was throttled.";
    std::optional<long long> seconds;
    if (wait) {
        seconds = static_cast<long long>(std::ceil(*wait));
        text += " Expected available in " + std::to_string(*seconds) + (*seconds == 1 ? " second." : " seconds.");
    }
    ApiError error{ApiError::Kind::throttled, 429, detail(text)};
    error.wait = seconds;
    return error;
}
ApiError validation_error(nlohmann::ordered_json errors) { return {ApiError::Kind::validation_error, 400, std::move(errors)}; }

}  // namespace authlab::drf
