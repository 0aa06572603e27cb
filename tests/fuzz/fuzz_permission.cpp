// A permission expression: parsed and written back, then, when the policy check accepts it,
// asked by a view for an anonymous and an authenticated request.
#include "drf/permissions.hpp"
#include "drf/policy_check.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    std::string_view expression = fuzz::as_text(data, size);
    drf::PermissionParse parsed = drf::parse_permission(expression);
    if (!parsed.permission) return 0;
    parsed.permission->describe();
    fuzz::FreshBackend fresh;
    fresh.backend.world().policies.views["books"].permissions = {std::string(expression)};
    if (!drf::policies_problem(fresh.backend.world().policies).empty()) return 0;
    http::Request get{"GET", "/api/books/", "", {}, ""};
    fresh.backend.handle(get);
    http::Request post{"POST", "/api/books/", "", {}, R"({"title": "T", "author": "A", "price": "1.00", "inventory": 1})"};
    post.headers.add("Content-Type", "application/json");
    post.headers.add("Authorization", "Basic YWxpY2U6YWxpY2UtcGFzcy0x");  // alice:alice-pass-1
    fresh.backend.handle(post);
    return 0;
}
