// The outcome matrix computes one row per kind of user and shares it among users alike: every
// row it shows must be the row that user gets when computed alone.
#include <catch2/catch.hpp>

#include "lab/admin_commands.hpp"
#include "lab/matrix.hpp"
#include "world/seed.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

// The default world and 36 more users: every mix of flags and groups, direct permissions, some
// with orders or a token, so kinds repeat and differ.
Backend& crowded(Backend& backend) {
    const std::vector<std::vector<std::string>> group_sets = {{}, {"Customer"}, {"Editor"}, {"Manager"}, {"Editor", "Customer"}, {"Customer", "Editor"}};
    for (int i = 0; i < 36; ++i) {
        json user = {{"op", "create_user"}, {"username", "crowd" + std::to_string(i)}, {"password", nullptr},
                     {"is_active", i % 5 != 4}, {"is_staff", i % 7 == 3}, {"is_superuser", i == 13},
                     {"groups", group_sets[i % group_sets.size()]}};
        if (i % 9 == 2) user["permissions"] = {"bookshop.add_book"};
        REQUIRE(lab::apply_admin_command(backend, user).value("error", "").empty());
    }
    World& world = backend.world();
    for (const User& u : world.users) {
        if (u.id % 4 == 1) world.add_order(Order{0, world.books.front().id, 1, u.id});
        if (u.id % 3 == 0) world.get_or_create_token(u.id, backend.random(), backend.now());
    }
    return backend;
}

}  // namespace

TEST_CASE("every row of the outcome matrix is the row its user gets computed alone", "[lab][matrix]") {
    crypto::SeededRandom random{5};
    FixedClock clock{1704110400 * micros_per_second};
    Backend backend{default_world(random, auth::Argon2Cost::owasp_minimum()), clock, random};
    crowded(backend);
    for (const std::string mechanism : {"token", "bearer", "session"}) {
        auto matrix = lab::outcome_matrix(backend, mechanism);
        REQUIRE(matrix["users"].size() == backend.world().users.size() + 1);
        auto row = [&](std::size_t r) { return matrix["rows"][matrix["row_of"][r].get<std::size_t>()]; };
        CHECK(row(0) == lab::outcome_row(backend, mechanism, nullptr));
        std::set<std::string> distinct;
        for (std::size_t r = 1; r < matrix["users"].size(); ++r) {
            std::string username = matrix["users"][r];
            INFO(mechanism << ": " << username);
            CHECK(row(r) == lab::outcome_row(backend, mechanism, &username));
            distinct.insert(row(r).dump());
        }
        CHECK(distinct.size() > 3);  // the crowd is not all alike: the check above compared real differences
        CHECK(matrix["rows"].size() < matrix["users"].size());  // users alike were sent once
    }
}

TEST_CASE("a column that changes the world is undone before the next column runs", "[lab][matrix]") {
    crypto::SeededRandom random{5};
    FixedClock clock{1704110400 * micros_per_second};
    Backend backend{default_world(random, auth::Argon2Cost::owasp_minimum()), clock, random};
    const std::string admin = "admin";
    auto matrix = lab::outcome_matrix(backend, "token");
    auto cells = matrix["rows"][matrix["row_of"][1].get<std::size_t>()];
    REQUIRE(matrix["users"][1] == admin);
    CHECK(cells == lab::outcome_row(backend, "token", &admin));
    auto status = [&](const std::string& method, const std::string& path) {
        for (std::size_t c = 0; c < matrix["endpoints"].size(); ++c) {
            if (matrix["endpoints"][c]["method"] == method && matrix["endpoints"][c]["path"] == path) return cells[c]["status"].get<int>();
        }
        FAIL("no column " << method << " " << path);
        return 0;
    };
    // The superuser's DELETE removes book 1; the order placed two columns later names book 1 and
    // is only accepted if that deletion was undone.
    CHECK(status("DELETE", "/api/books/1/") == 204);
    CHECK(status("POST", "/api/orders/") == 201);
    CHECK(status("PATCH", "/api/books/1/") == 200);  // after the PUT: each on the world as it is
}
