// DRF's throttle history lives in Django's cache, which the server keeps when the learner's
// page reloads: the world's JSON keeps it beside the world, bounded like every list in it.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "../fuzz/world_walk.hpp"
#include "lab/admin_commands.hpp"
#include "export/world_json.hpp"

using namespace authlab;

namespace {

int get_books(Backend& backend, const std::string& forwarded_for = "") {
    http::Request request{"GET", "/api/books/", "", {}, ""};
    if (!forwarded_for.empty()) request.headers.add("X-Forwarded-For", forwarded_for);
    return backend.handle(request).response.status;
}

// Books open to anyone, and one anonymous request a day.
void throttle_anonymous_once_a_day(Backend& backend) {
    auto policies = nlohmann::json::parse(world_to_json(backend.world())["policies"].dump());
    policies["throttle"] = nlohmann::json::array({"AnonRateThrottle:1/day"});
    policies["books"]["permissions"] = nlohmann::json::array({"AllowAny"});
    auto answer = lab::apply_admin_command(backend, {{"op", "set_policies"}, {"policies", policies}});
    REQUIRE(answer.contains("ok"));
}

}  // namespace

TEST_CASE("A throttle's 429 is still a 429 after the world is saved and loaded again", "[throttle_cache]") {
    walk::WorldWalk walk;
    Backend& backend = walk.backend();
    throttle_anonymous_once_a_day(backend);
    REQUIRE(get_books(backend) == 200);
    REQUIRE(get_books(backend) == 429);

    const std::string saved = world_to_json(backend.world(), backend.cache()).dump();
    django::Cache cache;
    auto loaded = world_from_json_text(saved, &cache);
    REQUIRE(std::holds_alternative<World>(loaded));
    CHECK(cache == backend.cache());

    FixedClock clock(1'704'110'400LL * micros_per_second);
    crypto::SeededRandom random(2);
    Backend reloaded(std::get<World>(loaded), clock, random);
    reloaded.cache() = cache;
    CHECK(get_books(reloaded) == 429);
}

TEST_CASE("A throttle key from an X-Forwarded-For that is not UTF-8 is kept byte for byte", "[throttle_cache]") {
    walk::WorldWalk walk;
    Backend& backend = walk.backend();
    throttle_anonymous_once_a_day(backend);
    REQUIRE(get_books(backend, "\xff\xfe 10.0.0.1") == 200);
    REQUIRE(get_books(backend, "\xff\xfe 10.0.0.1") == 429);
    django::Cache cache;
    auto loaded = world_from_json_text(world_to_json(backend.world(), backend.cache()).dump(), &cache);
    REQUIRE(std::holds_alternative<World>(loaded));
    CHECK(cache == backend.cache());
}

TEST_CASE("A world file saved before the throttle history was kept loads with an empty history", "[throttle_cache]") {
    walk::WorldWalk walk;
    auto json = world_to_json(walk.backend().world());
    REQUIRE_FALSE(json.contains("throttle_cache"));
    django::Cache cache({{"throttle_anon_1.2.3.4", {1.0}, 2.0}});
    REQUIRE(std::holds_alternative<World>(world_from_json_text(json.dump(), &cache)));
    CHECK(cache.size() == 0);
}

TEST_CASE("A world file's throttle history is bounded like its other lists", "[throttle_cache]") {
    walk::WorldWalk walk;
    auto json = world_to_json(walk.backend().world());
    json["throttle_cache"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i <= world_limits::throttle_entries; ++i)
        json["throttle_cache"].push_back({{"key", "throttle_anon_" + std::to_string(i)}, {"history", {1.5}}, {"expires", 2.5}});
    auto loaded = world_from_json_text(json.dump());
    REQUIRE(std::holds_alternative<LoadError>(loaded));
    CHECK(std::get<LoadError>(loaded).message == "throttle_cache: has 301 entries; at most 300 are allowed");

    json["throttle_cache"] = {{{"key", "throttle_anon_x"}, {"history", {"soon"}}, {"expires", 2.5}}};
    loaded = world_from_json_text(json.dump());
    REQUIRE(std::holds_alternative<LoadError>(loaded));
    CHECK(std::get<LoadError>(loaded).message == "throttle_cache[0].history[0]: expected a number (seconds since 1970)");
}
