// The learner-facing features over the core: admin commands, "send as" credentials, the
// outcome matrix, "Why not?" and the JWT inspector.
#include <catch2/catch.hpp>

#include "lab/admin_commands.hpp"
#include "lab/credentials.hpp"
#include "lab/jwt_inspect.hpp"
#include "lab/matrix.hpp"
#include "lab/page_json.hpp"
#include "lab/replay.hpp"
#include "lab/saved_world.hpp"
#include "lab/snapshot.hpp"
#include "lab/why_not.hpp"
#include "export/world_json.hpp"
#include "world/seed.hpp"

#include "support/lab_fixture.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

struct Fixture : testing::LabFixture {
    Fixture() : LabFixture(5) {}
    std::string saved() const { return world_to_json(backend.world()).dump(); }
};

using testing::emma;

std::vector<std::string> texts(const nlohmann::ordered_json& why) {
    std::vector<std::string> out;
    for (const auto& s : why["suggestions"]) out.push_back(s["text"]);
    return out;
}

}  // namespace

TEST_CASE("credentials issued without a password authenticate by each mechanism", "[lab]") {
    Fixture f;
    for (const char* mechanism : {"token", "bearer", "session"}) {
        INFO(mechanism);
        Exchange e = f.backend.handle(f.as("carol", mechanism, f.request("GET", "/auth/users/me/")));
        CHECK(e.response.status == 200);
        CHECK(json::parse(e.response.body)["username"] == "carol");
    }
    // A session's unsafe request carries the CSRF header a page would add.
    Exchange post = f.backend.handle(f.as("eddie", "session", f.request("POST", "/api/books/", emma)));
    CHECK(post.response.status == 201);
    CHECK(std::holds_alternative<std::string>(lab::issue_credentials(f.backend, "nobody", "token")));
    CHECK(std::holds_alternative<std::string>(lab::issue_credentials(f.backend, "carol", "basic")));
}

TEST_CASE("admin commands change the world, or nothing with a message", "[lab]") {
    Fixture f;
    auto ok = lab::apply_admin_command(f.backend, {{"op", "save_group"}, {"name", "Customer"},
                                                   {"permissions", {"bookshop.view_book", "bookshop.add_book"}}});
    CHECK(ok == nlohmann::ordered_json{{"ok", true}});
    CHECK(f.backend.world().find_group(std::string_view("Customer"))->permissions.contains("bookshop.add_book"));

    std::string before = f.saved();
    for (json bad : {json{{"op", "save_group"}, {"name", "X"}, {"permissions", {"bookshop.fly"}}},
                     json{{"op", "edit_user"}, {"id", 4}, {"groups", {"Nope"}}},
                     json{{"op", "create_user"}, {"username", "bad name!"}},
                     json{{"op", "create_user"}, {"username", "carol"}},
                     json{{"op", "rename_group"}, {"id", 1}, {"name", "Editor"}},
                     json{{"op", "set_policies"}, {"policies", {{"authentication", {"NoSuchAuth"}}}}},
                     json{{"op", "delete_user"}, {"id", 99}}, json{{"op", "fly"}}, json{{"op", 3}}, json::array()}) {
        INFO(bad.dump());
        CHECK(lab::apply_admin_command(f.backend, bad).contains("error"));
        CHECK(f.saved() == before);
    }
}

TEST_CASE("the outcome matrix says what each user would get, and changes nothing", "[lab]") {
    Fixture f;
    std::string before = f.saved();
    auto matrix = lab::OutcomeMatrix().of(f.backend, "token");
    CHECK(f.saved() == before);
    REQUIRE(matrix["users"].size() == 6);
    auto status = [&](std::size_t row, const std::string& method, const std::string& path) {
        for (std::size_t c = 0; c < matrix["endpoints"].size(); ++c) {
            if (matrix["endpoints"][c]["method"] == method && matrix["endpoints"][c]["path"] == path) return matrix["rows"][matrix["row_of"][row].get<std::size_t>()][c]["status"].get<int>();
        }
        return 0;
    };
    CHECK(status(0, "GET", "/api/books/") == 401);       // anonymous
    CHECK(status(4, "POST", "/api/books/") == 403);      // carol, Customer
    CHECK(status(3, "POST", "/api/books/") == 201);      // eddie, Editor
    CHECK(status(5, "GET", "/api/books/") == 401);       // ivan is inactive: "User inactive or deleted."
    CHECK(status(2, "GET", "/api/groups/manager/users/") == 200);  // mary, Manager

    lab::apply_admin_command(f.backend, {{"op", "save_group"}, {"name", "Customer"},
                                         {"permissions", {"bookshop.view_book", "bookshop.add_book"}}});
    matrix = lab::OutcomeMatrix().of(f.backend, "token");
    CHECK(status(4, "POST", "/api/books/") == 201);
    CHECK(lab::OutcomeMatrix().of(f.backend, "basic").contains("error"));
}

