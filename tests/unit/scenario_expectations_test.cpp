// Expectations and captures, worded as the reference runner words them.
#include <catch2/catch.hpp>

#include "pyjson/value.hpp"
#include "scenario/expectations.hpp"
#include "pyjson/dump.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/step_record.hpp"
#include "support/pyjson_value.hpp"

using namespace authlab;
using pyjson::Value;
using testing::parsed;

namespace {

http::Response token_answer() {
    http::Response r;
    r.status = 401;
    r.headers.add("Content-Type", "application/json");
    r.headers.add("WWW-Authenticate", "Token");
    r.headers.add("Vary", "Accept");
    r.body = R"({"detail":"Invalid token.","list":[{"id":4}]})";
    http::SetCookie c;
    c.name = "csrftoken";
    c.value = "abc";
    c.max_age = 31449600;
    r.cookies.push_back(c);
    return r;
}

constexpr Micros t0 = 1'704'110'400LL * micros_per_second;

}  // namespace

TEST_CASE("a step's record has the runner-output shape", "[scenario][expect]") {
    Value record = scenario::record_response(token_answer(), t0);
    CHECK(pyjson::dumps(record, {.ensure_ascii = false}) ==
          R"({"status": 401, "headers": {"content-type": "application/json", "www-authenticate": "Token", "vary": "Accept", )"
          R"("set-cookie": ["csrftoken=abc; expires=Mon, 30 Dec 2024 12:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax"]}, )"
          R"("json": {"detail": "Invalid token.", "list": [{"id": 4}]}, "text": null})");

    http::Response html;
    html.status = 404;
    html.headers.add("Content-Type", "text/html");
    html.body = "<h1>Not Found</h1>\xff";
    CHECK(pyjson::dumps(scenario::record_response(html, t0), {.ensure_ascii = false}) ==
          "{\"status\": 404, \"headers\": {\"content-type\": \"text/html\"}, \"json\": null, \"text\": \"<h1>Not Found</h1>\xef\xbf\xbd\"}");

    http::Response broken;  // JSON by its type, not by its body: kept as text
    broken.headers.add("Content-Type", "Application/Problem+JSON; charset=utf-8");
    broken.body = "{oops";
    Value r = scenario::record_response(broken, t0);
    CHECK(r.find("json")->is(Value::Kind::None));
    CHECK(r.find("text")->as_str() == "{oops");

    http::Response empty;
    empty.status = 204;
    Value e = scenario::record_response(empty, t0);
    CHECK(e.find("json")->is(Value::Kind::None));
    CHECK(e.find("text")->is(Value::Kind::None));
    CHECK_FALSE(e.find("headers")->find("set-cookie"));
}

TEST_CASE("expectations that hold give no reasons", "[scenario][expect]") {
    Value record = scenario::record_response(token_answer(), t0);
    Value expect = parsed(R"({"status": 401.0, "json": {"list": [{"id": 4.0}], "detail": "Invalid token."}, "keys": ["detail"],
        "header": {"WWW-Authenticate": "Token", "Allow": null,
                   "Set-Cookie": "csrftoken=abc; expires=Mon, 30 Dec 2024 12:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax"}})");
    CHECK(scenario::check_expect(expect, record).empty());
}

TEST_CASE("failed expectations are worded as the reference words them", "[scenario][expect]") {
    Value record = scenario::record_response(token_answer(), t0);
    Value expect = parsed(R"({"status": 403, "json": {"detail": "Invalid token.", "list": [{"id": true}]}, "keys": ["auth_token", 7],
        "header": {"WWW-Authenticate": "Bearer realm=\"api\"", "Vary": null, "set-cookie": "csrftoken=abc"}})");
    std::vector<std::string> reasons = scenario::check_expect(expect, record);
    REQUIRE(reasons.size() == 7);
    CHECK(reasons[0] == "status 401, expected 403");
    CHECK(reasons[1] == R"(json {"detail": "Invalid token.", "list": [{"id": 4}]}, expected {"detail": "Invalid token.", "list": [{"id": true}]})");
    CHECK(reasons[2] == "key 'auth_token' missing");
    CHECK(reasons[3] == "key 7 missing");
    CHECK(reasons[4] == R"(header WWW-Authenticate: "Token", expected "Bearer realm=\"api\"")");
    CHECK(reasons[5] == R"(header Vary: "Accept", expected null)");
    CHECK(reasons[6].starts_with(R"(header set-cookie: ["csrftoken=abc; expires=)"));
    CHECK_THROWS_WITH(scenario::check_expect(parsed(R"({"statuss": 1})"), record), "unknown expect key(s): statuss");
}

TEST_CASE("short_json cuts at 160 characters", "[scenario][expect]") {
    std::string long_text(200, 'x');
    CHECK(scenario::short_json(Value::string(long_text)) == "\"" + std::string(159, 'x') + "...");
}

TEST_CASE("captures follow dotted paths into the body", "[scenario][expect]") {
    Value record = scenario::record_response(token_answer(), t0);
    scenario::Captures captures;
    std::vector<std::string> reasons;
    scenario::capture_values(parsed(R"({"d": "detail", "id": "list.0.id", "row": "list.00", "bad": "list.1", "deep": "detail.x"})"),
                             record, captures, reasons);
    CHECK(captures.at("d").as_str() == "Invalid token.");
    CHECK(captures.at("id").int_digits() == "4");
    CHECK(captures.at("row").is(Value::Kind::Dict));
    CHECK(reasons == std::vector<std::string>{"capture bad: no 'list.1' in the body", "capture deep: no 'detail.x' in the body"});
}
