// The four authentication classes on Authorization headers they claim, half-claim or ignore,
// answered by the core and by the reference project (the real DRF, simplejwt and Django), and
// the messages api.md lists.
#include <catch2/catch.hpp>

#include "drf/authentication.hpp"
#include "drf/errors.hpp"
#include "support/scenario_answers.hpp"
#include "world/seed.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

json get(const std::string& path, const std::string& authorization) {
    return {{"request", {{"method", "GET"}, {"path", path}, {"headers", {{"Authorization", authorization}}}}}};
}

// The core's answer for one Authorization header on a view with the given authenticators.
json core_authenticate(World& world, const std::vector<std::string>& classes, const std::string& authorization) {
    crypto::SeededRandom random(5);
    auth::Passwords passwords(random, world.password_cost);
    http::Request request{"GET", "/api/books/", "", {}, ""};
    request.headers.add("Authorization", authorization);
    drf::RequestContext context(world, request, 1'704'110'400LL * micros_per_second, random, passwords);
    try {
        for (const std::string& name : classes) {
            if (auto result = drf::make_authenticator(name)->authenticate(context)) return result->user->username;
        }
        return nullptr;
    } catch (const drf::ApiError& error) {
        return json::parse(error.body.dump());
    }
}

}  // namespace

TEST_CASE("Authorization headers get the reference project's answers", "[auth][reference]") {
    const std::vector<std::string> headers = {
        "Token", "Token ", "token 0123456789abcdef0123456789abcdef01234567", "TOKEN abc", "Token  abc",
        "\tToken\tabc\t", "Token abc def", "Token caf\u00e9", "Token abc\u00a0", "Tokenabc", "Token\u000babc",
        "Token\u000cabc", "Token\u001cabc", "Basic", "basic Y2Fyb2w6Y2Fyb2wtcGFzcy0x", "BASIC Y2Fyb2w6d3Jvbmc=",
        "Basic Y2Fyb2w6Y2Fyb2wtcGFzcy0x!!", "Basic Y2Fyb2w6", "Basic Y2Fyb2w", "Basic =", "Basic 6Q==", "Basic Og==",
        "Basic YTpiOmM=", "Basic a b", "Basic aXZhbjppdmFuLXBhc3MtMQ==", "Basic ZWRkaWU6ZWRkaWUtcGFzcy0x",
        "Basic Y2Fyb2w6Y2Fyb2wtcGFzcy0x====", "Bearer", "Bearer a b", "bearer x", "Bearer x", "Bearer  x", "Bearer\tx",
        "BEARER x", "Digest abc", "", "   ",
    };
    json scenario = {{"name", "authorization-headers"}, {"setup", {{"world", "default"}}}, {"steps", json::array()}};
    for (const std::string& header : headers) scenario["steps"].push_back(get("/api/books/", header));
    // A view whose own list starts with Basic, then with JWT: their challenges.
    scenario["setup"]["policies"] = {{"orders", {{"authentication", {"BasicAuthentication", "TokenAuthentication"}},
                                                 {"permissions", {"IsAuthenticated"}}}},
                                     {"manager_users", {{"authentication", {"JWTAuthentication", "SessionAuthentication"}},
                                                        {"permissions", {"IsAuthenticated"}}}}};
    for (const char* header : {"Token abc", "Basic Y2Fyb2w6d3Jvbmc=", ""}) {
        scenario["steps"].push_back(get("/api/orders/", header));
        scenario["steps"].push_back(get("/api/groups/manager/users/", header));
    }
    const json reference = testing::reference_answers(scenario);
    const json core = testing::core_answers(scenario);
    REQUIRE(core.size() == reference.size());
    for (std::size_t i = 0; i < core.size(); ++i) {
        INFO("step " << i + 1 << ": " << scenario["steps"][i].dump());
        CHECK(testing::shape_only(core[i]) == testing::shape_only(reference[i]));
    }
}

