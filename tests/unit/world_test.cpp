// The starting worlds of api.md and the saved-state format.
#include <catch2/catch.hpp>

#include "backends/model_backend.hpp"
#include "export/world_json.hpp"
#include "world/seed.hpp"

using namespace authlab;

namespace {

const World& sample_world() {
    static const World world = [] {
        crypto::SeededRandom random(11);
        return default_world(random, auth::Argon2Cost::owasp_minimum());
    }();
    return world;
}

std::string load_error(const nlohmann::json& json) {
    auto loaded = world_from_json(json);
    return std::holds_alternative<LoadError>(loaded) ? std::get<LoadError>(loaded).message : "";
}

}  // namespace

TEST_CASE("the default world is api.md's", "[world]") {
    const World& world = sample_world();
    crypto::SeededRandom random(0);
    auth::Passwords passwords(random, world.password_cost);
    struct Row { const char* name; const char* password; const char* group; bool staff; bool active; };
    const Row rows[] = {{"admin", "admin-pass-1", nullptr, true, true}, {"mary", "mary-pass-1", "Manager", false, true},
                        {"eddie", "eddie-pass-1", "Editor", false, true}, {"carol", "carol-pass-1", "Customer", false, true},
                        {"ivan", "ivan-pass-1", "Customer", false, false}};
    REQUIRE(world.users.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        const User& u = world.users[i];
        INFO(u.username);
        CHECK(u.id == static_cast<Id>(i + 1));
        CHECK(u.username == rows[i].name);
        CHECK(u.email == std::string(rows[i].name) + "@example.com");
        CHECK(passwords.check_password(rows[i].password, u.password).verdict == auth::Verdict::match);
        CHECK(u.is_staff == rows[i].staff);
        CHECK(u.is_superuser == rows[i].staff);
        CHECK(u.is_active == rows[i].active);
        CHECK(auth::is_in_group(world, &u, rows[i].group ? rows[i].group : "-") == (rows[i].group != nullptr));
    }
    CHECK(world.find_group("Editor")->permissions ==
          std::set<std::string>{"bookshop.view_book", "bookshop.add_book", "bookshop.change_book"});
    REQUIRE(world.books.size() == 3);
    CHECK(world.books[2].title == "Moby Dick");
    CHECK(world.books[2].price == "12.00");
    CHECK(world.orders.empty());
    CHECK(world.secret_key.size() == 50);
    CHECK(world.next_ids.user == 6);
}

TEST_CASE("a world survives a round trip through JSON", "[world]") {
    World world = sample_world();
    world.tokens.push_back({std::string(40, 'a'), 4, 123});
    world.sessions.push_back({std::string(32, 'k'), 3, "hash", 456});
    world.orders.push_back({1, 2, 3, 4});
    world.next_ids.order = 2;
    world.policies.views["books"].authentication = std::vector<std::string>{"BasicAuthentication"};
    world.clock_offset = 301 * micros_per_second;

    auto saved = world_to_json(world);
    auto loaded = world_from_json(nlohmann::json::parse(saved.dump()));
    REQUIRE(std::holds_alternative<World>(loaded));
    CHECK(world_to_json(std::get<World>(loaded)) == saved);
}

TEST_CASE("loading rejects bad input with a message that says where", "[world]") {
    nlohmann::json good = nlohmann::json::parse(world_to_json(sample_world()).dump());
    CHECK(load_error(good).empty());

    auto broken = [&](auto change) {
        nlohmann::json copy = good;
        change(copy);
        return load_error(copy);
    };
    CHECK(broken([](auto& j) { j["version"] = 99; }).find("version 99 is not supported") != std::string::npos);
    CHECK(broken([](auto& j) { j.erase("users"); }) == "users: missing");
    CHECK(broken([](auto& j) { j["users"][1]["groups"] = {"Staf"}; }) == "users[1].groups[0]: no group named \"Staf\"");
    CHECK(broken([](auto& j) { j["users"][2]["username"] = "admin"; }).starts_with("users[2].username: another user"));
    CHECK(broken([](auto& j) { j["users"][0]["password"] = "letmein"; }).starts_with("users[0].password: "));
    CHECK(broken([](auto& j) { j["groups"][0]["permissions"] = {"bookshop.fly"}; }) ==
          "groups[0].permissions[0]: no permission \"bookshop.fly\"");
    CHECK(broken([](auto& j) { j["books"][0]["price"] = "7.999"; }).starts_with("books[0].price: "));
    CHECK(broken([](auto& j) { j["books"][0]["inventory"] = 40000; }).starts_with("books[0].inventory: must be between"));
    CHECK(broken([](auto& j) { j["users"][0]["id"] = 2; }).starts_with("users[1].id: duplicate id 2"));
    CHECK(broken([](auto& j) { j["next_ids"]["book"] = 2; }).starts_with("next_ids.book: "));
    CHECK(broken([](auto& j) { j["password_cost"]["memory_kib"] = 1 << 30; }).starts_with("password_cost.memory_kib"));
    CHECK(broken([](auto& j) { j["policies"]["books"]["permissions"] = {"IsAdmin"}; }).starts_with("policies: "));
    CHECK(broken([](auto& j) { j = nlohmann::json::array(); }) == "expected an object");

    auto text = world_from_json_text("{\"schema\": ");
    REQUIRE(std::holds_alternative<LoadError>(text));
    CHECK(std::get<LoadError>(text).message.starts_with("not valid JSON"));
}

TEST_CASE("hostile text in a world is kept as data", "[world]") {
    nlohmann::json j = nlohmann::json::parse(world_to_json(sample_world()).dump());
    j["users"][3]["username"] = "<img src=x onerror=alert(1)>";
    auto loaded = world_from_json(j);
    REQUIRE(std::holds_alternative<World>(loaded));
    CHECK(std::get<World>(loaded).users[3].username == "<img src=x onerror=alert(1)>");
}
