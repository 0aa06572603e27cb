// The page's browser: which cookies its requests send, what Set-Cookie answers change, the jar
// across a reload, and the learner's clock.
#include <catch2/catch.hpp>

#include <cmath>

#include "lab/browser_session.hpp"
#include "lab/credentials.hpp"
#include "lab/page_json.hpp"
#include "world/seed.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

struct Fixture {
    crypto::SeededRandom random{7};
    FixedClock clock{1704110400 * micros_per_second};  // 2024-01-01T12:00:00Z
    Backend backend{default_world(random, auth::Argon2Cost::owasp_minimum()), clock, random};
    lab::BrowserSession browser{backend};

    static http::Request request(std::string method, std::string path) {
        return http::Request{std::move(method), std::move(path), "", {}, ""};
    }
    void log_in(const std::string& username) {
        auto issued = lab::issue_credentials(backend, username, "session");
        REQUIRE(std::holds_alternative<lab::Credentials>(issued));
        browser.receive(std::get<lab::Credentials>(issued).cookies);
    }
    std::string me() {
        Exchange e = browser.send(request("GET", "/auth/users/me/")).exchange;
        return e.response.status == 200 ? json::parse(e.response.body)["username"].get<std::string>()
                                        : std::to_string(e.response.status);
    }
};

http::SetCookie cookie(std::string name, std::string value, std::optional<std::int64_t> max_age = std::nullopt) {
    http::SetCookie c;
    c.name = std::move(name);
    c.value = std::move(value);
    c.max_age = max_age;
    return c;
}

}  // namespace

TEST_CASE("a request without a Cookie header of its own sends the jar's cookies", "[lab][browser]") {
    Fixture f;
    CHECK_FALSE(f.browser.with_cookies(Fixture::request("GET", "/")).headers.has("Cookie"));  // an empty jar sends none
    f.browser.receive({cookie("csrftoken", "abc"), cookie("sessionid", "xyz")});
    CHECK(f.browser.with_cookies(Fixture::request("GET", "/")).headers.get("Cookie") == "csrftoken=abc; sessionid=xyz");
    http::Request own = Fixture::request("GET", "/");
    own.headers.set("Cookie", "sessionid=mine");
    CHECK(f.browser.with_cookies(own).headers.get("Cookie") == "sessionid=mine");  // its own replaces the jar
}

TEST_CASE("a session the browser was given authenticates its later requests until it is cleared", "[lab][browser]") {
    Fixture f;
    CHECK(f.me() == "401");
    f.log_in("carol");
    CHECK(f.browser.cookies().contains("sessionid"));
    CHECK(f.me() == "carol");
    f.browser.clear_cookies();
    CHECK(f.browser.cookies() == nlohmann::ordered_json::object());
    CHECK(f.me() == "401");
}

TEST_CASE("Set-Cookie answers the backend sends change the jar", "[lab][browser]") {
    Fixture f;
    // Django's login page sets the CSRF cookie: the answer and its time come back, the jar keeps it.
    lab::BrowserSession::Sent sent = f.browser.send(Fixture::request("GET", "/api-auth/login/"));
    REQUIRE(sent.exchange.response.status == 200);
    CHECK(sent.at == f.backend.now());
    REQUIRE(sent.exchange.response.cookies.size() == 1);
    CHECK(f.browser.cookies() == nlohmann::ordered_json{{"csrftoken", sent.exchange.response.cookies[0].value}});
    // Max-Age=0 (Django's delete_cookie) takes it out again.
    f.browser.receive({cookie("csrftoken", "", 0)});
    CHECK(f.browser.cookies() == nlohmann::ordered_json::object());
}

