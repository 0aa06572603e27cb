// A batch runner's memo of hashes (auth/hash_memo.hpp): what it answers is what hashing anew
// answers, it draws the random stream as without it, and a file's output does not depend on
// the files run before it.
#include <catch2/catch.hpp>

#include "auth/hash_memo.hpp"
#include "auth/passwords.hpp"
#include "scenario/runner.hpp"

using namespace authlab;
using authlab::auth::Verdict;

namespace {

constexpr auth::Argon2Cost cheap{8, 1, 1};
constexpr auth::Argon2Cost other_cost{16, 1, 1};
const std::vector<std::string> memo_passwords = {"carol-pass-1", "", "pässwörd ✓", "with $ and spaces"};

bool same(const auth::HashCheck& a, const auth::HashCheck& b) {
    return a.verdict == b.verdict && a.problem == b.problem && a.must_update == b.must_update;
}

}  // namespace

TEST_CASE("hashes and verdicts in a batch are those computed without one, twice over", "[passwords][memo]") {
    // Every hash made and checked with a stream of salts, as the page does: no batch, no memo.
    auto play = [](std::vector<std::string>& made, std::vector<auth::HashCheck>& checked) {
        crypto::SeededRandom random{11};
        auth::Passwords passwords(random, cheap), other(random, other_cost);
        for (const std::string& raw : memo_passwords) {
            made.push_back(passwords.make_password(raw));
            made.push_back(passwords.make_pbkdf2_password(raw, 1000));
            for (const std::string& tried : {raw, raw + "x"}) {
                for (std::size_t i = made.size() - 2; i < made.size(); ++i) {
                    checked.push_back(passwords.check_password(tried, made[i]));
                    // Another preferred cost makes an Argon2 match outdated: the memo keeps costs apart.
                    checked.push_back(other.check_password(tried, made[i]));
                }
            }
        }
        return random.string_from("abcdef", 32);  // where the stream stands afterwards
    };
    std::vector<std::string> made;
    std::vector<auth::HashCheck> checked;
    std::string after = play(made, checked);
    REQUIRE(auth::HashMemo::current() == nullptr);
    CHECK(checked[0].verdict == Verdict::match);
    CHECK_FALSE(checked[0].must_update);
    CHECK(checked[1].must_update);

    auth::HashMemo::Batch batch;
    std::size_t computed = 0;
    for (int round = 0; round < 2; ++round) {  // the second round is answered from the memo
        std::vector<std::string> made_in_batch;
        std::vector<auth::HashCheck> checked_in_batch;
        CHECK(play(made_in_batch, checked_in_batch) == after);  // salts drawn alike
        CHECK(made_in_batch == made);
        REQUIRE(checked_in_batch.size() == checked.size());
        for (std::size_t i = 0; i < checked.size(); ++i) CHECK(same(checked_in_batch[i], checked[i]));
        if (round == 0) computed = batch.memo().size();
    }
    CHECK(computed > 0);
    CHECK(batch.memo().size() == computed);  // nothing new was computed the second time
}

TEST_CASE("in a batch a repeated check is computed once and a different one is computed", "[passwords][memo]") {
    crypto::SeededRandom random{3};
    auth::Passwords passwords(random, cheap);
    CHECK(auth::HashMemo::current() == nullptr);  // no batch, no memo: the page's case
    auth::HashMemo::Batch batch;
    const auth::HashMemo& memo = batch.memo();
    std::string encoded = passwords.make_password("carol-pass-1");
    REQUIRE(memo.size() == 1);
    for (int i = 0; i < 3; ++i) CHECK(passwords.check_password("carol-pass-1", encoded).verdict == Verdict::match);
    CHECK(memo.size() == 2);
    CHECK(passwords.check_password("carol-pass-2", encoded).verdict == Verdict::mismatch);
    CHECK(passwords.check_password("carol-pass-2", encoded).verdict == Verdict::mismatch);
    CHECK(memo.size() == 3);
    CHECK(passwords.check_password("carol-pass-1", "!unusable").verdict == Verdict::mismatch);  // no hashing, nothing kept
    CHECK(passwords.check_password("carol-pass-1", "nohasher$x$y").verdict == Verdict::malformed);  // unknown: no hashing
    CHECK(memo.size() == 3);
}

TEST_CASE("a scenario file prints the same bytes alone and after other files that hash the same passwords", "[scenario][memo]") {
    const std::string zoe = R"({"setup": {"users": [{"username": "zoe", "password": "zoe-pass-1"}]}, "steps": [
        {"request": {"method": "GET", "path": "/api/books/", "headers": {"Authorization": "Basic em9lOnpvZS1wYXNzLTE="}}},
        {"request": {"method": "GET", "path": "/api/books/", "headers": {"Authorization": "Basic em9lOndyb25n"}}},
        {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "mary", "password": "mary-pass-1"}}}]})";
    const std::string mary = R"({"steps": [
        {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "mary", "password": "mary-pass-1"}}},
        {"request": {"method": "POST", "path": "/auth/jwt/create/", "json": {"username": "mary", "password": "mary-pass-1"}}}]})";
    auto alone = scenario::run_scenario_files({{"zoe.json", zoe, ""}}, true);
    auto batch = scenario::run_scenario_files({{"mary.json", mary, ""}, {"zoe.json", zoe, ""}, {"zoe.json", zoe, ""}}, true);
    REQUIRE(alone.err.empty());
    REQUIRE(batch.err.empty());
    std::string mary_line = batch.out.substr(0, batch.out.find('\n') + 1);
    CHECK(batch.out == mary_line + alone.out + alone.out);
    CHECK(alone.out.starts_with("[{\"status\": 200"));  // zoe got in
}
