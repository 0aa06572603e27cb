#include "django/middleware.hpp"

#include <algorithm>

namespace authlab::django {

void patch_vary(http::Response& response, std::string_view header) {
    const std::string* current = response.headers.find("Vary");
    if (!current) {
        response.headers.add("Vary", std::string(header));
    } else if (current->find(header) == std::string::npos) {
        // Rewrite in place, keeping the header's position (HttpResponse headers are a dict).
        http::Headers patched;
        for (const auto& [name, value] : response.headers.all()) {
            patched.add(name, &value == current ? value + ", " + std::string(header) : value);
        }
        response.headers = std::move(patched);
    }
}

void process_response(http::Response& response, SessionStore& session, bool frame_options) {
    if (frame_options && !response.headers.has("X-Frame-Options")) response.headers.add("X-Frame-Options", "DENY");
    if (!response.headers.has("Content-Length")) response.headers.add("Content-Length", std::to_string(response.body.size()));
    SessionStore::Outcome outcome = session.process_response(response.status == 500);
    if (outcome.cookie) response.cookies.push_back(std::move(*outcome.cookie));
    if (outcome.vary_cookie) patch_vary(response, "Cookie");
    response.headers.add("X-Content-Type-Options", "nosniff");
    response.headers.add("Referrer-Policy", "same-origin");
}

}  // namespace authlab::django
