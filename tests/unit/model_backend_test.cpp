// ModelBackend's permission rules, compared with real Django's on generated worlds.
#include <catch2/catch.hpp>

#include <random>

#include "backends/model_backend.hpp"
#include "auth/permission.hpp"
#include "support/python.hpp"

using namespace authlab;

namespace {

std::vector<std::string> sorted(const std::set<std::string>& keys) { return {keys.begin(), keys.end()}; }

}  // namespace

TEST_CASE("the permission catalogue is the reference project's, names included", "[auth][django]") {
    nlohmann::json django = testing::python::ask_oracle("django_permissions.py", {{"groups", nlohmann::json::array()},
                                                                         {"users", nlohmann::json::array()},
                                                                         {"ask", nlohmann::json::array()}});
    nlohmann::json ours = nlohmann::json::array();
    for (const auth::Permission& p : auth::all_permissions()) ours.push_back({p.key(), p.name});
    std::sort(ours.begin(), ours.end());
    CHECK(ours == django["catalogue"]);
}

TEST_CASE("has_perm and the permission sets agree with Django's ModelBackend", "[auth][django]") {
    std::mt19937 rng(20261128);
    const auto& catalogue = auth::all_permissions();
    auto pick_permissions = [&](int max) {
        std::set<std::string> keys;
        for (int n = std::uniform_int_distribution<int>(0, max)(rng); n > 0; --n)
            keys.insert(catalogue[std::uniform_int_distribution<std::size_t>(0, catalogue.size() - 1)(rng)].key());
        return keys;
    };
    auto coin = [&](double p) { return std::bernoulli_distribution(p)(rng); };

    World world;
    nlohmann::json request = {{"groups", nlohmann::json::array()}, {"users", nlohmann::json::array()},
                              {"ask", nlohmann::json::array()}};
    for (int g = 0; g < 4; ++g) {
        Group group{0, "Group " + std::to_string(g), pick_permissions(6)};
        request["groups"].push_back({{"name", group.name}, {"permissions", sorted(group.permissions)}});
        world.add_group(group);
    }
    for (int u = 0; u < 24; ++u) {
        User user;
        user.username = "user" + std::to_string(u);
        user.is_active = coin(0.8);
        user.is_superuser = coin(0.2);
        user.permissions = pick_permissions(3);
        nlohmann::json group_names = nlohmann::json::array();
        for (const Group& g : world.groups) {
            if (coin(0.4)) {
                user.groups.push_back(g.id);
                group_names.push_back(g.name);
            }
        }
        request["users"].push_back({{"username", user.username}, {"is_active", user.is_active},
                                    {"is_superuser", user.is_superuser}, {"groups", group_names},
                                    {"permissions", sorted(user.permissions)}});
        for (int q = 0; q < 6; ++q)
            request["ask"].push_back({user.username, catalogue[std::uniform_int_distribution<std::size_t>(0, catalogue.size() - 1)(rng)].key()});
        request["ask"].push_back({user.username, "bookshop.no_such_permission"});
        world.add_user(user);
    }

    nlohmann::json django = testing::python::ask_oracle("django_permissions.py", request)["answers"];
    for (const User& user : world.users) {
        INFO(user.username << " active=" << user.is_active << " superuser=" << user.is_superuser);
        const nlohmann::json& expected = django[user.username];
        CHECK(nlohmann::json(sorted(auth::get_user_permissions(world, &user))) == expected["user"]);
        CHECK(nlohmann::json(sorted(auth::get_group_permissions(world, &user))) == expected["group"]);
        CHECK(nlohmann::json(sorted(auth::get_all_permissions(world, &user))) == expected["all"]);
        nlohmann::json answers = nlohmann::json::array();
        for (const auto& question : request["ask"]) {
            if (question[0] == user.username) answers.push_back(auth::has_perm(world, &user, question[1].get<std::string>()));
        }
        CHECK(answers == expected["has_perm"]);
    }
}

TEST_CASE("AnonymousUser has no permissions, but has_perms of nothing is true", "[auth]") {
    World world;
    CHECK(auth::get_all_permissions(world, nullptr).empty());
    CHECK_FALSE(auth::has_perm(world, nullptr, "bookshop.view_book"));
    CHECK(auth::has_perms(world, nullptr, {}));
    CHECK_FALSE(auth::is_in_group(world, nullptr, "Manager"));
}

TEST_CASE("IsInGroup looks at group membership only, not at superuser status", "[auth]") {
    World world;
    Id managers = world.add_group({0, "Manager", {}});
    User admin;
    admin.username = "admin";
    admin.is_superuser = true;
    world.add_user(admin);
    User mary;
    mary.username = "mary";
    mary.groups = {managers};
    world.add_user(mary);
    CHECK_FALSE(auth::is_in_group(world, world.find_user("admin"), "Manager"));
    CHECK(auth::is_in_group(world, world.find_user("mary"), "Manager"));
    CHECK_FALSE(auth::is_in_group(world, world.find_user("mary"), "manager"));  // names are case-sensitive
}
