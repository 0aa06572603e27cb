// The sentence that explains each answer (drf/explain.cpp), for every place the core can stop a
// request: it reads as a sentence (no empty name between commas, no "()"), names the class
// that refused, and blames an authenticator for credentials only when one refused them.
#include <catch2/catch.hpp>

#include <regex>

#include "backend.hpp"
#include "lab/credentials.hpp"
#include "lab/replay.hpp"
#include "world/seed.hpp"

#include "support/lab_fixture.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

struct Fixture : testing::LabFixture {
    Fixture() : LabFixture(7) {}
};

using testing::emma;

// The step the diagram marks as the stop: the last refusal before the response, if any.
const json* refusing_step(const json& trace) {
    const json* found = nullptr;
    for (const auto& step : trace["steps"]) {
        if (step["stage"] != "response" && step["result"] == "fail") found = &step;
    }
    return found;
}

// What every sentence must be, whatever the stop.
void check_reads_well(const Exchange& e, int status, const std::string& kind) {
    const json trace = json::parse(e.trace.dump());
    const std::string sentence = trace["outcome"]["sentence"];
    INFO(sentence);
    CHECK(e.response.status == status);
    CHECK(trace["outcome"]["kind"] == kind);
    CHECK(sentence.starts_with(std::to_string(status)));
    CHECK(sentence.size() > std::to_string(status).size() + 2);
    CHECK_FALSE(std::regex_search(sentence, std::regex(R"(,\s*,|\s,|\(\s*\)|  |, \.|: \.)")));
    const json* stop = refusing_step(trace);
    if (stop && (*stop)["stage"] != "handler") {
        CHECK(sentence.find((*stop)["component"].get<std::string>()) != std::string::npos);
    }
    // Blaming an authenticator for credentials is for a stop at an authenticator.
    if (sentence.find("found credentials it could not accept") != std::string::npos) {
        REQUIRE(stop);
        CHECK((*stop)["stage"] == "authentication");
    }
}

}  // namespace

TEST_CASE("narration: a request let through says who passed and which view answered", "[narration]") {
    Fixture f;
    Exchange e = f.backend.handle(f.as("eddie", "token", f.request("GET", "/api/books/")));
    check_reads_well(e, 200, "success");
    CHECK(e.trace["outcome"]["sentence"].get<std::string>().find("eddie") != std::string::npos);
}

TEST_CASE("narration: no credentials reads 401 with the first authenticator's challenge, 403 without one", "[narration]") {
    Fixture f;
    Exchange challenged = f.backend.handle(f.request("POST", "/api/books/", emma));
    check_reads_well(challenged, 401, "not_authenticated");
    CHECK(challenged.trace["outcome"]["sentence"].get<std::string>().find("TokenAuthentication") != std::string::npos);
    f.backend.world().policies.authentication = {"SessionAuthentication", "TokenAuthentication"};
    Exchange unchallenged = f.backend.handle(f.request("POST", "/api/books/", emma));
    check_reads_well(unchallenged, 403, "not_authenticated");
    CHECK(unchallenged.trace["outcome"]["sentence"].get<std::string>().find("SessionAuthentication") != std::string::npos);
}

TEST_CASE("narration: credentials an authenticator refuses name that authenticator", "[narration]") {
    Fixture f;
    http::Request made_up = f.request("GET", "/api/books/");
    made_up.headers.set("Authorization", "Token " + std::string(40, 'f'));
    check_reads_well(f.backend.handle(made_up), 401, "authentication_failed");
    http::Request bad_jwt = f.request("GET", "/api/books/");
    bad_jwt.headers.set("Authorization", "Bearer not.a.jwt");
    check_reads_well(f.backend.handle(bad_jwt), 401, "authentication_failed");
}

