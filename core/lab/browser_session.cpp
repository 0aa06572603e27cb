#include "lab/browser_session.hpp"

#include <cmath>
#include <utility>
#include <variant>

#include "export/world_json.hpp"

namespace authlab::lab {

http::Request BrowserSession::with_cookies(http::Request request) const {
    jar_.add_cookie_header(request, backend_.now());
    return request;
}

BrowserSession::Sent BrowserSession::send(const http::Request& request) {
    http::Request sent = with_cookies(request);
    const Micros at = backend_.now();
    Exchange exchange = backend_.handle(sent);
    for (const http::SetCookie& cookie : exchange.response.cookies) jar_.store(cookie, at);
    return {std::move(exchange), at};
}

void BrowserSession::receive(const std::vector<http::SetCookie>& cookies) {
    for (const http::SetCookie& cookie : cookies) jar_.store(cookie, backend_.now());
}

std::optional<std::string> BrowserSession::advance(double seconds) {
    if (!(seconds >= 0 && seconds <= max_advance_seconds)) return "advance: give a number of seconds from 0 to a century";
    std::string refused = backend_.advance(std::llround(seconds * static_cast<double>(micros_per_second)));
    if (!refused.empty()) return "advance: " + refused;
    return std::nullopt;
}

nlohmann::ordered_json BrowserSession::cookies() const {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& entry : jar_.live(backend_.now())) out[entry.name] = entry.coded_value;
    return out;
}

std::optional<std::string> BrowserSession::import_cookies(std::string_view json) {
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (parsed.is_discarded()) return "the cookies are not JSON";
    auto loaded = scenario::CookieJar::from_json(parsed);
    if (auto* problem = std::get_if<std::string>(&loaded)) return *problem;
    jar_ = std::move(std::get<scenario::CookieJar>(loaded));
    return std::nullopt;
}

std::optional<std::string> BrowserSession::replace_world(World world) {
    if (std::string problem = world_run_problem(world, backend_.clock().now()); !problem.empty()) return problem;
    backend_.world() = std::move(world);
    jar_.clear();
    return std::nullopt;
}

}  // namespace authlab::lab