TEST_CASE("why not: a missing model permission", "[lab]") {
    Fixture f;
    http::Request post = f.as("carol", "token", f.request("POST", "/api/books/", emma));
    std::string before = f.saved();
    auto why = lab::why_not(f.backend, post);
    CHECK(f.saved() == before);
    CHECK(why["status"] == 403);
    auto t = texts(why);
    REQUIRE_FALSE(t.empty());
    CHECK(t.front() == "Add bookshop.add_book to group Customer");
    CHECK(std::find(t.begin(), t.end(), "Add carol to group Editor") != t.end());
    for (const auto& s : why["suggestions"]) CHECK(s["outcome"]["status"] == 201);

    // Applying the first suggestion really lets the request through.
    lab::apply_admin_command(f.backend, why["suggestions"][0]["change"]["command"]);
    CHECK(f.backend.handle(post).response.status == 201);
}

TEST_CASE("why not: an expired access JWT is refreshed and not swapped for somebody else", "[lab]") {
    Fixture f;
    http::Request get = f.as("carol", "bearer", f.request("GET", "/api/books/"));
    REQUIRE(f.backend.advance(301 * micros_per_second).empty());
    REQUIRE(f.backend.handle(get).response.status == 401);
    auto why = lab::why_not(f.backend, get);
    REQUIRE_FALSE(why["suggestions"].empty());
    const auto& first = why["suggestions"][0];
    CHECK(first["change"]["kind"] == "refresh_jwt");
    CHECK(first["change"]["username"] == "carol");
    CHECK(first["outcome"]["status"] == 200);

    // A token that never was good (a wrong signature) gets no refresh.
    http::Request forged = get;
    forged.headers.set("Authorization", get.headers.get("Authorization") + "x");
    auto refused = lab::why_not(f.backend, forged);  // kept alive: the loop below walks into it
    for (const auto& s : refused["suggestions"]) CHECK(s["change"]["kind"] != "refresh_jwt");
}

TEST_CASE("why not: no credentials, and a 403 that should be a 401", "[lab]") {
    Fixture f;
    auto why = lab::why_not(f.backend, f.request("GET", "/api/books/"));
    CHECK(why["status"] == 401);
    auto t = texts(why);
    CHECK(std::find(t.begin(), t.end(), "Send credentials: the request as carol (TokenAuthentication)") != t.end());
    CHECK(std::none_of(t.begin(), t.end(), [](const std::string& s) { return s.find("ivan") != std::string::npos; }));

    lab::apply_admin_command(f.backend, {{"op", "set_policies"},
                                         {"policies", {{"authentication", {"SessionAuthentication", "TokenAuthentication"}},
                                                       {"books", {{"permissions", {"DjangoModelPermissions"}}}}}}});
    why = lab::why_not(f.backend, f.request("GET", "/api/books/"));
    CHECK(why["status"] == 403);
    t = texts(why);
    CHECK(std::find(t.begin(), t.end(), "Put TokenAuthentication first, so the refusal is a 401 with a challenge") != t.end());
}

TEST_CASE("why not: the object permission of a negated group", "[lab]") {
    Fixture f;
    lab::apply_admin_command(f.backend, {{"op", "set_policies"},
                                         {"policies", {{"authentication", {"TokenAuthentication"}},
                                                       {"books", {{"permissions", {"~IsInGroup:Customer"}}}}}}});
    // On the list route, leaving the group helps.
    auto why = lab::why_not(f.backend, f.as("carol", "token", f.request("GET", "/api/books/")));
    CHECK(why["status"] == 403);
    auto t = texts(why);
    CHECK(std::find(t.begin(), t.end(), "Remove carol from group Customer") != t.end());
    // DRF 3.14's ~ also negates has_object_permission (True for IsInGroup), so every detail
    // request is refused, the superuser's too: no change of user or group helps, and none is offered.
    for (const char* user : {"carol", "admin"}) {
        auto detail = lab::why_not(f.backend, f.as(user, "token", f.request("GET", "/api/books/1/")));
        CHECK(detail["status"] == 403);
        CHECK(detail["suggestions"].empty());
    }
}

