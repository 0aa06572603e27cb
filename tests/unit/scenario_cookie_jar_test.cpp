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

TEST_CASE("a saved jar loads back with its order and expiries, live cookies only", "[scenario][jar]") {
    scenario::CookieJar jar;
    jar.store(cookie("csrftoken", "abc", 60), t0);
    jar.store(cookie("gone", "x", 1), t0);
    jar.store(cookie("sessionid", "xyz"), t0);
    const Micros later = t0 + 30 * micros_per_second;  // "gone" has expired by now
    const auto saved = jar.to_json(later);
    CHECK(saved.size() == 2);
    CHECK(saved[0]["expires"] == t0 + 60 * micros_per_second);
    CHECK(saved[1]["expires"].is_null());

    auto loaded = scenario::CookieJar::from_json(nlohmann::json::parse(saved.dump()));
    REQUIRE(std::holds_alternative<scenario::CookieJar>(loaded));
    const auto& restored = std::get<scenario::CookieJar>(loaded);
    CHECK(restored.header(later) == "csrftoken=abc; sessionid=xyz");
    CHECK(restored.header(t0 + 60 * micros_per_second) == "sessionid=xyz");
}

TEST_CASE("a saved jar that is not what the page wrote is refused with the place named", "[scenario][jar]") {
    const auto error_of = [](const std::string& text) {
        auto loaded = scenario::CookieJar::from_json(nlohmann::json::parse(text));
        REQUIRE(std::holds_alternative<std::string>(loaded));
        return std::get<std::string>(loaded);
    };
    CHECK(error_of(R"({"name": "a"})") == "cookies: expected a list");
    CHECK(error_of(R"([1])") == "cookies[0]: expected an object");
    CHECK_THAT(error_of(R"([{"name": "a b", "value": "1", "expires": null}])"), Catch::StartsWith("cookies[0].name:"));
    CHECK_THAT(error_of(R"([{"name": "", "value": "1", "expires": null}])"), Catch::StartsWith("cookies[0].name:"));
    // A value that would smuggle a second cookie into the Cookie header, or a header break.
    CHECK_THAT(error_of(R"([{"name": "a", "value": "1; sessionid=x", "expires": null}])"), Catch::StartsWith("cookies[0].value:"));
    CHECK_THAT(error_of(R"([{"name": "a", "value": "1\r\nX: y", "expires": null}])"), Catch::StartsWith("cookies[0].value:"));
    CHECK_THAT(error_of(R"([{"name": "a", "value": "1", "expires": "soon"}])"), Catch::StartsWith("cookies[0].expires:"));
    CHECK_THAT(error_of(R"([{"name": "a", "value": "1", "expires": 1.5}])"), Catch::StartsWith("cookies[0].expires:"));
    CHECK_THAT(error_of(R"([{"name": "a", "value": "1", "expires": 18446744073709551615}])"), Catch::StartsWith("cookies[0].expires:"));
    CHECK_THAT(error_of(R"([{"name": "a", "value": "1"}])"), Catch::StartsWith("cookies[0].expires:"));
    nlohmann::json many = nlohmann::json::array();
    for (int i = 0; i < 51; ++i) many.push_back({{"name", "c" + std::to_string(i)}, {"value", "1"}, {"expires", nullptr}});
    CHECK(error_of(many.dump()) == "cookies: more than 50 cookies");
}
