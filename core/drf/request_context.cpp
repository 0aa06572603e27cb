#include "drf/request_context.hpp"

#include <algorithm>

#include "drf/errors.hpp"
#include "drf/parsers.hpp"
#include "drf/permissions.hpp"

namespace authlab::drf {

RequestContext::RequestContext(World& w, const http::Request& request, Micros at, crypto::RandomSource& r,
                               const auth::Passwords& p)
    : cookies_(http::parse_cookie_header(request.headers.get("Cookie"))),
      world(w), http(request), now(at), random(r), passwords(p),
      session(w, r, at, cookies_) {}

const RequestData& RequestContext::data() {
    if (!data_) data_ = parse_request_body(http);
    return *data_;
}

// APIView.check_object_permissions: every class, in order; a refusal follows rule 2.
void RequestContext::check_object_permissions() {
    if (!permissions) return;
    for (const auto& permission : *permissions) {
        if (!permission->has_object_permission(*this)) {
            if (has_authenticators && authenticator.empty()) throw not_authenticated();
            throw permission_denied();
        }
    }
}

}  // namespace authlab::drf
