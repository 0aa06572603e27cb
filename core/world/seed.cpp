#include "world/seed.hpp"

namespace authlab {
namespace {

// Django's get_random_secret_key(): 50 characters of this alphabet.
constexpr std::string_view secret_key_chars = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

struct SeedUser {
    const char* username;
    const char* password;
    const char* group;  // nullptr: none
    bool is_staff_and_superuser;
    bool is_active;
};

constexpr SeedUser seed_users[] = {
    {"admin", "admin-pass-1", nullptr, true, true},
    {"mary", "mary-pass-1", "Manager", false, true},
    {"eddie", "eddie-pass-1", "Editor", false, true},
    {"carol", "carol-pass-1", "Customer", false, true},
    {"ivan", "ivan-pass-1", "Customer", false, false},
};

}  // namespace

Policies default_policies() {
    Policies p;
    p.authentication = {"TokenAuthentication", "JWTAuthentication", "SessionAuthentication", "BasicAuthentication"};
    p.views["books"] = {std::nullopt, {"DjangoModelPermissions"}, std::nullopt};
    p.views["orders"] = {std::nullopt, {"IsAuthenticated", "DjangoModelPermissions"}, std::nullopt};
    p.views["manager_users"] = {std::nullopt, {"IsAuthenticated", "IsInGroup:Manager"}, std::nullopt};
    return p;
}

World empty_world(crypto::RandomSource& random, auth::Argon2Cost cost) {
    World world;
    world.policies = default_policies();
    world.secret_key = random.string_from(secret_key_chars, 50);
    world.password_cost = cost;
    return world;
}

World default_world(crypto::RandomSource& random, auth::Argon2Cost cost) {
    World world = empty_world(random, cost);
    world.add_group({0, "Manager", {"bookshop.add_book", "bookshop.change_book", "bookshop.delete_book",
                                    "bookshop.view_book", "bookshop.view_order", "bookshop.change_order"}});
    world.add_group({0, "Editor", {"bookshop.view_book", "bookshop.add_book", "bookshop.change_book"}});
    world.add_group({0, "Customer", {"bookshop.view_book", "bookshop.add_order", "bookshop.view_order"}});

    auth::Passwords passwords(random, cost);
    for (const SeedUser& seed : seed_users) {
        User user;
        user.username = seed.username;
        user.email = std::string(seed.username) + "@example.com";
        user.password = passwords.make_password(seed.password);
        user.is_staff = user.is_superuser = seed.is_staff_and_superuser;
        user.is_active = seed.is_active;
        if (seed.group) user.groups.push_back(world.find_group(seed.group)->id);
        world.add_user(std::move(user));
    }

    world.add_book({0, "Pride and Prejudice", "Jane Austen", "7.99", 10});
    world.add_book({0, "Dracula", "Bram Stoker", "5.50", 4});
    world.add_book({0, "Moby Dick", "Herman Melville", "12.00", 0});
    return world;
}

}  // namespace authlab
