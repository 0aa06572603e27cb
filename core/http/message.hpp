#pragma once
// A simulated HTTP exchange: what the page (or a scenario) sends and what the backend answers.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "time/clock.hpp"

namespace authlab::http {

// Header names compare case-insensitively; order is kept.
class Headers {
public:
    const std::string* find(std::string_view name) const;  // the first of that name
    std::string get(std::string_view name) const;          // "" when absent
    bool has(std::string_view name) const { return find(name) != nullptr; }
    void set(std::string_view name, std::string value);     // replaces every one of that name
    void add(std::string name, std::string value);
    void remove(std::string_view name);
    const std::vector<std::pair<std::string, std::string>>& all() const { return entries_; }

private:
    std::vector<std::pair<std::string, std::string>> entries_;
};

struct Request {
    std::string method;  // upper case: "GET"
    std::string path;    // "/api/books/", without the query string
    std::string query;   // after '?', "" when none
    Headers headers;     // Cookie, Authorization, …: each value the text request.META holds (UTF-8)
    std::string body;    // raw bytes
};

// A cookie as Django's SimpleCookie sends it.
struct SetCookie {
    std::string name;
    std::string value;
    std::optional<std::int64_t> max_age;  // seconds; Django also sends expires= (1970 for 0: deletion)
    bool http_only = false;
    std::string same_site = "Lax";

    // "csrftoken=…; expires=Tue, 31 Dec 2024 12:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax"
    std::string header_value(Micros now) const;
};

struct Response {
    int status = 200;
    Headers headers;                 // Content-Type, WWW-Authenticate, Allow, Location, …
    std::vector<SetCookie> cookies;  // sent as one Set-Cookie header each
    std::string body;
};

// "Tue, 31 Dec 2024 12:00:00 GMT" (RFC 7231's IMF-fixdate, as Django's http_date writes it).
std::string http_date(Micros at);

// Django's parse_cookie: "a=1; b=2" → name → value, lenient the way browsers are; the last of a
// repeated name wins.
std::map<std::string, std::string> parse_cookie_header(std::string_view header);

}  // namespace authlab::http
