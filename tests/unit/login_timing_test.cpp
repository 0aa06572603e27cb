// Django #20760: ModelBackend runs the password hasher for an unknown username too, so a
// login cannot tell "no such user" from "wrong password" by its time. The core counts the
// hashes it runs, and Basic authentication's trace shows the count for the attack lab.
#include <catch2/catch.hpp>

#include "backends/model_backend.hpp"
#include "backend.hpp"
#include "crypto/base64.hpp"
#include "world/seed.hpp"

using namespace authlab;

namespace {

constexpr Micros start = 1'704'110'400LL * micros_per_second;

// The hashes one authenticate() ran.
std::size_t hashes_for(World& world, const auth::Passwords& passwords, const std::string& username, const std::string& password) {
    const std::size_t before = passwords.hashes_run();
    auth::authenticate(world, passwords, username, password);
    return passwords.hashes_run() - before;
}

// The Basic authentication step of GET /auth/users/me/ with these credentials.
nlohmann::ordered_json basic_step(Backend& backend, const std::string& username, const std::string& password) {
    http::Request request{"GET", "/auth/users/me/", "", {}, ""};
    request.headers.add("Authorization", "Basic " + crypto::base64_encode(username + ":" + password));
    const Exchange exchange = backend.handle(request);
    CHECK(exchange.response.status == 401);
    for (const auto& step : exchange.trace["steps"]) {
        if (step["component"] == "BasicAuthentication") return step;
    }
    FAIL("no BasicAuthentication step in the trace");
    return nullptr;
}

}  // namespace

TEST_CASE("an unknown user and a wrong password each cost one password hash", "[auth][timing]") {
    crypto::SeededRandom random(11);
    World world = default_world(random, auth::Argon2Cost{8, 1, 1});
    const auth::Passwords passwords(random, world.password_cost);
    CHECK(hashes_for(world, passwords, "nobody-here", "whatever") == 1);
    CHECK(hashes_for(world, passwords, "eddie", "not-eddies-password") == 1);
    CHECK(hashes_for(world, passwords, "eddie", "eddie-pass-1") == 1);
    CHECK(hashes_for(world, passwords, "eddie", "") == 1);
}

TEST_CASE("basic authentication's trace shows the one hash for an unknown user and for a wrong password", "[auth][timing]") {
    crypto::SeededRandom random(12);
    FixedClock clock(start);
    Backend backend(default_world(random, auth::Argon2Cost{8, 1, 1}), clock, random);
    const auto unknown = basic_step(backend, "nobody-here", "whatever");
    const auto wrong = basic_step(backend, "eddie", "not-eddies-password");
    CHECK(unknown["data"]["password_hashes"] == 1);
    CHECK(wrong["data"]["password_hashes"] == 1);
    CHECK(unknown["result"] == "fail");
    CHECK(wrong["result"] == "fail");
}
