#include "lab/replay.hpp"

namespace authlab::lab {

http::Request without_credentials(http::Request request) {
    for (const char* name : {"Authorization", "Cookie", "X-CSRFToken"}) request.headers.remove(name);
    return request;
}

http::Request with_credentials(http::Request request, const Credentials& credentials) {
    request = without_credentials(std::move(request));
    if (credentials.authorization) request.headers.set("Authorization", *credentials.authorization);
    std::string cookie_header;
    for (const http::SetCookie& cookie : credentials.cookies) {
        cookie_header += (cookie_header.empty() ? "" : "; ") + cookie.name + "=" + cookie.value;
        if (cookie.name == "csrftoken") request.headers.set("X-CSRFToken", cookie.value);
    }
    if (!cookie_header.empty()) request.headers.set("Cookie", cookie_header);
    return request;
}

}  // namespace authlab::lab
