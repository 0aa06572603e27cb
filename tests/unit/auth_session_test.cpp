// Sessions: _auth_user_hash is Django's get_session_auth_hash, and a session stops working
// when the password hash changes, when the user is made inactive (until reactivated), and
// when it expires; a session that leads nowhere has its cookie deleted.
#include <catch2/catch.hpp>

#include <algorithm>

#include "backend.hpp"
#include "django/sessions.hpp"
#include "support/django.hpp"
#include "world/seed.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

constexpr Micros start = 1'704'110'400LL * micros_per_second;

std::string cookie_value(const http::Response& response, const std::string& name) {
    for (const http::SetCookie& cookie : response.cookies) {
        if (cookie.name == name) return cookie.value;
    }
    return "<none>";
}

http::Request get(const std::string& path, const std::string& cookie) {
    http::Request request{"GET", path, "", {}, ""};
    if (!cookie.empty()) request.headers.add("Cookie", cookie);
    return request;
}

// Logs eddie in through /api-auth/login/ and returns the session key.
std::string log_in(Backend& backend, const std::string& username, const std::string& password) {
    const Exchange page = backend.handle(get("/api-auth/login/", ""));
    REQUIRE(page.response.status == 200);
    const std::string csrf = cookie_value(page.response, "csrftoken");
    http::Request post{"POST", "/api-auth/login/", "", {}, "username=" + username + "&password=" + password + "&csrfmiddlewaretoken=" + csrf};
    post.headers.add("Content-Type", "application/x-www-form-urlencoded");
    post.headers.add("Cookie", "csrftoken=" + csrf);
    const Exchange login = backend.handle(post);
    REQUIRE(login.response.status == 302);
    return cookie_value(login.response, "sessionid");
}

}  // namespace

TEST_CASE("_auth_user_hash is Django's get_session_auth_hash", "[auth][session][django]") {
    const std::vector<std::string> passwords = {
        "argon2$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$AbCdEfGhIjKlMnOpQrStUv",
        "pbkdf2_sha256$260000$salt$hash=", "!unusable", "", "\xc3\xa9t\xc3\xa9"};
    const std::vector<std::string> secrets = {"authlab-test-secret", "another key with spaces", "\xe2\x82\xac"};
    json input = {{"passwords", passwords}, {"secrets", secrets}};
    const json real = testing::django::ask(R"(
from django.contrib.auth.models import User
from django.utils.crypto import salted_hmac
salt = 'django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash'
answer({'configured': [User(password=p).get_session_auth_hash() for p in data['passwords']],
        'by_secret': [[salted_hmac(salt, p, secret=s, algorithm='sha256').hexdigest() for p in data['passwords']]
                      for s in data['secrets']]})
)",
                                          input);
    for (std::size_t p = 0; p < passwords.size(); ++p) {
        User user;
        user.password = passwords[p];
        CHECK(django::session_auth_hash(user, "authlab-test-secret") == real["configured"][p]);
        for (std::size_t s = 0; s < secrets.size(); ++s) CHECK(django::session_auth_hash(user, secrets[s]) == real["by_secret"][s][p]);
    }
}

TEST_CASE("a session ends with a new password, pauses while inactive, and expires", "[auth][session]") {
    crypto::SeededRandom random(77);
    FixedClock clock(start);
    Backend backend(default_world(random, auth::Argon2Cost{8, 1, 1}), clock, random);
    const std::string key = log_in(backend, "eddie", "eddie-pass-1");
    REQUIRE(key.size() == 32);
    CHECK(std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }));
    REQUIRE(backend.world().sessions.size() == 1);
    CHECK(backend.world().sessions[0].expires == start + django::session_cookie_age * micros_per_second);

    const auto me = [&] { return backend.handle(get("/auth/users/me/", "sessionid=" + key)).response; };
    CHECK(me().status == 200);

    // Inactive: anonymous, but the session stays for when the user is active again.
    User& eddie = *backend.world().find_user(3);
    eddie.is_active = false;
    http::Response response = me();
    CHECK(response.status == 401);
    CHECK(response.cookies.empty());
    CHECK(backend.world().sessions.size() == 1);
    eddie.is_active = true;
    CHECK(me().status == 200);

    // A new password hash no longer matches _auth_user_hash: flushed, cookie deleted.
    eddie.password = backend.passwords().make_password("new-pass");
    response = me();
    CHECK(response.status == 401);
    CHECK(response.headers.get("Vary") == "Accept, Cookie");
    REQUIRE(response.cookies.size() == 1);
    CHECK(response.cookies[0].header_value(start) == "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax");
    CHECK(backend.world().sessions.empty());

    // Expiry: alive one second before SESSION_COOKIE_AGE, gone at it.
    const std::string again = log_in(backend, "eddie", "new-pass");
    clock.set(start + (django::session_cookie_age - 1) * micros_per_second);
    CHECK(backend.handle(get("/auth/users/me/", "sessionid=" + again)).response.status == 200);
    clock.set(start + django::session_cookie_age * micros_per_second);
    response = backend.handle(get("/auth/users/me/", "sessionid=" + again)).response;
    CHECK(response.status == 401);
    CHECK(cookie_value(response, "sessionid").empty());
}

TEST_CASE("logging in again keeps one's session, another user's is replaced", "[auth][session]") {
    crypto::SeededRandom random(78);
    FixedClock clock(start);
    Backend backend(default_world(random, auth::Argon2Cost{8, 1, 1}), clock, random);
    const std::string first = log_in(backend, "eddie", "eddie-pass-1");
    // The same user with the session cookie: login() keeps the key.
    const Exchange page = backend.handle(get("/api-auth/login/", "sessionid=" + first));
    const std::string csrf = cookie_value(page.response, "csrftoken");
    const auto post = [&](const std::string& user, const std::string& password) {
        http::Request request{"POST", "/api-auth/login/", "", {}, "username=" + user + "&password=" + password + "&csrfmiddlewaretoken=" + csrf};
        request.headers.add("Content-Type", "application/x-www-form-urlencoded");
        request.headers.add("Cookie", "csrftoken=" + csrf + "; sessionid=" + first);
        return backend.handle(request).response;
    };
    CHECK(cookie_value(post("eddie", "eddie-pass-1"), "sessionid") == first);
    CHECK(backend.world().sessions.size() == 1);
    // Another user: flushed, a new key, the old row gone.
    const std::string second = cookie_value(post("mary", "mary-pass-1"), "sessionid");
    CHECK(second != first);
    REQUIRE(backend.world().sessions.size() == 1);
    CHECK(backend.world().sessions[0].key == second);
    CHECK(backend.world().sessions[0].user == 2);
}
