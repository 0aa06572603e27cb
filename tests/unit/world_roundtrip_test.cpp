// Every world the core can reach saves and loads back equal: texts at Django's limits counted
// in characters, the world file's own limits on every path that adds to the world, and a
// property test walking requests, admin commands, clock moves and imports from fixed seeds.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <variant>
#include <vector>

#include "../fuzz/world_walk.hpp"
#include "export/django_fixture_import.hpp"
#include "export/world_json.hpp"

using namespace authlab;

namespace {

std::string repeat(const std::string& piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

Exchange post(Backend& backend, const std::string& path, const std::string& body, const std::string& authorization = "") {
    http::Request request{"POST", path, "", {}, body};
    request.headers.add("Content-Type", "application/json");
    if (!authorization.empty()) request.headers.add("Authorization", authorization);
    return backend.handle(request);
}

const std::string admin_basic = "Basic YWRtaW46YWRtaW4tcGFzcy0x";  // admin:admin-pass-1

}  // namespace

TEST_CASE("A book titled with 86 three-byte characters is 86 characters, as in Django, and its world loads back", "[world_limits]") {
    walk::WorldWalk walk;
    const std::string title = repeat("日", 86);  // 258 bytes, 86 characters
    Exchange made = post(walk.backend(), "/api/books/", R"({"title": ")" + title + R"(", "author": "A", "price": "1.00", "inventory": 1})", admin_basic);
    REQUIRE(made.response.status == 201);
    CHECK(walk.backend().world().books.back().title == title);
    CHECK(walk::round_trip_problem(walk.backend().world()) == "");
}

TEST_CASE("A username of 150 two-byte characters registered through djoser loads back", "[world_limits]") {
    walk::WorldWalk walk;
    const std::string username = repeat("ü", 150);  // 300 bytes, Django's max_length
    Exchange made = post(walk.backend(), "/auth/users/", R"({"username": ")" + username + R"(", "password": "walk-pass-1234"})");
    REQUIRE(made.response.status == 201);
    CHECK(walk.backend().world().users.back().username == username);
    CHECK(walk::round_trip_problem(walk.backend().world()) == "");
}

TEST_CASE("A 151-character username in a world file is refused, counted in characters", "[world_limits]") {
    walk::WorldWalk walk;
    auto json = world_to_json(walk.backend().world());
    json["users"][0]["username"] = repeat("ü", 151);
    auto loaded = world_from_json_text(json.dump());
    REQUIRE(std::holds_alternative<LoadError>(loaded));
    CHECK(std::get<LoadError>(loaded).message == "users[0].username: longer than 150 characters");
}

TEST_CASE("POSTs past the world file's 1,000 books are answered 507 by the simulator, saying it is not Django", "[world_limits]") {
    walk::WorldWalk walk;
    Backend& backend = walk.backend();
    REQUIRE(backend.world().books.size() == 3);
    const std::string book = R"({"title": "T", "author": "A", "price": "1.00", "inventory": 1})";
    for (int i = 0; i < 997; ++i) REQUIRE(post(backend, "/api/books/", book, admin_basic).response.status == 201);
    REQUIRE(backend.world().books.size() == world_limits::books);
    Exchange refused = post(backend, "/api/books/", book, admin_basic);
    CHECK(refused.response.status == 507);
    CHECK_THAT(refused.response.body, Catch::Contains("not of Django") && Catch::Contains("books: has 1001 entries; at most 1000"));
    CHECK(refused.trace["outcome"]["kind"] == "simulator_limit");
    CHECK_THAT(refused.trace["outcome"]["sentence"].get<std::string>(), Catch::Contains("not Django's answer"));
    CHECK(backend.world().books.size() == world_limits::books);
    CHECK(walk::round_trip_problem(backend.world()) == "");
}

TEST_CASE("A fixture's token created before 1970 is refused at import, naming the record", "[world_limits]") {
    walk::WorldWalk walk;
    const std::string fixture = R"([{"model": "authtoken.token", "pk": "0123456789abcdef0123456789abcdef01234567",
                                     "fields": {"user": ["carol"], "created": "1969-12-31T23:59:59Z"}}])";
    auto imported = exporting::import_django_fixture(walk.backend().world(), fixture);
    REQUIRE(std::holds_alternative<exporting::FixtureError>(imported));
    CHECK_THAT(std::get<exporting::FixtureError>(imported).message,
               Catch::StartsWith("record 1 (authtoken.token)") && Catch::Contains("created: before 1970"));
}

TEST_CASE("A fixture that would take the world past 100 groups is refused", "[world_limits]") {
    walk::WorldWalk walk;
    std::string fixture = "[";
    for (int i = 0; i < 100; ++i) fixture += std::string(i ? ", " : "") + R"({"model": "auth.group", "fields": {"name": "g)" + std::to_string(i) + R"("}})";
    fixture += "]";
    auto imported = exporting::import_django_fixture(walk.backend().world(), fixture);
    REQUIRE(std::holds_alternative<exporting::FixtureError>(imported));
    CHECK_THAT(std::get<exporting::FixtureError>(imported).message, Catch::Contains("100 groups"));
}

TEST_CASE("Walks of requests, admin commands, clock moves and imports reach only worlds that load back equal", "[world_limits]") {
    for (std::uint32_t seed : {1u, 2u, 3u, 4u}) {
        std::mt19937 random(seed);
        std::vector<std::uint8_t> bytes(40'000);
        for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
        walk::WorldWalk walk;
        walk::ByteSource in(bytes.data(), bytes.size());
        for (int step = 0; step < 250 && !in.empty(); ++step) {
            std::string done = walk.step(in);
            INFO("seed " << seed << ", step " << step << ": " << done);
            REQUIRE(walk::round_trip_problem(walk.backend().world()) == "");
        }
    }
}