TEST_CASE("why not: another user's order names IsOwner and the owner", "[lab]") {
    Fixture f;
    REQUIRE(f.backend.handle(f.as("admin", "token", f.request("POST", "/api/orders/", R"({"book": 1, "quantity": 1})"))).response.status == 201);
    http::Request read = f.as("carol", "token", f.request("GET", "/api/orders/1/"));
    std::string before = f.saved();
    auto why = lab::why_not(f.backend, read);
    CHECK(f.saved() == before);
    CHECK(why["status"] == 403);
    CHECK(why["reason"] == "carol is not the owner of order 1 (admin is): IsOwner refuses it, whatever the model permissions allow.");
    auto t = texts(why);
    REQUIRE_FALSE(t.empty());
    CHECK(t.front() == "Send the request as admin, the owner (TokenAuthentication)");
    CHECK(why["suggestions"][0]["outcome"]["status"] == 200);
    CHECK(std::find(t.begin(), t.end(), "Make carol staff (is_staff)") != t.end());  // IsAdminUser, the other side of |
    // A model-permission refusal has no object-level reason.
    CHECK_FALSE(lab::why_not(f.backend, f.as("carol", "token", f.request("POST", "/api/books/", emma))).contains("reason"));
}

TEST_CASE("the outcome matrix asks for another user's order by id", "[lab]") {
    Fixture f;
    std::string before = f.saved();
    auto matrix = lab::OutcomeMatrix().of(f.backend, "token");
    CHECK(f.saved() == before);  // the order it places lives on a copy
    std::size_t read = 0, change = 0;
    for (std::size_t c = 0; c < matrix["endpoints"].size(); ++c) {
        const auto& e = matrix["endpoints"][c];
        if (e.value("label", "") != "another user's order") continue;
        (e["method"] == "GET" ? read : change) = c;
    }
    REQUIRE(read != 0);
    REQUIRE(change != 0);
    auto cell = [&](std::size_t row, std::size_t c) { return matrix["rows"][matrix["row_of"][row].get<std::size_t>()][c]; };
    CHECK(cell(0, read)["status"] == 401);   // anonymous
    CHECK(cell(1, read)["status"] == 200);   // admin: IsAdminUser
    CHECK(cell(2, read)["status"] == 403);   // mary: view_order, but not the owner
    CHECK(cell(4, read)["status"] == 403);   // carol
    CHECK(cell(2, change)["status"] == 403); // mary has change_order; IsOwner still refuses
    CHECK(cell(1, change)["status"] == 200);
}

TEST_CASE("the JWT inspector checks the signature and counts down on the virtual clock", "[lab]") {
    Fixture f;
    auto credentials = std::get<lab::Credentials>(lab::issue_credentials(f.backend, "eddie", "bearer"));
    std::string token = credentials.authorization->substr(7);
    auto seen = lab::inspect_jwt(f.backend, token);
    CHECK(seen["signature"] == "valid");
    CHECK(seen["payload"]["user_id"] == 3);
    CHECK(seen["header"]["alg"] == "HS256");
    CHECK(seen["expires_in"].get<double>() == Approx(300));
    CHECK(seen["problem"] == "");

    REQUIRE(f.backend.advance(301 * micros_per_second).empty());
    seen = lab::inspect_jwt(f.backend, token);
    CHECK(seen["signature"] == "valid");
    CHECK(seen["expires_in"].get<double>() < 0);
    CHECK_FALSE(seen["problem"].get<std::string>().empty());

    std::string tampered = token;
    tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
    CHECK(lab::inspect_jwt(f.backend, tampered)["signature"] == "invalid");
    CHECK(lab::inspect_jwt(f.backend, "not-a-jwt")["signature"] == "unchecked");
}

