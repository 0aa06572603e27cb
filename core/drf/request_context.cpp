#include "drf/request_context.hpp"

#include <algorithm>

#include "drf/parsers.hpp"
#include "drf/permissions.hpp"

namespace authlab::drf {

RequestContext::RequestContext(World& w, const http::Request& request, Micros at, crypto::RandomSource& r,
                               const auth::Passwords& p, django::Cache* shared_cache)
    : cookies_(http::parse_cookie_header(request.headers.get("Cookie"))),
      world(w), http(request), method(request.method), now(at), random(r), passwords(p), cache(shared_cache ? *shared_cache : own_cache_),
      session(w, r, at, cookies_) {}

const std::string* RequestData::file(const std::string& key) const {
    for (const auto& [name, file_name] : files) {
        if (name == key) return &file_name;
    }
    return nullptr;
}

const RequestData& RequestContext::data() {
    if (!data_) data_ = parse_request_body(http);
    return *data_;
}

void RequestContext::fail(ApiError error, std::string stage, std::string component, std::string summary,
                          nlohmann::ordered_json data) {
    trace.add(std::move(stage), std::move(component), "fail", std::move(summary), std::move(data));
    throw error;
}

}  // namespace authlab::drf
