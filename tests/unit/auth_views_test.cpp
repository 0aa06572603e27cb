// djoser's and simplejwt's token views and Django's LoginView, played as scenarios against
// both the core and the reference project (the real stack): every answer must be the same
// (status, headers, cookies, JSON and HTML bodies), token values compared by shape.
#include <catch2/catch.hpp>

#include "support/scenario_answers.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

// the login page, bad and good credentials, `next` (safe, unsafe, escaped), other methods, CSRF cookie and token shapes
const char* const login_scenario = R"json({"name": "login", "setup": {"world": "default"}, "steps": [
    {"request": {"method": "GET", "path": "/api-auth/login/?next=/api/books/%3Fa%3D1%26b%3D%3Cx%3E"}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "wrong", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "/x?a=<b>\"'"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "  eddie ", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "//evil.com/x"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "/api/b\u00f6\u00f6ks/ x?q=1#f"}}},
    {"request": {"method": "DELETE", "path": "/api-auth/login/", "headers": {"X-CSRFToken": "${cookie:csrftoken}"}}},
    {"request": {"method": "HEAD", "path": "/api-auth/login/"}},
    {"request": {"method": "PUT", "path": "/api-auth/login/", "headers": {"X-CSRFToken": "${cookie:csrftoken}"}, "form": {"username": "eddie"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abc"}, "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "abc"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": ""}, "form": {"username": "eddie", "password": "eddie-pass-1"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "", "password": "", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF"}}},
    {"request": {"method": "GET", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=bad!"}}},
    {"request": {"method": "TRACE", "path": "/api-auth/login/"}}
]})json";

// stale and short sessionid cookies, the session user, CSRF on DRF views (form field, header, none), parse errors met by the CSRF check, a second login, session expiry
const char* const sessions_scenario = R"json({"name": "sessions", "setup": {"world": "default"}, "steps": [
    {"request": {"method": "GET", "path": "/api/books/", "headers": {"Cookie": "sessionid=abc"}}},
    {"request": {"method": "GET", "path": "/api/books/", "headers": {"Cookie": "sessionid=abcdefghijkl"}}},
    {"request": {"method": "GET", "path": "/api/token/", "headers": {"Cookie": "sessionid=abcdefghijkl"}}},
    {"request": {"method": "GET", "path": "/api/books/", "headers": {"Cookie": "sessionid=abcdefghijkl", "Authorization": "Token nope"}}},
    {"request": {"method": "GET", "path": "/api-auth/login/"}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}"}}},
    {"request": {"method": "POST", "path": "/api/books/", "headers": {"Content-Type": "text/plain"}, "body": "hello"}},
    {"request": {"method": "POST", "path": "/api/books/", "headers": {"Content-Type": "application/json"}, "body": "{bad"}},
    {"request": {"method": "POST", "path": "/api/books/", "form": {"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": "2", "csrfmiddlewaretoken": "${cookie:csrftoken}"}}},
    {"request": {"method": "PATCH", "path": "/api/books/4/", "headers": {"Cookie": "sessionid=${cookie:sessionid}"}, "json": {"inventory": 3}}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "carol-pass-1"}}},
    {"request": {"method": "POST", "path": "/api/token/", "json": {"username": "carol", "password": "carol-pass-1"}}},
    {"request": {"method": "GET", "path": "/api/books/", "headers": {"Authorization": "Basic ZWRkaWU6ZWRkaWUtcGFzcy0x"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "mary", "password": "mary-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}"}}},
    {"advance": 1209599},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Cookie": "sessionid=${cookie:sessionid}"}}},
    {"advance": 1},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Cookie": "sessionid=${cookie:sessionid}"}}}
]})json";