TEST_CASE("the snapshot shows what the admin shows", "[lab]") {
    Fixture f;
    auto s = lab::snapshot(f.backend);
    CHECK(s["users"][3]["username"] == "carol");
    CHECK(s["users"][3]["groups"] == nlohmann::ordered_json{"Customer"});
    CHECK(s["groups"][0]["members"] == nlohmann::ordered_json{"mary"});
    CHECK(s["permissions"].size() == 36);
    CHECK(s["users"][0]["all_permissions"].size() == 36);  // the superuser has every permission
    CHECK(s["policies"]["books"]["permissions"] == nlohmann::ordered_json{"DjangoModelPermissions"});
}

TEST_CASE("the snapshot lists a group's members once each in the users' order and names who holds each token", "[lab]") {
    Fixture f;
    World& world = f.backend.world();
    const Id customer = world.find_group(std::string_view("Customer"))->id;
    for (User& u : world.users) u.groups.push_back(customer);  // carol, a Customer already, is listed twice
    world.add_group(Group{.name = "Nobody", .permissions = {}});
    nlohmann::ordered_json everyone = nlohmann::ordered_json::array();
    for (const User& u : world.users) everyone.push_back(u.username);
    REQUIRE(std::holds_alternative<lab::Credentials>(lab::issue_credentials(f.backend, "carol", "token")));

    auto s = lab::snapshot(f.backend);
    for (const auto& group : s["groups"]) {
        if (group["name"] == "Customer") CHECK(group["members"] == everyone);
        if (group["name"] == "Nobody") CHECK(group["members"] == nlohmann::ordered_json::array());
    }
    CHECK(s["groups"].back()["name"] == "Nobody");
    REQUIRE(s["tokens"].size() == 1);
    CHECK(s["tokens"][0]["username"] == "carol");
}

TEST_CASE("a snapshot window holds the matching users of its page and counts the long lists it cuts", "[lab]") {
    Fixture f;
    World& world = f.backend.world();
    const Id customer = world.find_group(std::string_view("Customer"))->id;
    for (User& u : world.users) u.groups.push_back(customer);
    REQUIRE(std::holds_alternative<lab::Credentials>(lab::issue_credentials(f.backend, "carol", "token")));
    REQUIRE(std::holds_alternative<lab::Credentials>(lab::issue_credentials(f.backend, "mary", "token")));

    lab::SnapshotWindow window;
    window.user_filter = "AR";  // mary and carol (ASCII letters in any case), in the users' order
    window.user_offset = 1;
    window.user_limit = 1;
    window.list_limit = 2;
    auto s = lab::snapshot(f.backend, window);
    CHECK(s["user_total"] == 5);
    CHECK(s["user_count"] == 2);
    REQUIRE(s["users"].size() == 1);
    CHECK(s["users"][0]["username"] == "carol");
    CHECK_FALSE(s["users"][0]["all_permissions"].empty());
    for (const auto& group : s["groups"]) {
        if (group["name"] != "Customer") continue;
        CHECK(group["members"] == nlohmann::ordered_json{"admin", "mary"});
        CHECK(group["member_count"] == 5);
    }
    CHECK(s["token_count"] == 2);
    CHECK(s["tokens"].size() == 2);
    CHECK(s["book_count"] == 3);
    CHECK(s["books"].size() == 2);

    auto exact = lab::snapshot(f.backend, lab::snapshot_window_from_json({{"user_filter", "mary"}, {"user_exact", true}}));
    REQUIRE(exact["users"].size() == 1);
    CHECK(exact["users"][0]["username"] == "mary");
    CHECK(lab::snapshot(f.backend, lab::snapshot_window_from_json({{"user_filter", "Mary"}, {"user_exact", true}}))["user_count"] == 0);

    auto all = lab::snapshot(f.backend, lab::snapshot_window_from_json({{"user_filter", 7}, {"user_limit", "x"}}));
    CHECK(all["users"].size() == 5);  // the wrong types leave the window open
    CHECK(all["books"].size() == 3);
}