TEST_CASE("the clock moves forward by up to a century and cookies expire on it", "[lab][browser]") {
    Fixture f;
    const Micros start = f.browser.now();
    f.browser.receive({cookie("short", "1", 60), cookie("session", "2")});
    CHECK_FALSE(f.browser.advance(59.5).has_value());
    CHECK(f.browser.now() == start + 59'500'000);
    CHECK(f.browser.cookies() == nlohmann::ordered_json{{"short", "1"}, {"session", "2"}});
    CHECK_FALSE(f.browser.advance(0.5).has_value());
    CHECK(f.browser.cookies() == nlohmann::ordered_json{{"session", "2"}});
    for (double refused : {-1.0, std::nan(""), 100.0 * 366 * 86400 + 1, 1e300}) {
        INFO(refused);
        CHECK(f.browser.advance(refused) == "advance: give a number of seconds from 0 to a century");
        CHECK(f.browser.now() == start + 60 * micros_per_second);  // the clock stays where it was
    }
    CHECK_FALSE(f.browser.advance(100.0 * 366 * 86400).has_value());
}

TEST_CASE("the jar saved for a reload loads back and a damaged one is refused whole", "[lab][browser]") {
    Fixture f;
    f.log_in("mary");
    f.browser.receive({cookie("short", "1", 60)});
    const nlohmann::ordered_json saved = f.browser.export_cookies();
    REQUIRE(saved.size() == 3);

    Fixture reloaded;  // a reload: the saved world, then the saved jar
    reloaded.browser.replace_world(f.backend.world());
    CHECK(reloaded.browser.cookies() == nlohmann::ordered_json::object());
    CHECK_FALSE(reloaded.browser.import_cookies(saved.dump()).has_value());
    CHECK(reloaded.browser.cookies() == f.browser.cookies());
    CHECK(reloaded.me() == "mary");
    CHECK(reloaded.browser.import_cookies(R"([{"name": "sessionid", "value": "x; csrftoken=y", "expires": null}])")
              .value_or("")
              .starts_with("cookies[0].value"));
    CHECK(reloaded.browser.import_cookies("[") == "the cookies are not JSON");
    CHECK(reloaded.browser.cookies() == f.browser.cookies());  // untouched by the refusals
}

TEST_CASE("another world empties the jar: its sessions mean nothing there", "[lab][browser]") {
    Fixture f;
    f.log_in("carol");
    crypto::SeededRandom random{8};
    f.browser.replace_world(default_world(random, auth::Argon2Cost::owasp_minimum()));
    CHECK(f.browser.cookies() == nlohmann::ordered_json::object());
    CHECK(f.me() == "401");
}

TEST_CASE("the page's request as JSON is answered as JSON with the response, its cookies and the trace", "[lab][browser]") {
    Fixture f;
    auto exchange = [&](const std::string& request) {
        return json::parse(lab::sent_to_json(f.browser.send(lab::request_from_json(request))));
    };
    json refused = exchange(R"({"method": "GET", "path": "/auth/users/me/"})");
    CHECK(refused["response"]["status"] == 401);
    CHECK(refused["response"]["json"]["detail"] == "Authentication credentials were not provided.");
    CHECK(refused["response"]["headers"].contains("WWW-Authenticate"));
    CHECK_FALSE(refused["trace"]["steps"].empty());
    CHECK(refused["trace"]["outcome"]["status"] == 401);

    json login = exchange(R"({"method": "GET", "path": "/api-auth/login/"})");
    REQUIRE(login["response"]["cookies"].size() == 1);
    CHECK(login["response"]["cookies"][0]["name"] == "csrftoken");
    CHECK(login["response"]["cookies"][0]["header"].get<std::string>().rfind("csrftoken=", 0) == 0);
    CHECK(login["response"]["body"].get<std::string>().find("<form") != std::string::npos);
    CHECK(login["response"]["json"].is_null());  // an HTML page has no JSON

    f.log_in("carol");
    CHECK(exchange(R"({"method": "GET", "path": "/auth/users/me/"})")["response"]["json"]["username"] == "carol");
}

TEST_CASE("a page request that is not JSON is refused in the user's words", "[lab][browser]") {
    CHECK_THROWS_WITH(lab::request_from_json("{\"method\": "), Catch::Contains("the request is not JSON"));
    CHECK_THROWS_WITH(lab::request_from_json("[1, 2]"), "request must be an object");
}
