// The default world's users ship with precomputed Django 3.2 hashes (as a fixture would): opening
// the world hashes nothing, and the hashes are real ones that Django itself accepts.
#include <catch2/catch.hpp>

#include "auth/passwords.hpp"
#include "support/python.hpp"
#include "world/seed.hpp"

using namespace authlab;

namespace {

// Counts the random bytes drawn: making a hash draws a salt.
class CountingRandom final : public crypto::RandomSource {
public:
    void fill(std::uint8_t* out, std::size_t size) override {
        drawn += size;
        inner.fill(out, size);
    }
    std::size_t drawn = 0;
    crypto::SeededRandom inner{11};
};

std::string seed_password(const User& user) { return user.username + "-pass-1"; }

}  // namespace

TEST_CASE("the default world at Django 3.2's cost hashes nothing and its hashes verify in the core and in real Django",
          "[seed][passwords][django]") {
    CountingRandom for_empty, for_default;
    empty_world(for_empty);
    World world = default_world(for_default);
    CHECK(for_default.drawn == for_empty.drawn);  // the SECRET_KEY only: no salt was drawn
    REQUIRE(world.users.size() == 5);

    crypto::SeededRandom random(12);
    auth::Passwords passwords(random, auth::Argon2Cost::django32());
    nlohmann::json request = {{"check", nlohmann::json::array()}};
    for (const User& user : world.users) {
        INFO(user.username << ": " << user.password);
        CHECK(user.password.starts_with("argon2$argon2id$v=19$m=102400,t=2,p=8$"));
        auth::HashCheck check = passwords.check_password(seed_password(user), user.password);
        CHECK(check.verdict == auth::Verdict::match);
        CHECK_FALSE(check.must_update);
        request["check"].push_back({seed_password(user), user.password});
        request["check"].push_back({seed_password(user) + "!", user.password});
    }
    nlohmann::json django = testing::python::ask_oracle("django_passwords.py", request);
    for (std::size_t i = 0; i < world.users.size(); ++i) {
        INFO(world.users[i].username);
        CHECK(django["checked"][2 * i] == true);
        CHECK(django["checked"][2 * i + 1] == false);
    }
}

TEST_CASE("the default world at another cost hashes the seed's passwords at that cost", "[seed][passwords]") {
    crypto::SeededRandom random(13);
    World world = default_world(random, auth::Argon2Cost::owasp_minimum());
    auth::Passwords passwords(random, world.password_cost);
    for (const User& user : world.users) {
        INFO(user.username);
        CHECK(user.password.starts_with("argon2$argon2id$v=19$m=19456,t=2,p=1$"));
        CHECK(passwords.check_password(seed_password(user), user.password).verdict == auth::Verdict::match);
    }
}
