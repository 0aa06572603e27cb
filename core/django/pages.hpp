#pragma once
// Django's own answers around DRF's: the plain 400, 404 and 500 pages (DEBUG = False) and the
// APPEND_SLASH redirect. The middleware's headers come later (django/middleware.hpp).
#include <string>

#include "http/message.hpp"

namespace authlab::django {

http::Response bad_request_page();
http::Response not_found_page();
http::Response server_error_page();
http::Response append_slash_redirect(const std::string& location);  // CommonMiddleware: 301

}  // namespace authlab::django