// DRF token header parsing, djoser's serializer rules and login/logout, simplejwt's field rules
const char* const tokens_scenario = R"json({"name": "tokens", "setup": {"world": "default"}, "steps": [
    {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": " carol ", "password": " carol-pass-1 "}}, "capture": {"tok": "auth_token"}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "  token\t ${tok}  "}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "TOKEN ${tok}"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${tok} "}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${tok}\u00a0"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Token caf\u00e9"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "bearer abc"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Bearer\tabc"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": ""}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Basic Y2Fyb2w6Y2Fyb2wtcGFzcy0x!!"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Basic Y2Fyb2w"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Basic Y2Fyb2w="}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Basic 6Q=="}}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": ""}}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": true, "password": null}}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "json": [1]}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "json": null}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "form": {"username": "carol", "password": ""}}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "headers": {"Content-Type": "application/json"}, "body": "{\"username\":\"carol\\u0000\",\"password\":\"x\\ud800\"}"}},
    {"request": {"method": "GET", "path": "/auth/token/login"}},
    {"request": {"method": "POST", "path": "/auth/token/logout", "headers": {"Authorization": "Token ${tok}"}}},
    {"request": {"method": "POST", "path": "/auth/token/logout/", "headers": {"Authorization": "Token ${tok}"}}},
    {"request": {"method": "GET", "path": "/auth/token/logout/"}},
    {"request": {"method": "POST", "path": "/api/token/", "json": {"username": "", "password": "  "}}},
    {"request": {"method": "POST", "path": "/api/token/", "json": {"username": ["a"], "password": 4.5}}},
    {"request": {"method": "POST", "path": "/api/token/refresh/", "json": {"refresh": null}}},
    {"request": {"method": "POST", "path": "/api/token/", "form": {"username": "carol"}}}
]})json";

// stale session cookies on the login view, `next` from the query string, JSON and Latin-1 bodies, absolute and foreign `next`
const char* const stale_scenario = R"json({"name": "stale", "setup": {"world": "default"}, "steps": [
    {"request": {"method": "GET", "path": "/api-auth/login/", "headers": {"Cookie": "sessionid=abcdefghijkl"}}},
    {"request": {"method": "GET", "path": "/api-auth/login/", "headers": {"Cookie": "sessionid=abc"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "sessionid=abcdefghijkl; csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "sessionid=abcdefghijkl; csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "eddie", "password": "nope", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/?next=/from-query/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF", "X-CSRFToken": "abcdefghijklmnopqrstuvwxyzABCDEF"}, "json": {"username": "eddie", "password": "eddie-pass-1"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF", "Content-Type": "application/x-www-form-urlencoded; charset=latin-1"}, "body": "username=eddie&password=eddie-pass-1&csrfmiddlewaretoken=abcdefghijklmnopqrstuvwxyzABCDEF&next=http://testserver/ok"}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF", "next": "https://evil.com/"}}}
]})json";

// multipart and broken form bodies, invalid UTF-8 in a field
const char* const bodies_scenario = R"json({"name": "bodies", "setup": {"world": "default"}, "steps": [
    {"request": {"method": "GET", "path": "/api-auth/login/"}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Content-Type": "application/x-www-form-urlencoded"}, "body": "csrfmiddlewaretoken=${cookie:csrftoken}&username=ed%FFdie&password=x"}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Content-Type": "multipart/form-data; boundary=XX"}, "body": "--XX\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n${cookie:csrftoken}\r\n--XX\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\neddie\r\n--XX\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\neddie-pass-1\r\n--XX--\r\n"}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Content-Type": "multipart/form-data"}, "body": "garbage"}}
]})json";

// AuthenticationForm: an overlong username, NUL characters, a password with a leading space
const char* const form_scenario = R"json({"name": "form", "setup": {"world": "default"}, "steps": [
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "password": "p", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "ed\u0000die", "password": "p\u0000", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}, "form": {"username": "eddie", "password": " eddie-pass-1", "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyzABCDEF"}}}
]})json";