TEST_CASE("narration: a token view that refuses the body's token blames the view, not an authenticator", "[narration]") {
    Fixture f;
    // An access token where a refresh token belongs (simplejwt's TokenRefreshView has no authenticators).
    auto bearer = lab::issue_credentials(f.backend, "carol", "bearer");
    REQUIRE(std::holds_alternative<lab::Credentials>(bearer));
    const std::string access = std::get<lab::Credentials>(bearer).authorization->substr(std::string("Bearer ").size());
    Exchange refresh = f.backend.handle(f.request("POST", "/api/token/refresh/", json{{"refresh", access}}.dump()));
    check_reads_well(refresh, 401, "authentication_failed");
    const std::string sentence = refresh.trace["outcome"]["sentence"];
    CHECK(sentence.find("WWW-Authenticate: Bearer realm=\"api\"") != std::string::npos);
    CHECK(sentence.find("first authenticator") == std::string::npos);
    Exchange wrong_password = f.backend.handle(f.request("POST", "/api/token/", R"({"username": "carol", "password": "nope"})"));
    check_reads_well(wrong_password, 401, "authentication_failed");
}

TEST_CASE("narration: a permission class that refuses a known user is named with its reason", "[narration]") {
    Fixture f;
    check_reads_well(f.backend.handle(f.as("carol", "token", f.request("POST", "/api/books/", emma))), 403, "permission_denied");
}

TEST_CASE("narration: a view without authenticators refuses the anonymous user without calling them known", "[narration]") {
    Fixture f;
    f.backend.world().policies.views["books"].authentication = std::vector<std::string>{};
    f.backend.world().policies.views["books"].permissions = {"IsAuthenticated"};
    Exchange e = f.backend.handle(f.request("GET", "/api/books/"));
    check_reads_well(e, 403, "permission_denied");
    CHECK(e.trace["outcome"]["sentence"].get<std::string>().find("is known") == std::string::npos);
}

TEST_CASE("narration: a session's unsafe request without its CSRF token says what to send", "[narration]") {
    Fixture f;
    http::Request post = f.as("eddie", "session", f.request("POST", "/api/books/", emma));
    post.headers.remove("X-CSRFToken");
    Exchange e = f.backend.handle(post);
    check_reads_well(e, 403, "permission_denied");
    CHECK(e.trace["outcome"]["sentence"].get<std::string>().find("X-CSRFToken") != std::string::npos);
}

TEST_CASE("narration: the handler's own refusals (405, 404, 415, 400) say authentication passed", "[narration]") {
    Fixture f;
    check_reads_well(f.backend.handle(f.as("eddie", "token", f.request("PUT", "/api/books/", emma))), 405, "method_not_allowed");
    check_reads_well(f.backend.handle(f.as("eddie", "token", f.request("GET", "/api/books/999/"))), 404, "not_found");
    check_reads_well(f.backend.handle(f.as("eddie", "token", f.request("POST", "/api/books/", "title=Emma", "text/plain"))), 415,
                     "unsupported_media_type");
    check_reads_well(f.backend.handle(f.as("eddie", "token", f.request("POST", "/api/books/", "{\"title\": "))), 400, "parse_error");
    check_reads_well(f.backend.handle(f.as("eddie", "token", f.request("POST", "/api/books/", R"({"title": ""})"))), 400,
                     "validation_error");
}

TEST_CASE("narration: refusals before authentication (a ?format= and an Accept no renderer has) say so", "[narration]") {
    Fixture f;
    http::Request format = f.request("GET", "/api/books/");
    format.query = "format=xml";
    check_reads_well(f.backend.handle(format), 404, "not_found");
    http::Request xml = f.request("GET", "/api/books/");
    xml.headers.set("Accept", "application/xml");
    check_reads_well(f.backend.handle(xml), 406, "not_acceptable");
}

TEST_CASE("narration: a throttle that refuses is named with the wait", "[narration]") {
    Fixture f;
    f.backend.world().policies.throttle = {"UserRateThrottle:1/min"};
    check_reads_well(f.backend.handle(f.as("eddie", "token", f.request("GET", "/api/books/"))), 200, "success");
    Exchange e = f.backend.handle(f.as("eddie", "token", f.request("GET", "/api/books/")));
    check_reads_well(e, 429, "throttled");
    CHECK(e.trace["outcome"]["sentence"].get<std::string>().find("Retry-After") != std::string::npos);
}
