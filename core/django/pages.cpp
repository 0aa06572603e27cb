#include "django/pages.hpp"

namespace authlab::django {
namespace {

// django/views/defaults.py's ERROR_PAGE_TEMPLATE.
std::string error_page(const std::string& title, const std::string& details) {
    return "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>" + title + "</title>\n</head>\n<body>\n  <h1>" + title +
           "</h1><p>" + details + "</p>\n</body>\n</html>\n";
}

http::Response html(int status, std::string body) {
    http::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers.add("Content-Type", "text/html");
    return response;
}

}  // namespace

http::Response bad_request_page() { return html(400, error_page("Bad Request (400)", "")); }

http::Response not_found_page() {
    return html(404, error_page("Not Found", "The requested resource was not found on this server."));
}

http::Response server_error_page() { return html(500, error_page("Server Error (500)", "")); }

http::Response wsgi_server_error_page() {
    // gunicorn.util.write_error with no message.
    http::Response response;
    response.status = 500;
    response.body = "<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n"
                    "  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n";
    response.headers.add("Content-Type", "text/html");
    response.headers.add("Content-Length", std::to_string(response.body.size()));
    return response;
}

http::Response append_slash_redirect(const std::string& location) {
    http::Response response;
    response.status = 301;
    response.headers.add("Content-Type", "text/html; charset=utf-8");
    response.headers.add("Location", location);
    return response;
}

}  // namespace authlab::django
