// Django's password hashers: the core's hashes verify in real Django and Django's in the core.
#include <catch2/catch.hpp>

#include "backends/model_backend.hpp"
#include "auth/passwords.hpp"
#include "support/python.hpp"
#include "world/seed.hpp"

using namespace authlab;
using authlab::auth::Verdict;

namespace {

// Counts the random bytes drawn: making a hash draws a salt, checking one draws nothing.
class CountingRandom final : public crypto::RandomSource {
public:
    void fill(std::uint8_t* out, std::size_t size) override {
        drawn += size;
        inner.fill(out, size);
    }
    std::size_t drawn = 0;
    crypto::SeededRandom inner{7};
};

const std::vector<std::string> sample_passwords = {"carol-pass-1", "", "pässwörd ✓", "with $ and spaces", std::string(200, 'x')};

}  // namespace

TEST_CASE("hashes made by real Django verify in the core, and the core's in Django", "[passwords][django]") {
    crypto::SystemRandom random;
    auth::Passwords passwords(random, auth::Argon2Cost::django32());

    nlohmann::json request = {{"make", nlohmann::json::array()}, {"check", nlohmann::json::array()}};
    std::vector<std::string> ours;
    for (const std::string& pw : sample_passwords) {
        request["make"].push_back({"argon2", pw});
        request["make"].push_back({"pbkdf2_sha256", pw});
        ours.push_back(passwords.make_password(pw));
        ours.push_back(passwords.make_pbkdf2_password(pw));
    }
    for (std::size_t i = 0; i < ours.size(); ++i) {
        const std::string& pw = sample_passwords[i / 2];
        request["check"].push_back({pw, ours[i]});
        request["check"].push_back({pw + "!", ours[i]});  // a wrong password must fail there too
    }
    nlohmann::json django = testing::python::ask_oracle("django_passwords.py", request);

    for (std::size_t i = 0; i < ours.size(); ++i) {
        INFO("core hash " << ours[i]);
        CHECK(django["checked"][2 * i] == true);
        CHECK(django["checked"][2 * i + 1] == false);
    }
    for (std::size_t i = 0; i < django["made"].size(); ++i) {
        std::string encoded = django["made"][i];
        const std::string& pw = sample_passwords[i / 2];
        INFO("Django hash " << encoded);
        CHECK(passwords.check_password(pw, encoded).verdict == Verdict::match);
        CHECK(passwords.check_password(pw + "!", encoded).verdict == Verdict::mismatch);
    }
}

TEST_CASE("the encoded formats are Django's", "[passwords]") {
    crypto::SeededRandom random(1);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());
    std::string argon = passwords.make_password("pw");
    CHECK(argon.starts_with("argon2$argon2id$v=19$m=19456,t=2,p=1$"));
    // salt: 22 chars of [A-Za-z0-9] in unpadded base64 (30 chars); hash: 16 bytes (22 chars)
    auto hash_start = argon.rfind('$');
    auto salt_start = argon.rfind('$', hash_start - 1);
    CHECK(hash_start - salt_start - 1 == 30);
    CHECK(argon.size() - hash_start - 1 == 22);

    std::string pbkdf2 = passwords.make_pbkdf2_password("pw");
    CHECK(pbkdf2.starts_with("pbkdf2_sha256$260000$"));
    CHECK(pbkdf2.size() - pbkdf2.rfind('$') - 1 == 44);  // 32 bytes, padded base64
}

TEST_CASE("malformed, unusable and outdated hashes", "[passwords]") {
    crypto::SeededRandom random(2);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());

    for (std::string bad : {"plain", "nosuch$abc$def", "argon2$argon2id$v=19$m=19456,t=2$c2FsdHNhbHQ$aGFzaGhhc2g",
                            "argon2$argon2x$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
                            "argon2$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
                            "argon2$argon2id$v=19$m=19456,t=2,p=1$c2Fs!!!$aGFzaGhhc2g",
                            "pbkdf2_sha256$abc$salt$hash", "pbkdf2_sha256$99999999$salt$hash", "pbkdf2_sha256$1$salt"}) {
        INFO(bad);
        auth::HashCheck check = passwords.check_password("pw", bad);
        CHECK(check.verdict == Verdict::malformed);
        CHECK_FALSE(check.problem.empty());
        CHECK(auth::encoded_password_problem(bad) == check.problem);
    }

    std::string unusable = passwords.make_unusable_password();
    CHECK(unusable.size() == 41);
    CHECK_FALSE(auth::is_password_usable(unusable));
    CHECK(passwords.check_password("", unusable).verdict == Verdict::mismatch);
    CHECK(auth::encoded_password_problem(unusable).empty());

    // A hash with other costs, or from PBKDF2, matches and asks to be upgraded (Django's setter).
    auth::Passwords stronger(random, auth::Argon2Cost{32768, 2, 1});
    CHECK(passwords.check_password("pw", stronger.make_password("pw")).must_update);
    CHECK_FALSE(passwords.check_password("pw", passwords.make_password("pw")).must_update);
    CHECK(passwords.check_password("pw", passwords.make_pbkdf2_password("pw", 1000)).must_update);
}

TEST_CASE("logging in as an unknown user runs the hasher once, as a wrong password does", "[passwords][login]") {
    CountingRandom random;
    World world = default_world(random, auth::Argon2Cost::owasp_minimum());
    auth::Passwords passwords(random, world.password_cost);

    random.drawn = 0;
    auto unknown = auth::authenticate(world, passwords, std::string("nobody"), std::string("x"));
    CHECK(unknown.outcome == auth::LoginOutcome::unknown_user);
    CHECK(random.drawn > 0);  // a salt was drawn: make_password ran

    random.drawn = 0;
    auto wrong = auth::authenticate(world, passwords, std::string("carol"), std::string("x"));
    CHECK(wrong.outcome == auth::LoginOutcome::wrong_password);
    CHECK(random.drawn == 0);  // checked against the stored hash, nothing made

    auto missing = auth::authenticate(world, passwords, std::nullopt, std::string("x"));
    CHECK(missing.outcome == auth::LoginOutcome::missing_credentials);

    auto inactive = auth::authenticate(world, passwords, std::string("ivan"), std::string("ivan-pass-1"));
    CHECK(inactive.outcome == auth::LoginOutcome::inactive);
    CHECK(inactive.user == nullptr);

    auto good = auth::authenticate(world, passwords, std::string("carol"), std::string("carol-pass-1"));
    REQUIRE(good.outcome == auth::LoginOutcome::success);
    CHECK(good.user->username == "carol");
}

TEST_CASE("a successful login upgrades an outdated hash, as Django's check_password setter does", "[passwords][login]") {
    crypto::SeededRandom random(3);
    World world = empty_world(random, auth::Argon2Cost::owasp_minimum());
    auth::Passwords passwords(random, world.password_cost);
    User user;
    user.username = "old";
    user.password = passwords.make_pbkdf2_password("pw", 1000);
    world.add_user(user);

    auth::authenticate(world, passwords, std::string("old"), std::string("wrong"));
    CHECK(world.users[0].password.starts_with("pbkdf2_sha256$"));  // unchanged on failure
    auth::authenticate(world, passwords, std::string("old"), std::string("pw"));
    CHECK(world.users[0].password.starts_with("argon2$argon2id$v=19$m=19456,t=2,p=1$"));
    CHECK(passwords.check_password("pw", world.users[0].password).verdict == Verdict::match);
}
