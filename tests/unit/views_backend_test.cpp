// The resource views through Backend::handle: what they change in the world (cascades,
// memberships, users), what they write into the trace, and that nothing a request does
// leaves a dangling request.user behind.
#include <catch2/catch.hpp>

#include <algorithm>

#include "backend.hpp"
#include "world/seed.hpp"

using namespace authlab;

namespace {

const std::string admin_key(40, 'a'), mary_key(40, 'b'), eddie_key(40, 'c'), carol_key(40, 'd');

struct Fixture {
    crypto::SeededRandom random{5};
    FixedClock clock{1'704'110'400LL * micros_per_second};
    Backend backend{make_world(), clock, random};

    World make_world() {
        World world = default_world(random, auth::Argon2Cost::owasp_minimum());
        Id id = 1;
        for (const std::string* key : {&admin_key, &mary_key, &eddie_key, &carol_key}) world.tokens.push_back({*key, id++, 0});
        return world;
    }

    Exchange send(const std::string& method, const std::string& path, const std::string& key, const std::string& json = "") {
        http::Request request;
        request.method = method;
        request.path = path;
        if (!key.empty()) request.headers.add("Authorization", "Token " + key);
        if (!json.empty()) {
            request.headers.add("Content-Type", "application/json");
            request.body = json;
        }
        return backend.handle(request);
    }
};

bool has_summary(const Exchange& e, const std::string& text) {
    for (const auto& step : e.trace["steps"]) {
        if (step["summary"] == text) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("books: create, validation failures, cascade on delete", "[views][books]") {
    Fixture f;
    Exchange created = f.send("POST", "/api/books/", eddie_key, R"({"title": " Emma ", "author": "Jane Austen", "price": "4.5", "inventory": 2})");
    CHECK(created.response.status == 201);
    CHECK(created.response.body == R"({"id":4,"title":"Emma","author":"Jane Austen","price":"4.50","inventory":2})");
    CHECK(has_summary(created, "created book 4 (\"Emma\")."));
    CHECK(f.backend.world().books.size() == 4);

    Exchange invalid = f.send("POST", "/api/books/", eddie_key, R"({"title": "x", "author": "y", "price": "4.555", "inventory": -1})");
    CHECK(invalid.response.status == 400);
    CHECK(has_summary(invalid, "validation failed: price, inventory."));
    CHECK(f.backend.world().books.size() == 4);

    CHECK(f.send("POST", "/api/orders/", carol_key, R"({"book": 2, "quantity": 1})").response.status == 201);
    CHECK(f.send("POST", "/api/orders/", carol_key, R"({"book": 1, "quantity": 1})").response.status == 201);
    Exchange deleted = f.send("DELETE", "/api/books/2/", mary_key);
    CHECK(deleted.response.status == 204);
    CHECK(deleted.response.body.empty());
    CHECK(has_summary(deleted, "deleted book 2 and its 1 order(s)."));
    CHECK(f.backend.world().orders.size() == 1);
    CHECK(f.backend.world().orders[0].book == 1);

    Exchange head = f.send("HEAD", "/api/books/1/", eddie_key);
    CHECK(head.response.status == 200);
    CHECK(head.response.body.empty());
    CHECK(head.response.headers.get("Allow") == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS");
}

TEST_CASE("books: the PATCHed price is answered as validated and stored as SQLite reads it back", "[views][books]") {
    Fixture f;
    Exchange patched = f.send("PATCH", "/api/books/1/", mary_key, R"({"price": "-0"})");
    CHECK(patched.response.body.find("\"price\":\"-0.00\"") != std::string::npos);
    CHECK(f.backend.world().books[0].price == "0.00");
}

TEST_CASE("books: a pk beyond 64 bits fails as Django on SQLite does", "[views][books]") {
    Fixture f;
    Exchange e = f.send("GET", "/api/books/9223372036854775808/", eddie_key);
    CHECK(e.response.status == 500);
    CHECK(e.trace["outcome"]["status"] == 500);
}

TEST_CASE("manager group: membership changes and their trace", "[views][manager_users]") {
    Fixture f;
    Exchange added = f.send("POST", "/api/groups/manager/users/", mary_key, R"({"username": "carol"})");
    CHECK(added.response.status == 201);
    CHECK(has_summary(added, "added carol to Manager."));
    Exchange again = f.send("POST", "/api/groups/manager/users/", mary_key, R"({"username": "carol"})");
    CHECK(has_summary(again, "carol was already in Manager."));
    const User* carol = f.backend.world().find_user("carol");
    CHECK(std::count(carol->groups.begin(), carol->groups.end(), f.backend.world().find_group("Manager")->id) == 1);
    Exchange removed = f.send("DELETE", "/api/groups/manager/users/4/", mary_key);
    CHECK(removed.response.status == 200);
    CHECK(has_summary(removed, "removed carol from Manager."));
    Exchange missing = f.send("DELETE", "/api/groups/manager/users/4/", mary_key);
    CHECK(missing.response.status == 404);
    CHECK(has_summary(missing, "no Manager member has pk \"4\": 404."));
}

TEST_CASE("djoser: a user created by a logged-in user, and a user deleting themself", "[views][djoser]") {
    Fixture f;
    // The users table grows while request.user points into it.
    for (int k = 0; k < 20; ++k) {
        Exchange e = f.send("POST", "/auth/users/", admin_key, R"({"username": "u)" + std::to_string(k) + R"(", "password": "p"})");
        REQUIRE(e.response.status == 201);
        CHECK(e.trace["outcome"]["sentence"].get<std::string>().find("admin") != std::string::npos);
    }
    const User* created = f.backend.world().find_user("u0");
    REQUIRE(created != nullptr);
    CHECK(created->password.starts_with("argon2$argon2id$"));

    Exchange list = f.send("GET", "/auth/users/", carol_key);
    CHECK(list.response.body == R"([{"email":"carol@example.com","id":4,"username":"carol"}])");
    CHECK(has_summary(list, "listed carol only: djoser's HIDE_USERS hides the others."));

    Exchange wrong = f.send("DELETE", "/auth/users/me/", carol_key, R"({"current_password": "nope"})");
    CHECK(wrong.response.status == 400);
    CHECK(wrong.response.body == R"({"current_password":["Invalid password."]})");
    CHECK(f.send("POST", "/api/orders/", carol_key, R"({"book": 1, "quantity": 1})").response.status == 201);
    Exchange gone = f.send("DELETE", "/auth/users/me/", carol_key, R"({"current_password": "carol-pass-1"})");
    CHECK(gone.response.status == 204);
    CHECK(f.backend.world().find_user("carol") == nullptr);
    CHECK(f.backend.world().orders.empty());
    CHECK(std::none_of(f.backend.world().tokens.begin(), f.backend.world().tokens.end(), [](const AuthToken& t) { return t.user == 4; }));
    CHECK(f.send("GET", "/auth/users/me/", carol_key).response.status == 401);
}