TEST_CASE("the saved world is written out again only once it changed", "[lab]") {
    Fixture f;
    const http::Request books = f.as("carol", "token", f.request("GET", "/api/books/"));  // her token is made now
    lab::SavedWorld saved;
    auto first = saved.text_if_changed(f.backend.world(), f.backend.cache());
    REQUIRE(first.has_value());
    CHECK(*first == lab::json_text(world_to_json(f.backend.world(), f.backend.cache())));
    CHECK_FALSE(saved.text_if_changed(f.backend.world(), f.backend.cache()).has_value());
    CHECK(f.backend.handle(books).response.status == 200);
    CHECK_FALSE(saved.text_if_changed(f.backend.world(), f.backend.cache()).has_value());  // a GET changed nothing
    REQUIRE_FALSE(lab::apply_admin_command(f.backend, {{"op", "save_group"}, {"name", "Auditors"}, {"permissions", nlohmann::json::array()}})
                      .contains("error"));
    auto changed = saved.text_if_changed(f.backend.world(), f.backend.cache());
    REQUIRE(changed.has_value());
    CHECK(changed->find("Auditors") != std::string::npos);
    CHECK_FALSE(saved.text_if_changed(f.backend.world(), f.backend.cache()).has_value());

    // A request that changes only the throttles' history is a change too: the history is
    // saved with the world, so a reload keeps a 429.
    f.backend.world().policies.throttle = {"UserRateThrottle:5/min"};
    REQUIRE(saved.text_if_changed(f.backend.world(), f.backend.cache()).has_value());
    CHECK(f.backend.handle(books).response.status == 200);
    auto throttled = saved.text_if_changed(f.backend.world(), f.backend.cache());
    REQUIRE(throttled.has_value());
    CHECK(throttled->find("throttle_cache") != std::string::npos);
    CHECK_FALSE(saved.text_if_changed(f.backend.world(), f.backend.cache()).has_value());
}

TEST_CASE("why not stops at its budget in a large world where nobody passes and says how much it left untried", "[lab]") {
    Fixture f;
    World& world = f.backend.world();
    const User carol = *world.find_user(std::string_view("carol"));  // a Customer: may not add books
    for (int i = 0; i < 1500; ++i) {
        User user = carol;
        user.username = "reader" + std::to_string(i);
        world.add_user(user);
    }
    for (User& u : world.users) u.is_active = u.username.rfind("reader", 0) == 0;  // only the readers may be sent as
    auto why = lab::why_not(f.backend, f.request("POST", "/api/books/", emma));
    REQUIRE(why["status"] == 401);
    CHECK(why["suggestions"].empty());
    const std::size_t tries = 1'000'000 / (world.users.size() + 1);
    REQUIRE(why.contains("untried"));
    CHECK(why["untried"] == 1500 - tries);

    Fixture small;  // five users: every candidate is tried
    CHECK_FALSE(lab::why_not(small.backend, small.request("POST", "/api/books/", emma)).contains("untried"));
}

TEST_CASE("why not: a 429 offers to wait out Retry-After or to log in", "[lab]") {
    Fixture f;
    auto answer = lab::apply_admin_command(
        f.backend, {{"op", "set_policies"},
                    {"policies", {{"authentication", {"TokenAuthentication"}},
                                  {"throttle", {"AnonRateThrottle:1/min"}},
                                  {"books", {{"permissions", {"AllowAny"}}}}}}});
    REQUIRE_FALSE(answer.contains("error"));
    CHECK(f.backend.handle(f.request("GET", "/api/books/")).response.status == 200);
    REQUIRE(f.backend.advance(15 * micros_per_second).empty());
    const http::Request again = f.request("GET", "/api/books/");
    const std::string before = f.saved();
    auto why = lab::why_not(f.backend, again);
    CHECK(why["status"] == 429);
    auto t = texts(why);
    CHECK(std::find(t.begin(), t.end(), "Wait 45 s (Retry-After), then send it again") != t.end());
    CHECK(std::find(t.begin(), t.end(), "Send credentials: the request as carol (TokenAuthentication)") != t.end());
    CHECK(f.saved() == before);  // tried on copies: the clock and the world stay
    CHECK(f.backend.handle(again).response.status == 429);  // and so does the throttle's history
}

TEST_CASE("a bad throttle rate is refused when policies are set and nothing changes", "[lab]") {
    Fixture f;
    const std::string before = f.saved();
    auto answer = lab::apply_admin_command(
        f.backend, {{"op", "set_policies"},
                    {"policies", {{"authentication", {"TokenAuthentication"}}, {"throttle", {"UserRateThrottle:3/fortnight"}}}}});
    REQUIRE(answer.contains("error"));
    CHECK(answer["error"].get<std::string>().find("bad rate '3/fortnight'") != std::string::npos);
    CHECK(f.saved() == before);
}
