// A scenario's setup (scenarios.md): groups, users, books and policies on a base world.
#include <catch2/catch.hpp>

#include "auth/passwords.hpp"
#include "pyjson/value.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/setup.hpp"
#include "support/pyjson_value.hpp"

using namespace authlab;

namespace {

World build(const std::string& setup) {
    const pyjson::Value parsed = testing::parsed(setup);
    crypto::SeededRandom random(5);
    return scenario::build_world(parsed, auth::Passwords(random, auth::Argon2Cost::owasp_minimum()));
}

std::string setup_error(const std::string& setup) {
    try {
        build(setup);
    } catch (const scenario::ScenarioError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the base worlds are built once and copied", "[scenario][setup]") {
    const World* seeded = scenario::base_world("default");
    REQUIRE(seeded);
    CHECK(seeded == scenario::base_world("default"));
    CHECK(seeded->users.size() == 5);
    CHECK(scenario::base_world("empty")->users.empty());
    CHECK(scenario::base_world("other") == nullptr);
    World world = build(R"({"world": "default", "books": [{"title": "Emma", "author": "Jane Austen", "price": "4.5", "inventory": 2}]})");
    CHECK(world.books.size() == 4);
    CHECK(scenario::base_world("default")->books.size() == 3);  // the base is untouched
    CHECK(world.secret_key == seeded->secret_key);                // the same every run
    CHECK(build("{}").users.size() == 5);                         // "default" when not named
}

TEST_CASE("groups are created, or their permissions replaced with the members kept", "[scenario][setup]") {
    World world = build(R"({"groups": [{"name": "Manager", "permissions": ["bookshop.view_book"]},
                                        {"name": "Staff", "permissions": ["auth.view_user", "bookshop.add_order"]},
                                        {"name": "Nobody"}]})");
    const Group* manager = world.find_group("Manager");
    REQUIRE(manager);
    CHECK(manager->id == 1);
    CHECK(manager->permissions == std::set<std::string>{"bookshop.view_book"});
    CHECK(world.find_user("mary")->groups == std::vector<Id>{manager->id});
    const Group* staff = world.find_group("Staff");
    REQUIRE(staff);
    CHECK(staff->id == 4);
    CHECK(staff->permissions.size() == 2);
    CHECK(world.find_group("Nobody")->permissions.empty());
}

TEST_CASE("users are created, or replaced keeping their id with every field set anew", "[scenario][setup]") {
    World world = build(R"({"groups": [{"name": "Staff"}],
        "users": [{"username": "carol", "groups": ["Staff", "Customer"], "permissions": ["bookshop.add_book"]},
                  {"username": "nina", "password": "nina-pass-1", "email": "n@example.com", "is_staff": true, "is_active": false}]})");
    const User* carol = world.find_user("carol");
    REQUIRE(carol);
    CHECK(carol->id == 4);
    CHECK(carol->email.empty());
    CHECK_FALSE(auth::is_password_usable(carol->password));  // no password: an unusable one
    CHECK(carol->is_active);
    CHECK_FALSE(carol->is_staff);
    // Django's groups.set(): Customer stays where it was, Staff follows.
    CHECK(carol->groups == std::vector<Id>{world.find_group("Customer")->id, world.find_group("Staff")->id});
    CHECK(carol->permissions == std::set<std::string>{"bookshop.add_book"});

    const User* nina = world.find_user("nina");
    REQUIRE(nina);
    CHECK(nina->id == 6);
    CHECK(nina->is_staff);
    CHECK_FALSE(nina->is_active);
    CHECK_FALSE(nina->is_superuser);
    crypto::SeededRandom random(1);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());
    CHECK(passwords.check_password("nina-pass-1", nina->password).verdict == auth::Verdict::match);

    World admin_replaced = build(R"({"users": [{"username": "admin", "password": "new"}]})");
    CHECK_FALSE(admin_replaced.find_user("admin")->is_superuser);  // omitted flags take Django's defaults
}

