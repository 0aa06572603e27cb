// The lab's desk: the one way each thing a learner does reaches the backend (lab/desk.hpp).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "export/world_json.hpp"
#include "lab/desk.hpp"
#include "pyjson/parse.hpp"
#include "world/seed.hpp"

using namespace authlab;

namespace {

pyjson::Value json(const std::string& text) { return std::get<pyjson::Value>(pyjson::parse(text)); }


}  // namespace

TEST_CASE("send as refuses a session the world file could not keep, and the world stays as it was", "[lab][desk]") {
    FixedClock clock{1'704'110'400LL * micros_per_second};
    lab::Desk desk(std::make_unique<crypto::SeededRandom>(3), clock, [](crypto::RandomSource& random) { return default_world(random, auth::Argon2Cost{8, 1, 1}); });
    World& world = desk.backend().world();
    while (world.sessions.size() < world_limits::sessions) {
        std::string number = std::to_string(world.sessions.size());
        world.sessions.push_back({std::string(32 - number.size(), 'k') + number, world.users[0].id, "", clock.now() + micros_per_second * 3600});
    }
    REQUIRE(world_save_problem(world).empty());
    lab::Acted acted = desk.act(json(R"({"credentials": {"username": "carol", "mechanism": "session"}})"));
    CHECK_FALSE(acted.ok);
    CHECK(nlohmann::json::parse(acted.answer)["error"].get<std::string>().starts_with("the simulator cannot keep another credential: "));
    CHECK(world.sessions.size() == world_limits::sessions);
    CHECK(desk.browser().cookies().empty());

    // With room for it, the session is made and its cookies go into the jar.
    world.sessions.pop_back();
    acted = desk.act(json(R"({"credentials": {"username": "carol", "mechanism": "session"}})"));
    CHECK(acted.ok);
    CHECK(desk.browser().cookies().contains("sessionid"));
}

TEST_CASE("an action that is not one the desk knows is refused in words and changes nothing", "[lab][desk]") {
    FixedClock clock{1'704'110'400LL * micros_per_second};
    lab::Desk desk(std::make_unique<crypto::SeededRandom>(3), clock, [](crypto::RandomSource& random) { return default_world(random, auth::Argon2Cost{8, 1, 1}); });
    World before = desk.backend().world();
    for (const char* action : {R"({"explode": true})", R"({"advance": -5})", R"({"world": "not a world"})", R"({"cookies": 4})", R"([])",
                               R"({"request": {"method": "GET"}})"}) {
        INFO(action);
        lab::Acted acted = desk.act(json(action));
        CHECK_FALSE(acted.ok);
        CHECK_FALSE(nlohmann::json::parse(acted.answer)["error"].get<std::string>().empty());
        CHECK(desk.backend().world() == before);
    }
}
