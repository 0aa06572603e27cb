#include "http/limits.hpp"

namespace authlab::http {

std::optional<LimitRefusal> request_limit_refusal(const Request& request) {
    auto bytes = [](std::size_t n) { return std::to_string(n) + " bytes"; };
    std::size_t target = request.path.size() + (request.query.empty() ? 0 : 1 + request.query.size());
    if (target > max_request_target_bytes) {
        return LimitRefusal{414, "the path and query string are " + bytes(target) + " long; at most " +
                                     bytes(max_request_target_bytes) + " are accepted"};
    }
    const auto& headers = request.headers.all();
    if (headers.size() > max_request_headers) {
        return LimitRefusal{431, "the request has " + std::to_string(headers.size()) + " headers; at most " +
                                     std::to_string(max_request_headers) + " are accepted"};
    }
    for (const auto& [name, value] : headers) {
        std::size_t size = name.size() + value.size();
        if (size > max_request_header_bytes) {
            return LimitRefusal{431, "the " + (name.size() <= 64 ? name : name.substr(0, 64) + "…") + " header is " + bytes(size) +
                                         " long (name and value); at most " + bytes(max_request_header_bytes) + " are accepted"};
        }
    }
    if (request.body.size() > max_request_body_bytes) {
        return LimitRefusal{413, "the body is " + bytes(request.body.size()) + " long; at most " +
                                     bytes(max_request_body_bytes) + " (4 MiB) are accepted"};
    }
    return std::nullopt;
}

Response limit_response(const LimitRefusal& refusal) {
    Response response;
    response.status = refusal.status;
    response.headers.add("Content-Type", "text/plain; charset=utf-8");
    response.body = "Request refused before it reached Django: " + refusal.message + ".\n";
    return response;
}

Response simulator_limit_response(const std::string& problem) {
    Response response;
    response.status = simulator_storage_status;
    response.headers.add("Content-Type", "text/plain; charset=utf-8");
    response.body = "AuthLab's simulator did not keep this change: the world would no longer fit its world file (" + problem +
                    "). This is a limit of the simulator, not of Django; delete something or reset the world.\n";
    response.headers.add("Content-Length", std::to_string(response.body.size()));
    return response;
}

}  // namespace authlab::http