TEST_CASE("books are appended with prices as Django stores them", "[scenario][setup]") {
    World world = build(R"({"world": "empty", "books": [
        {"title": "A", "author": "B", "price": "4.5", "inventory": 2},
        {"title": "C", "author": "D", "price": 7, "inventory": "3"},
        {"title": "E", "author": "F", "price": 0.1, "inventory": 0},
        {"title": "G", "author": "H", "price": "1e1", "inventory": 32767},
        {"title": "I", "author": "J", "price": " 0012.30 ", "inventory": 5.9}]})");
    REQUIRE(world.books.size() == 5);
    CHECK(world.books[0].id == 1);
    CHECK(world.books[0].price == "4.50");
    CHECK(world.books[1].price == "7.00");
    CHECK(world.books[1].inventory == 3);
    CHECK(world.books[2].price == "0.10");
    CHECK(world.books[3].price == "10.00");
    CHECK(world.books[4].price == "12.30");
    CHECK(world.books[4].inventory == 5);  // int(5.9)
    CHECK(build(R"({"books": [{"title": "T", "author": "A", "price": "1", "inventory": 1}]})").books.back().id == 4);
}

TEST_CASE("a setup that cannot be built says why", "[scenario][setup]") {
    CHECK(setup_error(R"({"world": "nope"})") == "unknown world 'nope'");
    CHECK(setup_error(R"({"users": [{"username": "x", "groups": ["Staff"]}]})") == "unknown group 'Staff'");
    CHECK(setup_error(R"({"users": [{"username": "x", "permissions": ["bookshop.read_book"]}]})") == "unknown permission 'bookshop.read_book'");
    CHECK(setup_error(R"({"users": [{"password": "x"}]})") == "a user needs a username");
    CHECK(setup_error(R"({"users": [{"username": "x", "is_staff": 1}]})") == "user.is_staff must be true or false, not 1");
    CHECK(setup_error(R"({"users": [{"username": "x", "nick": "y"}]})") == "unknown user key(s): nick");
    CHECK(setup_error(R"({"groups": {"name": "G"}})") == "setup.groups must be a list");
    CHECK(setup_error(R"({"books": [{"title": "T", "author": "A", "price": "12345.6", "inventory": 1}]})").starts_with("bad book price"));
    CHECK(setup_error(R"({"books": [{"title": "T", "author": "A", "price": "7.999", "inventory": 1}]})").starts_with("bad book price"));
    CHECK(setup_error(R"({"books": [{"title": "T", "author": "A", "price": "-1", "inventory": 1}]})").starts_with("bad book price"));
    CHECK(setup_error(R"({"books": [{"title": "T", "author": "A", "price": "cheap", "inventory": 1}]})").starts_with("bad book price"));
    CHECK(setup_error(R"({"books": [{"title": "T", "author": "A", "price": "1", "inventory": -1}]})").starts_with("bad book inventory"));
    CHECK(setup_error(R"({"books": [{"title": "", "author": "A", "price": "1", "inventory": 1}]})") == "a book's title may not be blank");
    CHECK(setup_error(R"({"books": [{"author": "A", "price": "1", "inventory": 1}]})") == "a book needs a title");
}

TEST_CASE("policies replace the default's whole entries and must be able to run", "[scenario][setup]") {
    World world = build(R"({"policies": {"books": {"authentication": ["BasicAuthentication"]},
                                         "orders": {"permissions": ["IsAdminUser | IsInGroup:Manager"]},
                                         "authentication": ["SessionAuthentication"]}})");
    const ViewPolicy& books = world.policies.views.at("books");
    CHECK(books.authentication == std::vector<std::string>{"BasicAuthentication"});
    CHECK(books.permissions.empty());  // the entry was replaced whole
    CHECK(world.policies.views.at("orders").permissions == std::vector<std::string>{"IsAdminUser | IsInGroup:Manager"});
    CHECK_FALSE(world.policies.views.at("orders").authentication.has_value());
    CHECK(world.policies.views.at("manager_users").permissions.size() == 2);  // untouched
    CHECK(world.policies.authentication == std::vector<std::string>{"SessionAuthentication"});
    CHECK(build(R"({"policies": null})").policies.views.at("books").permissions == std::vector<std::string>{"DjangoModelPermissions"});

    CHECK(setup_error(R"({"policies": {"shelves": {}}})") == "unknown policy key 'shelves'");
    CHECK(setup_error(R"({"policies": {"books": {"permission": []}}})") == "unknown policy 'books' key(s): permission");
    CHECK(setup_error(R"({"policies": {"books": {"permissions": "IsAdminUser"}}})") == "books.permissions must be a list");
    CHECK_FALSE(setup_error(R"({"policies": {"books": {"permissions": ["IsAdmin"]}}})").empty());
    CHECK_FALSE(setup_error(R"({"policies": {"books": {"permissions": ["(IsAdminUser"]}}})").empty());
    CHECK_FALSE(setup_error(R"({"policies": {"authentication": ["OAuth2Authentication"]}})").empty());
}
