// policies_problem: what makes a set of policies unable to run, in the words a learner reads.
#include <catch2/catch.hpp>

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
