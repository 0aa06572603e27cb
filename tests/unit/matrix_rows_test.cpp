// The outcome matrix computes one row per kind of user, in a small world holding what that row
// reads, shares it among users alike and keeps it for the next call while its inputs stay: every
// row it shows must be the row that user gets when computed alone on the whole world.
#include <catch2/catch.hpp>

#include "lab/admin_commands.hpp"
#include "lab/credentials.hpp"
#include "lab/matrix.hpp"
#include "lab/replay.hpp"
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
        if (u.id % 4 == 1) world.add_order(Order{0, world.books[u.id % world.books.size()].id, 1, u.id});
        if (u.id % 3 == 0) world.get_or_create_token(u.id, backend.random(), backend.now());
    }
    return backend;
}

// Each user's row in `matrix` against the row computed alone on the whole world. Returns how
// many distinct rows there were.
std::size_t check_every_row(const Backend& backend, const nlohmann::ordered_json& matrix, const std::string& mechanism) {
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
    return distinct.size();
}

// The default world, with the crowd unless asked not to, on a fixed clock and seed.
struct Crowd {
    explicit Crowd(bool crowd = true) {
        if (crowd) crowded(backend);
    }
    crypto::SeededRandom random{5};
    FixedClock clock{1704110400 * micros_per_second};
    Backend backend{default_world(random, auth::Argon2Cost::owasp_minimum()), clock, random};
};

void apply(Backend& backend, const json& command) {
    INFO(command.dump());
    REQUIRE(lab::apply_admin_command(backend, command).value("error", "").empty());
}

}  // namespace

TEST_CASE("every row of the outcome matrix is the row its user gets computed alone", "[lab][matrix]") {
    Crowd crowd;
    Backend& backend = crowd.backend;
    for (const std::string mechanism : {"token", "bearer", "session"}) {
        auto matrix = lab::OutcomeMatrix().of(backend, mechanism);
        CHECK(check_every_row(backend, matrix, mechanism) > 3);  // the crowd is not all alike: real differences were compared
        CHECK(matrix["rows"].size() < matrix["users"].size());  // users alike were sent once
    }
}

TEST_CASE("a group's change recomputes only the rows of that group's users", "[lab][matrix]") {
    Crowd crowd;
    Backend& backend = crowd.backend;
    lab::OutcomeMatrix matrix;
    const auto before = matrix.of(backend, "token");
    const std::size_t all_rows = matrix.rows_computed();
    CHECK(all_rows == before["rows"].size());
    CHECK(matrix.of(backend, "token") == before);
    CHECK(matrix.rows_computed() == 0);  // nothing changed, nothing ran

    apply(backend, {{"op", "save_group"}, {"name", "Customer"}, {"permissions", {"bookshop.view_book", "bookshop.add_book"}}});
    const auto after = matrix.of(backend, "token");
    const Id customers = backend.world().find_group(std::string_view("Customer"))->id;
    std::set<std::size_t> customer_rows;
    for (std::size_t i = 0; i < backend.world().users.size(); ++i) {
        const auto& groups = backend.world().users[i].groups;
        if (std::find(groups.begin(), groups.end(), customers) != groups.end()) customer_rows.insert(after["row_of"][i + 1].get<std::size_t>());
    }
    CHECK(matrix.rows_computed() == customer_rows.size());
    CHECK(matrix.rows_computed() < all_rows);
    CHECK(after == lab::OutcomeMatrix().of(backend, "token"));
    check_every_row(backend, after, "token");
}

