// Every bound on what the core takes in (README's Limits): one past it is refused with a
// message that says what and where, and the world is left exactly as it was.
#include <catch2/catch.hpp>

#include <string>

#include "backend.hpp"
#include "drf/permission_expression.hpp"
#include "drf/permissions.hpp"
#include "http/limits.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_run.hpp"
#include "world/seed.hpp"
#include "export/world_json.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

struct Fixture {
    crypto::SeededRandom random{7};
    FixedClock clock{1'704'110'400LL * micros_per_second};
    Backend backend{default_world(random, auth::Argon2Cost{8, 1, 1}), clock, random};

    std::string world_text() const { return world_to_json(backend.world()).dump(); }

    // A valid book creation by admin, so only the bound stands in its way.
    http::Request create_book() const {
        http::Request request{"POST", "/api/books/", "", {}, R"({"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": 2})"};
        request.headers.add("Content-Type", "application/json");
        request.headers.add("Authorization", "Basic YWRtaW46YWRtaW4tcGFzcy0x");  // admin:admin-pass-1
        return request;
    }
};

std::string scenario_error(const std::string& file) {
    try {
        scenario::run_scenario(file, nullptr, auth::Argon2Cost{8, 1, 1});
    } catch (const scenario::ScenarioError& error) {
        return error.what();
    }
    return "";
}

std::string load_error(const std::string& text) {
    auto loaded = world_from_json_text(text);
    return std::holds_alternative<LoadError>(loaded) ? std::get<LoadError>(loaded).message : "";
}

}  // namespace

TEST_CASE("a request within every bound gets through", "[limits]") {
    Fixture f;
    http::Request request = f.create_book();
    request.path += std::string(http::max_request_target_bytes - request.path.size(), 'x');  // Django's 404
    CHECK(f.backend.handle(request).response.status != 414);
    CHECK(f.backend.handle(f.create_book()).response.status == 201);
}

TEST_CASE("a request past a bound is refused before Django, saying which bound, and changes nothing", "[limits]") {
    Fixture f;
    const std::string before = f.world_text();
    http::Request request = f.create_book();
    int status = 0;
    std::string message;
    SECTION("the path and query") {
        request.query = std::string(http::max_request_target_bytes - request.path.size(), 'q');
        status = 414;
        message = "the path and query string are 4095 bytes long; at most 4094 bytes are accepted";
    }
    SECTION("the number of headers") {
        for (int i = 0; i < 99; ++i) request.headers.add("X-Extra-" + std::to_string(i), "1");
        status = 431;
        message = "the request has 101 headers; at most 100 are accepted";
    }
    SECTION("one header's size") {
        request.headers.add("Cookie", std::string(http::max_request_header_bytes - 5, 'c'));
        status = 431;
        message = "the Cookie header is 8191 bytes long (name and value); at most 8190 bytes are accepted";
    }
    SECTION("the body") {
        request.body.resize(http::max_request_body_bytes + 1, ' ');
        status = 413;
        message = "the body is 4194305 bytes long; at most 4194304 bytes (4 MiB) are accepted";
    }
    Exchange exchange = f.backend.handle(request);
    CHECK(exchange.response.status == status);
    CHECK(exchange.response.body == "Request refused before it reached Django: " + message + ".\n");
    CHECK(exchange.trace["outcome"]["status"] == status);
    CHECK(f.world_text() == before);
}

TEST_CASE("a permission expression longer or deeper than the bounds is refused, saying where", "[limits][permissions]") {
    const std::string at_most(32, '~');
    CHECK(drf::parse_permission(at_most + "AllowAny").permission);
    CHECK(drf::parse_permission(std::string(31, '(') + "AllowAny" + std::string(31, ')')).permission);
    CHECK(drf::parse_permission(std::string(33, '~') + "AllowAny").error ==
          "the expression nests more than 32 levels deep at column 33 (each ~, parenthesis, & and | adds a level)");
    std::string chain = "AllowAny";
    for (int i = 0; i < 32; ++i) chain += " & AllowAny";
    CHECK(drf::parse_permission(chain).permission);
    chain += " & AllowAny";
    CHECK(drf::parse_permission(chain).error.starts_with("the expression nests more than 32 levels deep at column 362 "));
    // What overflowed the stack (and took cubic time) before: refused at once.
    CHECK(drf::parse_permission(std::string(10000, '(') + "AllowAny" + std::string(10000, ')')).error ==
          "the expression is 20008 characters long; at most 1000 are allowed");
    CHECK(drf::parse_permission(std::string(999, '(')).error.starts_with("the expression nests more than 32 levels deep at column 33"));
    CHECK(drf::parse_permission(std::string(985, '~') + "AllowAny").error.starts_with("the expression nests more than 32"));
    std::string long_one = "AllowAny";
    while (long_one.size() <= drf::max_permission_expression_length) long_one += " | AllowAny";
    CHECK(drf::parse_permission(long_one).error ==
          "the expression is " + std::to_string(long_one.size()) + " characters long; at most 1000 are allowed");
}

TEST_CASE("a deep permission expression is written back in one pass", "[limits][permissions]") {
    auto parsed = drf::parse_permission_expression(std::string(30, '~') + "(AllowAny | IsAdminUser)", drf::permission_class_names());
    REQUIRE(parsed.expression);
    CHECK(parsed.expression->text() == std::string(30, '~') + "(AllowAny | IsAdminUser)");
}

