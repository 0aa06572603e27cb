#include "world/seed.hpp"

namespace authlab {
namespace {

// Django's get_random_secret_key(): 50 characters of this alphabet.
constexpr std::string_view secret_key_chars = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

struct SeedUser {
    const char* username;
    const char* password;
    // Django 3.2's Argon2id hash of `password` (m=102400, t=2, p=8), made once by the core
    // (`tools/authlab password hash`) and shipped as a Django fixture ships its users: opening
    // the default world hashes nothing. Real Django verifies them (tests/unit/seed_test.cpp).
    const char* encoded;
    const char* group;  // nullptr: none
    bool is_staff_and_superuser;
    bool is_active;
};

constexpr SeedUser seed_users[] = {
    {"admin", "admin-pass-1", "argon2$argon2id$v=19$m=102400,t=2,p=8$Sjk0RnROQXNtemFac1FtaUVYZm5GeQ$paDP+ozulbjVpYNNCrZnxw",
     nullptr, true, true},
    {"mary", "mary-pass-1", "argon2$argon2id$v=19$m=102400,t=2,p=8$cFpsVEdscU1RdHZ0cnVmbmhVaVVNNw$MG7qrGqj4W8FykGAQuC+5g",
     "Manager", false, true},
    {"eddie", "eddie-pass-1", "argon2$argon2id$v=19$m=102400,t=2,p=8$Um1kV0hLZjc0dENIN2RsSjNrOVUyaQ$NUm1u+Bl6PqR66sf6viDvA",
     "Editor", false, true},
    {"carol", "carol-pass-1", "argon2$argon2id$v=19$m=102400,t=2,p=8$eE5BakkxTG5ZazFxR3c2dTNsQ2MwVA$kudlkr4A/7DgcrwaP3WJng",
     "Customer", false, true},
    {"ivan", "ivan-pass-1", "argon2$argon2id$v=19$m=102400,t=2,p=8$OUVWa3d1ZjUwYXExZjc3anowbmhxcw$JAvDdLsr+VXQ34lq776JPw",
     "Customer", false, false},
};

}  // namespace

Policies default_policies() {
    Policies p;
    p.authentication = {"TokenAuthentication", "JWTAuthentication", "SessionAuthentication", "BasicAuthentication"};
    p.views["books"] = {std::nullopt, {"DjangoModelPermissions"}, std::nullopt};
    p.views["orders"] = {std::nullopt, {"IsAuthenticated", "DjangoModelPermissions", "IsOwner | IsAdminUser"}, std::nullopt};
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
        // At another cost (tests choose a cheap one) the shipped hashes would not be the world's
        // own preferred hasher's, so they are made now.
        user.password = cost == auth::Argon2Cost::django32() ? seed.encoded : passwords.make_password(seed.password);
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