TEST_CASE("the authentication messages are api.md's", "[auth]") {
    crypto::SeededRandom random(1);
    World world = default_world(random, auth::Argon2Cost{8, 1, 1});
    world.tokens.push_back({std::string(40, 'a'), 4, 0});
    world.tokens.push_back({std::string(40, 'b'), 5, 0});  // ivan is inactive
    const std::vector<std::string> all = {"TokenAuthentication", "JWTAuthentication", "SessionAuthentication", "BasicAuthentication"};
    const auto detail = [](const std::string& text) { return json{{"detail", text}}; };
    CHECK(core_authenticate(world, all, "Token " + std::string(40, 'a')) == "carol");
    CHECK(core_authenticate(world, all, "Token " + std::string(40, 'b')) == detail("User inactive or deleted."));
    CHECK(core_authenticate(world, all, "Token " + std::string(40, 'c')) == detail("Invalid token."));
    CHECK(core_authenticate(world, all, "Token") == detail("Invalid token header. No credentials provided."));
    CHECK(core_authenticate(world, all, "Token a b") == detail("Invalid token header. Token string should not contain spaces."));
    // The header is text: "ÿ" encodes to the byte 0xFF, which is no UTF-8.
    CHECK(core_authenticate(world, all, "Token \xc3\xbf") ==
          detail("Invalid token header. Token string should not contain invalid characters."));
    CHECK(core_authenticate(world, all, "Basic") == detail("Invalid basic header. No credentials provided."));
    CHECK(core_authenticate(world, all, "Basic a b") == detail("Invalid basic header. Credentials string should not contain spaces."));
    CHECK(core_authenticate(world, all, "Basic abc") == detail("Invalid basic header. Credentials not correctly base64 encoded."));
    CHECK(core_authenticate(world, all, "Basic Y2Fyb2w6d3Jvbmc=") == detail("Invalid username/password."));
    CHECK(core_authenticate(world, all, "Bearer") ==
          json({{"detail", "Authorization header must contain two space-delimited values"}, {"code", "bad_authorization_header"}}));
    // Headers nobody claims: anonymous.
    for (const char* header : {"bearer x", "Digest x", "", "Token\x1c" "abc"}) CHECK(core_authenticate(world, all, header).is_null());
    // The challenges DRF takes from the first authenticator.
    CHECK(drf::make_authenticator("TokenAuthentication")->authenticate_header() == "Token");
    CHECK(drf::make_authenticator("BasicAuthentication")->authenticate_header() == "Basic realm=\"api\"");
    CHECK(drf::make_authenticator("JWTAuthentication")->authenticate_header() == "Bearer realm=\"api\"");
    CHECK_FALSE(drf::make_authenticator("SessionAuthentication")->authenticate_header());
    CHECK(drf::make_authenticator("RemoteUserAuthentication") == nullptr);
    CHECK(drf::authentication_class_names() ==
          std::vector<std::string>{"TokenAuthentication", "JWTAuthentication", "SessionAuthentication", "BasicAuthentication"});
}

TEST_CASE("the trace names each authenticator's verdict and never a whole credential", "[auth][trace]") {
    crypto::SeededRandom random(2);
    World world = default_world(random, auth::Argon2Cost{8, 1, 1});
    const std::string key = "0123456789abcdef0123456789abcdef01234567";
    auth::Passwords passwords(random, world.password_cost);
    http::Request request{"GET", "/api/books/", "", {}, ""};
    request.headers.add("Authorization", "Token " + key);
    drf::RequestContext context(world, request, 0, random, passwords);
    CHECK_THROWS_AS(drf::make_authenticator("TokenAuthentication")->authenticate(context), drf::ApiError);
    REQUIRE(context.trace.steps().size() == 1);
    const drf::TraceStep& step = context.trace.steps().front();
    CHECK(step.stage == "authentication");
    CHECK(step.component == "TokenAuthentication");
    CHECK(step.result == "fail");
    CHECK(step.summary.find("012345") != std::string::npos);
    CHECK(step.summary.find(key) == std::string::npos);
    CHECK(std::move(context.trace).to_json().dump().find(key) == std::string::npos);
}
