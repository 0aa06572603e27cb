#pragma once
// What Django's own views (LoginView, LogoutView) read of a request besides the session:
// request.POST and request.GET, parsed on first use as Django's WSGIRequest parses them,
// request.get_host(), and the never_cache decorator's headers.
#include <optional>
#include <string>

#include "django/query_dict.hpp"
#include "http/message.hpp"
#include "time/clock.hpp"

namespace authlab::views {

// What reading request.POST can raise before the view runs. A SuspiciousOperation is logged
// as an error, and the error mail's report reads request.user (so the session); a broken
// multipart body is only a warning.
struct BadRequest {
    bool suspicious;
    std::string why;
};

class DjangoRequest {
public:
    explicit DjangoRequest(const http::Request& http) : http_(http) {}

    const django::QueryDict& post();  // request.POST; throws BadRequest
    django::QueryDict get() const;    // request.GET
    std::string host() const;         // request.get_host(): the Host header, else "testserver"

private:
    const http::Request& http_;
    std::optional<django::QueryDict> post_;
};

// django.utils.cache.add_never_cache_headers, which never_cache adds to a view's response.
void add_never_cache_headers(http::Response& response, Micros now);

}  // namespace authlab::views
