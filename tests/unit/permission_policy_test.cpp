// policies_problem: what makes a set of policies unable to run, in the words a learner reads.
#include <catch2/catch.hpp>

#include "backend.hpp"
#include "drf/permissions.hpp"
#include "drf/policy_check.hpp"
#include "world/seed.hpp"

using namespace authlab;

TEST_CASE("the default policies run and broken ones say why", "[permission][policy]") {
    CHECK(drf::policies_problem(default_policies()).empty());
    CHECK(drf::policy_view_names() == std::vector<std::string>{"books", "orders", "manager_users"});

    Policies p = default_policies();
    p.authentication.push_back("DigestAuthentication");
    CHECK(drf::policies_problem(p) == "authentication: unknown authentication class 'DigestAuthentication'");

    p = default_policies();
    p.views["orders"].authentication = std::vector<std::string>{"BasicAuthentication", "OAuth"};
    CHECK(drf::policies_problem(p) == "orders: unknown authentication class 'OAuth'");

    p = default_policies();
    p.views["orders"].authentication = std::vector<std::string>{};  // no authenticators at all is a policy too
    p.views["books"].permissions = {};
    CHECK(drf::policies_problem(p).empty());

    p = default_policies();
    p.views["comments"] = {};
    CHECK(drf::policies_problem(p) == "unknown policy key 'comments'");

    p = default_policies();
    p.views["manager_users"].permissions = {"IsAuthenticated", "IsAdminUser |"};
    CHECK(drf::policies_problem(p) == "manager_users: permission \"IsAdminUser |\": expected a permission class after '|' at column 14");

    p = default_policies();
    p.views["books"].permissions = {"~IsInGroup:Customer & (DjangoModelPermissions | IsAdminUser)"};
    CHECK(drf::policies_problem(p).empty());

    // djoser's class guards djoser's views, but a policy cannot name it (nor can the reference's).
    CHECK(drf::parse_permission("CurrentUserOrAdmin").permission != nullptr);
    p.views["books"].permissions = {"CurrentUserOrAdmin"};
    CHECK(drf::policies_problem(p) == "books: permission \"CurrentUserOrAdmin\": unknown permission class 'CurrentUserOrAdmin'");
}

namespace {

// A request to the books list with a world whose policies skipped every loader's check.
Exchange send_with_policies(const Policies& policies, const std::string& method) {
    crypto::SeededRandom random{5};
    FixedClock clock{1'704'110'400LL * micros_per_second};
    World world = default_world(random, auth::Argon2Cost::owasp_minimum());
    world.policies = policies;
    Backend backend{std::move(world), clock, random};
    http::Request request;
    request.method = method;
    request.path = "/api/books/";
    if (method == "POST") {
        request.headers.add("Content-Type", "application/json");
        request.body = R"({"title": "Dracula", "author": "Stoker", "price": "9.99"})";
    }
    return backend.handle(request);
}

}  // namespace

TEST_CASE("a request meeting an unbuildable policy entry answers 500 and lets nothing through", "[permission][policy]") {
    std::vector<Policies> broken(4, default_policies());
    broken[0].views["books"].permissions = {"AllowAny", "IsAdminUser |"};  // the second would refuse
    broken[1].views["books"].permissions = {"AllowAny", "NoSuchPermission"};
    broken[2].authentication.push_back("DigestAuthentication");
    broken[3].views["books"].permissions = {"AllowAny"};
    broken[3].throttle = {"AnonRateThrottle:never"};
    for (const Policies& policies : broken) {
        REQUIRE_FALSE(drf::policies_problem(policies).empty());
        for (const std::string method : {"GET", "POST"}) {
            Exchange exchange = send_with_policies(policies, method);
            INFO(method << " " << drf::policies_problem(policies));
            CHECK(exchange.response.status == 500);
            CHECK(exchange.trace["outcome"]["status"] == 500);
            CHECK(exchange.trace["steps"].back()["summary"].get<std::string>().find("cannot be built") != std::string::npos);
        }
    }
    // The same world with the entry fixed answers: the 500 came from the entry alone.
    Policies fixed = broken[1];
    fixed.views["books"].permissions = {"AllowAny"};
    CHECK(send_with_policies(fixed, "GET").response.status == 200);
}