// other methods on the login view, `next` values the open-redirect guard must refuse or keep, a
// Content-Type in capitals, a Latin-1 form, and a session user on the token views
const char* const misc_scenario = R"json({"name": "misc", "setup": {"world": "default"}, "steps": [
    {"request": {"method": "OPTIONS", "path": "/api-auth/login/"}},
    {"request": {"method": "GET", "path": "/api-auth/login/"}},
    {"request": {"method": "PATCH", "path": "/api-auth/login/", "headers": {"X-CSRFToken": "${cookie:csrftoken}"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/?next=javascript:alert(1)", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "\\\\evil.com/x"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "  /spaces/ "}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "https://testserver/secure"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "\u0001/x"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "//[::1/x"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "http:///x"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "form": {"username": "eddie", "password": "eddie-pass-1", "csrfmiddlewaretoken": "${cookie:csrftoken}", "next": "ftp://testserver/x"}}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Content-Type": "Application/X-WWW-Form-Urlencoded"}, "body": "username=eddie&password=eddie-pass-1&csrfmiddlewaretoken=${cookie:csrftoken}"}},
    {"request": {"method": "POST", "path": "/api-auth/login/", "headers": {"Content-Type": "application/x-www-form-urlencoded; charset=latin-1"}, "body": "username=eddie&password=eddie-pass-1&csrfmiddlewaretoken=${cookie:csrftoken}&next=/caf%E9"}},
    {"request": {"method": "POST", "path": "/api/token/refresh/", "form": {"refresh": "x"}}},
    {"request": {"method": "POST", "path": "/auth/token/logout/", "headers": {"X-CSRFToken": "${cookie:csrftoken}"}}},
    {"request": {"method": "POST", "path": "/auth/token/login/", "headers": {"X-CSRFToken": "${cookie:csrftoken}"}, "json": {"username": "carol", "password": "carol-pass-1"}}},
    {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${cookie:nothing}"}}}
]})json";

void same_answers(const json& scenario) {
    const json reference = testing::reference_answers(scenario);
    const json core = testing::core_answers(scenario);
    REQUIRE(core.size() == reference.size());
    for (std::size_t i = 0; i < core.size(); ++i) {
        INFO(scenario["name"].get<std::string>() << " step " << i + 1 << ": " << scenario["steps"][i].dump());
        CHECK(testing::shape_only(core[i]) == testing::shape_only(reference[i]));
    }
}

}  // namespace

TEST_CASE("Django's login view answers as the reference does", "[auth][views][reference]") {
    same_answers(json::parse(login_scenario));
    same_answers(json::parse(stale_scenario));
    same_answers(json::parse(form_scenario));
    same_answers(json::parse(misc_scenario));
}

TEST_CASE("sessions and CSRF on DRF views answer as the reference does", "[auth][views][reference]") {
    same_answers(json::parse(sessions_scenario));
}

TEST_CASE("the token views answer as the reference does", "[auth][views][reference]") {
    same_answers(json::parse(tokens_scenario));
}

TEST_CASE("unreadable login bodies answer as the reference does", "[auth][views][reference]") {
    json scenario = json::parse(bodies_scenario);
    // More than DATA_UPLOAD_MAX_NUMBER_FIELDS fields: TooManyFieldsSent, 400.
    std::string many;
    for (int i = 0; i < 1001; ++i) many += (i ? "&f" : "f") + std::to_string(i) + "=1";
    scenario["steps"].push_back({{"request", {{"method", "POST"}, {"path", "/api-auth/login/"},
                                              {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}}},
                                              {"body", many}}}});
    // ... with a stale session cookie, which the error report's request.user then deletes.
    scenario["steps"].push_back({{"request", {{"method", "POST"}, {"path", "/api-auth/login/"},
                                              {"headers", {{"Content-Type", "application/x-www-form-urlencoded"},
                                                           {"Cookie", "sessionid=abcdefghijkl"}}},
                                              {"body", many}}}});
    same_answers(scenario);
}