TEST_CASE("a scenario whose policy is too deep cannot run, and says why", "[limits][permissions][scenario]") {
    json file = {{"setup", {{"policies", {{"books", {{"permissions", {std::string(40, '~') + "AllowAny"}}}}}}}}, {"steps", json::array()}};
    CHECK(scenario_error(file.dump()).find("the expression nests more than 32 levels deep at column 33") != std::string::npos);
}

TEST_CASE("a world file past a bound is refused, naming the list", "[limits][world]") {
    Fixture f;
    json world = world_to_json(f.backend.world());
    REQUIRE(load_error(world.dump()).empty());
    SECTION("users") {
        json users = json::array();
        for (int i = 1; i <= 10001; ++i) users.push_back(world["users"][0]);
        world["users"] = users;
        CHECK(load_error(world.dump()) == "users: has 10001 entries; at most 10000 are allowed");
    }
    SECTION("groups") {
        world["groups"] = json::array();
        for (int i = 1; i <= 101; ++i) world["groups"].push_back({{"id", i}, {"name", "g" + std::to_string(i)}, {"permissions", json::array()}});
        CHECK(load_error(world.dump()) == "groups: has 101 entries; at most 100 are allowed");
    }
    SECTION("books") {
        json book = world["books"][0];
        world["books"] = json::array();
        for (int i = 1; i <= 1001; ++i) world["books"].push_back(book);
        CHECK(load_error(world.dump()) == "books: has 1001 entries; at most 1000 are allowed");
    }
    SECTION("orders") {
        world["orders"] = json::array();
        for (int i = 1; i <= 10001; ++i) world["orders"].push_back({{"id", i}, {"book", 1}, {"quantity", 1}, {"owner", 1}});
        CHECK(load_error(world.dump()) == "orders: has 10001 entries; at most 10000 are allowed");
    }
    SECTION("tokens") {
        world["tokens"] = json::array();
        for (int i = 1; i <= 10001; ++i) world["tokens"].push_back({{"key", std::string(40, 'a')}, {"user", 1}, {"created", 0}});
        CHECK(load_error(world.dump()) == "tokens: has 10001 entries; at most 10000 are allowed");
    }
    SECTION("a user's permissions") {
        world["users"][0]["permissions"] = json::array();
        for (int i = 0; i < 101; ++i) world["users"][0]["permissions"].push_back("bookshop.view_book");
        CHECK(load_error(world.dump()) == "users[0].permissions: has 101 entries; at most 100 are allowed");
    }
    SECTION("nesting") {
        world["secret_key"] = json::parse(std::string(16, '[') + std::string(16, ']'));
        CHECK(load_error(world.dump()) == "the file nests lists and objects more than 16 deep; a world file needs 4");
    }
    SECTION("size") {
        world["secret_key"] = std::string(max_world_json_bytes, 's');
        CHECK(load_error(world.dump()) == "the file is larger than 4 MiB");
    }
}

TEST_CASE("a world file with a number beyond a double is refused as invalid JSON", "[limits][world]") {
    // Found by fuzz_world: nlohmann's out_of_range escaped the loader.
    CHECK(load_error(R"({"schema": "authlab.world", "version": 1E400})") ==
          "not valid JSON: [json.exception.out_of_range.406] number overflow parsing '1E400'");
}

TEST_CASE("a scenario past a bound cannot run, and says which", "[limits][scenario]") {
    CHECK(scenario_error(std::string(scenario::max_scenario_bytes + 1, ' ')) ==
          "the file is 4194305 bytes long; a scenario may have at most 4194304 (4 MiB)");
    json steps = json::array();
    for (int i = 0; i < 1001; ++i) steps.push_back({{"advance", 1}});
    CHECK(scenario_error(json{{"steps", steps}}.dump()) == "\"steps\" has 1001 entries; a scenario may have at most 1000");
    json users = json::array();
    for (int i = 0; i < 1001; ++i) users.push_back({{"username", "u" + std::to_string(i)}, {"password", "p"}});
    CHECK(scenario_error(json{{"setup", {{"users", users}}}, {"steps", json::array()}}.dump()) ==
          "setup.users has 1001 entries; at most 1000 are allowed");
}

TEST_CASE("the virtual clock stays within Django's datetime range", "[limits][clock]") {
    Fixture f;
    const Micros century = max_clock_step;
    const std::string before = f.world_text();
    CHECK(f.backend.advance(century + 1) == "the clock moves forward by 0 seconds to a century at a time");
    CHECK(f.backend.advance(-1) == "the clock moves forward by 0 seconds to a century at a time");
    CHECK(f.world_text() == before);
    // 2024 + 79 centuries is 9924; one more would be past 9999.
    for (int i = 0; i < 79; ++i) REQUIRE(f.backend.advance(century).empty());
    const Micros offset = f.backend.world().clock_offset;
    std::string refused = f.backend.advance(century);
    CHECK(refused.starts_with("the virtual clock cannot pass 9999-12-31 23:59:59 UTC, the last moment Django's datetime can hold"));
    CHECK(f.backend.world().clock_offset == offset);
    CHECK(f.backend.now() <= latest_virtual_time);
}

TEST_CASE("a scenario that moves the clock past year 9999 stops with the reason", "[limits][clock][scenario]") {
    json steps = json::array();
    for (int i = 0; i < 81; ++i) steps.push_back({{"advance", 100LL * 365 * 86400}});
    CHECK(scenario_error(json{{"steps", steps}}.dump())
              .starts_with("\"advance\": the virtual clock cannot pass 9999-12-31 23:59:59 UTC"));
    CHECK(scenario_error(json{{"steps", {{{"advance", 100.0 * 366 * 86400 + 1}}}}}.dump()) ==
          "\"advance\" moves the clock more than a century");
}