TEST_CASE("a matrix asked again after any change equals one computed afresh", "[lab][matrix]") {
    Crowd crowd;
    Backend& backend = crowd.backend;
    lab::OutcomeMatrix matrix;
    const std::vector<std::string> mechanisms = {"token", "bearer", "session"};
    for (const std::string& mechanism : mechanisms) matrix.of(backend, mechanism);
    const Id last = backend.world().users.back().id;
    // Changes to the users the columns name (admin first, mary the Manager member, the last user
    // the POST adds), to groups and to policies.
    const std::vector<json> changes = {
        {{"op", "edit_user"}, {"id", 1}, {"groups", {"Customer"}}},
        {{"op", "edit_user"}, {"id", 1}, {"is_active", false}},
        {{"op", "edit_user"}, {"id", last}, {"groups", {"Manager"}}},
        {{"op", "edit_user"}, {"id", 2}, {"groups", json::array()}},
        {{"op", "edit_user"}, {"id", 2}, {"groups", {"Manager"}}, {"permissions", {"bookshop.delete_book"}}},
        {{"op", "rename_group"}, {"id", 1}, {"name", "Boss"}},
        {{"op", "rename_group"}, {"id", 1}, {"name", "Manager"}},
        {{"op", "save_group"}, {"name", "Editor"}, {"permissions", {"bookshop.view_book", "bookshop.delete_book"}}},
        {{"op", "delete_user"}, {"id", 3}},
        {{"op", "create_user"}, {"username", "zed"}, {"password", nullptr}, {"groups", {"Editor"}}},
        {{"op", "set_policies"},
         {"policies", {{"authentication", {"SessionAuthentication", "TokenAuthentication"}}, {"books", {{"permissions", {"IsAuthenticatedOrReadOnly"}}}}}}},
        {{"op", "delete_group"}, {"id", 2}},
    };
    for (const json& change : changes) {
        INFO(change.dump());
        apply(backend, change);
        for (const std::string& mechanism : mechanisms) CHECK(matrix.of(backend, mechanism) == lab::OutcomeMatrix().of(backend, mechanism));
        check_every_row(backend, matrix.of(backend, "token"), "token");
    }
    // A book removed and an order placed: changes made outside the admin.
    backend.world().books.erase(backend.world().books.begin());
    backend.world().add_order(Order{0, backend.world().books.front().id, 1, last});
    auto kept = matrix.of(backend, "token");
    CHECK(kept == lab::OutcomeMatrix().of(backend, "token"));
    check_every_row(backend, kept, "token");
}

TEST_CASE("with a throttle's history every user's row is computed and none is kept", "[lab][matrix]") {
    Crowd crowd;
    Backend& backend = crowd.backend;
    apply(backend, {{"op", "set_policies"},
                    {"policies", {{"authentication", {"TokenAuthentication"}}, {"throttle", {"UserRateThrottle:2/min"}}}}});
    auto carol = std::get<lab::Credentials>(lab::issue_credentials(backend, "carol", "token"));
    for (int i = 0; i < 2; ++i) backend.handle(lab::with_credentials({"GET", "/api/books/", "", {}, ""}, carol));
    REQUIRE(backend.cache().size() > 0);
    lab::OutcomeMatrix matrix;
    auto first = matrix.of(backend, "token");
    CHECK(first["rows"].size() == backend.world().users.size() + 1);
    check_every_row(backend, first, "token");
    matrix.of(backend, "token");
    CHECK(matrix.rows_computed() == backend.world().users.size() + 1);
}

TEST_CASE("a column that changes the world is undone before the next column runs", "[lab][matrix]") {
    Crowd crowd(false);
    Backend& backend = crowd.backend;
    const std::string admin = "admin";
    auto matrix = lab::OutcomeMatrix().of(backend, "token");
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

TEST_CASE("a world whose users are not in id order gets every row right", "[lab][matrix]") {
    Crowd crowd;
    Backend& backend = crowd.backend;
    auto& users = backend.world().users;
    std::reverse(users.begin(), users.end());  // a world file may list them so
    std::rotate(users.begin(), users.begin() + 4, users.end());  // first crowd31 (a Customer), then crowd30
    for (const std::string mechanism : {"token", "session"}) check_every_row(backend, lab::OutcomeMatrix().of(backend, mechanism), mechanism);
}
