// A scenario request as the reference's Django test client sends it.
#include <catch2/catch.hpp>

#include "pyjson/value.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/substitute.hpp"
#include "support/pyjson_value.hpp"

using namespace authlab;
using pyjson::Value;
using testing::parsed;

namespace {

http::Request build(const std::string& text) { return scenario::build_request(parsed(text)); }

}  // namespace

TEST_CASE("json bodies are compact UTF-8 with application/json", "[scenario][request]") {
    http::Request r = build(R"({"method": "post", "path": "/api/books/?page=2#top", "json": {"title": "Émile", "price": "4.50", "n": [1, 2.0]}})");
    CHECK(r.method == "POST");
    CHECK(r.path == "/api/books/");
    CHECK(r.query == "page=2");
    CHECK(r.body == "{\"title\":\"\xc3\x89mile\",\"price\":\"4.50\",\"n\":[1,2.0]}");
    CHECK(r.headers.get("Content-Type") == "application/json");
}

TEST_CASE("headers reach the core as a WSGI server hands them on", "[scenario][request]") {
    http::Request r = build(R"({"method": "POST", "path": "/x/", "headers": {"x_csrftoken": "a", "X-CSRFToken": "b",
        "Content-Type": "text/plain", "Content-Length": "999", "authorization": "Token k"}, "form": {"a": 1}})");
    // X_CSRFToken and X-CSRFToken are one WSGI key: the later value wins.
    CHECK(r.headers.get("X-CSRFToken") == "b");
    CHECK(r.headers.all().size() == 3);
    CHECK(r.headers.get("Content-Length").empty());       // the client computes it
    CHECK(r.headers.get("Content-Type") == "text/plain");  // the step's own beats the form's
    CHECK(r.headers.get("Authorization") == "Token k");
    CHECK(r.body == "a=1");
}

TEST_CASE("a raw body goes without a Content-Type unless the step gives one", "[scenario][request]") {
    http::Request r = build(R"({"method": "POST", "path": "/api/books/", "body": "Emma"})");
    CHECK(r.body == "Emma");
    CHECK_FALSE(r.headers.has("Content-Type"));
    http::Request g = build(R"({"method": "GET", "path": "/api/books/"})");
    CHECK(g.body.empty());
    CHECK(g.headers.all().empty());
}

TEST_CASE("a malformed request makes the scenario fail to run", "[scenario][request]") {
    const char* bad[] = {
        R"({"method": "GET"})",
        R"({"method": 1, "path": "/"})",
        R"({"method": "GET", "path": "/", "json": {}, "body": ""})",
        R"({"method": "GET", "path": "/", "headers": {"A": 1}})",
        R"({"method": "GET", "path": "/", "headers": []})",
        R"({"method": "GET", "path": "/", "form": "a=b"})",
        R"({"method": "GET", "path": "/", "body": 3})",
        R"({"method": "GET", "path": "/", "jsn": {}})",
        R"(null)",
    };
    for (const char* text : bad) {
        INFO(text);
        CHECK_THROWS_AS(build(text), scenario::ScenarioError);
    }
    CHECK_THROWS_WITH(build(R"({"method": "GET", "path": "/", "jsn": {}, "bdy": 1})"), "unknown request key(s): bdy, jsn");
}

TEST_CASE("${name} and ${cookie:NAME} are replaced in every string, keys too", "[scenario][request]") {
    scenario::CookieJar jar;
    http::SetCookie csrf;
    csrf.name = "csrftoken";
    csrf.value = "tok";
    jar.store(csrf, 0);
    scenario::Captures captures{{"access", Value::string("eyJ")}, {"id", Value::integer(7)}, {"obj", parsed(R"({"a": [1, "é"]})")}};
    Value out = scenario::substitute(
        parsed(R"({"path": "/api/books/${id}/", "headers": {"Authorization": "Bearer ${access}", "X-${id}": "${cookie:csrftoken}|${cookie:none}|"},
                 "json": {"o": "${obj}", "keep": "${unclosed", "n": 5, "list": ["${id}${id}"]}})"),
        captures, jar, 0);
    CHECK(out.find("path")->as_str() == "/api/books/7/");
    CHECK(out.find("headers")->find("Authorization")->as_str() == "Bearer eyJ");
    CHECK(out.find("headers")->find("X-7")->as_str() == "tok||");
    CHECK(out.find("json")->find("o")->as_str() == "{\"a\": [1, \"\\u00e9\"]}");  // json.dumps' defaults
    CHECK(out.find("json")->find("keep")->as_str() == "${unclosed");
    CHECK(out.find("json")->find("n")->int_digits() == "5");
    CHECK(out.find("json")->find("list")->as_list()[0].as_str() == "77");
    CHECK_THROWS_WITH(scenario::substitute(Value::string("${nope}"), captures, jar, 0), "unknown capture ${nope}");
}
