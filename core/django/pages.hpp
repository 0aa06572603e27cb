#pragma once
// Django's own answers around DRF's: the plain 400, 404 and 500 pages (DEBUG = False) and the
// APPEND_SLASH redirect. The middleware's headers come later (django/middleware.hpp). And the
// WSGI server's answer when an exception leaves Django (django/handler_errors.hpp).
#include <string>

#include "http/message.hpp"

namespace authlab::django {

http::Response bad_request_page();
http::Response not_found_page();
http::Response server_error_page();
http::Response append_slash_redirect(const std::string& location);  // CommonMiddleware: 301
// gunicorn's (the front server of the README's limits): 500, its own HTML, no header of Django's.
http::Response wsgi_server_error_page();

}  // namespace authlab::django
