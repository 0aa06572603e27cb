// The runner's cookie jar: a browser's, on the virtual clock (scenarios.md, Steps).
#include <catch2/catch.hpp>

#include "scenario/cookie_jar.hpp"

using namespace authlab;

namespace {

constexpr Micros t0 = 1'704'110'400LL * micros_per_second;

http::SetCookie cookie(std::string name, std::string value, std::optional<std::int64_t> max_age = std::nullopt) {
    http::SetCookie c;
    c.name = std::move(name);
    c.value = std::move(value);
    c.max_age = max_age;
    return c;
}

}  // namespace

TEST_CASE("the jar keeps cookies until their Max-Age runs out on the virtual clock", "[scenario][jar]") {
    scenario::CookieJar jar;
    jar.store(cookie("csrftoken", "abc", 60), t0);
    jar.store(cookie("sessionid", "xyz"), t0);  // a session cookie: no expiry
    CHECK(jar.header(t0) == "csrftoken=abc; sessionid=xyz");
    CHECK(jar.value("csrftoken", t0 + 59 * micros_per_second) == "abc");
    // Gone once now reaches the expiry, as the reference's `expires > now`.
    CHECK_FALSE(jar.value("csrftoken", t0 + 60 * micros_per_second).has_value());
    CHECK(jar.header(t0 + 3600 * micros_per_second) == "sessionid=xyz");
    CHECK_FALSE(jar.value("other", t0).has_value());
}

TEST_CASE("Max-Age=0 deletes a cookie and a re-set cookie moves to the end", "[scenario][jar]") {
    scenario::CookieJar jar;
    jar.store(cookie("a", "1"), t0);
    jar.store(cookie("b", "2"), t0);
    jar.store(cookie("a", "3"), t0);
    CHECK(jar.header(t0) == "b=2; a=3");
    jar.store(cookie("b", "", 0), t0);  // Django's delete_cookie
    CHECK(jar.header(t0) == "a=3");
    CHECK(jar.live(t0).size() == 1);
    jar.clear();
    CHECK(jar.header(t0).empty());
}
