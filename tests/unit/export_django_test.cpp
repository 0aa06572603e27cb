// Taking the world to real Django: the fixture and code exports, and a project's dumpdata
// brought into the lab. The round trip through the real stack is tests/conformance/roundtrip.py.
#include <catch2/catch.hpp>

#include "auth/foreign_hashers.hpp"
#include "backends/model_backend.hpp"
#include "crypto/random.hpp"
#include "export/django_code.hpp"
#include "export/django_fixture.hpp"
#include "export/django_fixture_import.hpp"
#include "scenario/setup.hpp"
#include "support/django.hpp"
#include "time/iso8601.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

const World& lab_world() { return *scenario::base_world("default"); }

exporting::FixtureImport imported(const json& fixture, const World& world = lab_world()) {
    auto result = exporting::import_django_fixture(world, fixture.dump());
    if (auto* error = std::get_if<exporting::FixtureError>(&result)) FAIL(error->message);
    return std::get<exporting::FixtureImport>(std::move(result));
}

std::string import_error(std::string_view text) {
    auto result = exporting::import_django_fixture(lab_world(), text);
    auto* error = std::get_if<exporting::FixtureError>(&result);
    return error ? error->message : "";
}

bool reports(const exporting::FixtureImport& done, const std::string& words) {
    for (const std::string& line : done.report) {
        if (line.find(words) != std::string::npos) return true;
    }
    return false;
}

json user_record(const std::string& username, const std::string& password, json groups = json::array()) {
    return {{"model", "auth.user"}, {"fields", {{"username", username}, {"password", password}, {"groups", groups}}}};
}

}  // namespace

TEST_CASE("permission expressions become the same DRF operator trees in Python", "[export]") {
    // Each expression, parsed by the reference runner and written by the export, must build
    // the same OperandHolder tree: same operators, same operands, same grouping.
    const std::vector<std::string> expressions = {
        "IsAuthenticated", "IsInGroup:Manager", "~IsAdminUser", "~~IsAdminUser",
        "IsAdminUser | IsInGroup:Manager & IsAuthenticated", "(IsAdminUser | IsInGroup:Manager) & IsAuthenticated",
        "IsAdminUser & (IsAuthenticated & AllowAny)", "IsAdminUser | (IsAuthenticated | AllowAny)",
        "~(IsAdminUser | IsInGroup:it's) & ~IsInGroup:Ünïcode", "(IsAdminUser & AllowAny) | ~(~AllowAny & IsAuthenticated)",
        "DjangoModelPermissions | DjangoModelPermissionsOrAnonReadOnly & ~IsAuthenticatedOrReadOnly"};
    json pairs = json::array();
    for (const std::string& e : expressions) {
        pairs.push_back({e, exporting::python_permission(e)});
    }
    CHECK(exporting::python_permission("IsInGroup:it's") == "IsInGroup('it\\'s')");
    CHECK(exporting::python_permission("(IsAdminUser | AllowAny) & IsAuthenticated") == "(IsAdminUser | AllowAny) & IsAuthenticated");
    CHECK(exporting::python_permission("IsAdminUser & (AllowAny & IsAuthenticated)") == "IsAdminUser & (AllowAny & IsAuthenticated)");
    const std::string script = testing::django::reference_prelude() + R"(
import ast
from policies import parse_permission
code = json.load(sys.stdin)
names = {}
exec(open(code['module']).read(), names)
def shape(p):
    if hasattr(p, 'op1_class'):
        kids = [shape(p.op1_class)] + ([shape(p.op2_class)] if hasattr(p, 'op2_class') else [])
        return [p.operator_class.__name__] + kids
    if p.__name__.startswith('IsInGroup('):  # the export's: IsInGroup('name')
        return 'group:' + ast.literal_eval(p.__name__[len('IsInGroup('):-1])
    if p.__name__.startswith('IsInGroup:'):  # the reference runner's
        return 'group:' + p.__name__[len('IsInGroup:'):]
    return p.__name__
out = []
for text, python in code['pairs']:
    built = eval(python, names)
    ours = shape(built)
    theirs = shape(parse_permission(text))
    out.append([text, ours == theirs or [ours, theirs]])
print(json.dumps(out))
)";
    // The exported module gives IsInGroup and the classes; group names compare by repr/text.
    testing::TempFile module(exporting::django_code(lab_world()) + "\nfrom rest_framework.permissions import *\n", "code.py");
    json answers = json::parse(testing::python::run(script, {.input = json{{"module", module.path().string()}, {"pairs", pairs}}.dump()}));
    REQUIRE(answers.size() == pairs.size());
    for (const json& row : answers) {
        INFO(row.dump());
        CHECK(row[1] == true);
    }
}

TEST_CASE("each throttle entry becomes the DRF class the reference runner builds for it", "[export][throttle]") {
    // The exported settings and mixins, read by real DRF, must give every view the throttles
    // the reference runner builds from the policy: same classes, scopes and parsed rates, in order.
    World world = lab_world();
    world.policies.throttle = {"AnonRateThrottle:5/min", "UserRateThrottle:100/day", "AnonRateThrottle:1/second"};
    world.policies.views["books"].throttle = std::vector<std::string>{"UserRateThrottle:6/m", "AnonRateThrottle:5/minute",
                                                                      "AnonRateThrottle:-1/h", "UserRateThrottle:100/d"};
    world.policies.views["orders"].throttle = std::vector<std::string>{};
    const std::string code = exporting::django_code(world);
    CHECK(code.find("'DEFAULT_THROTTLE_RATES': {\n        'anon': '5/min',\n        'user': '100/day',\n    }") != std::string::npos);
    CHECK(code.find("class Anon1PerSecRateThrottle(AnonRateThrottle):") != std::string::npos);
    CHECK(code.find("class AnonMinus1PerHourRateThrottle(AnonRateThrottle):") != std::string::npos);
    CHECK(code.find("class Anon5PerMinRateThrottle") == std::string::npos);  // the scope's default rate: DRF's own class
    const std::string script = testing::django::reference_prelude() + R"(
from django.utils.module_loading import import_string
from rest_framework.throttling import SimpleRateThrottle
from policies import throttle_classes
data = json.load(sys.stdin)
names = {'__name__': 'exported'}
exec(open(data['module']).read(), names)
SimpleRateThrottle.THROTTLE_RATES = names['REST_FRAMEWORK']['DEFAULT_THROTTLE_RATES']
def resolve(path):  # the exported bookshop/throttles.py is the module's own names here
    return names[path.rsplit('.', 1)[1]] if path.startswith('bookshop.throttles.') else import_string(path)
def built(classes):
    return [[c.__mro__[1].__name__ if c.__module__ == 'exported' else c.__name__,
             c().scope, list(c().parse_rate(c().rate))] for c in classes]
exported = {'throttle': [resolve(p) for p in names['REST_FRAMEWORK']['DEFAULT_THROTTLE_CLASSES']]}
for key, mixin in [('books', 'BooksPolicy'), ('orders', 'OrdersPolicy'), ('manager_users', 'ManagerUsersPolicy')]:
    exported[key] = vars(names[mixin]).get('throttle_classes')
out = {}
for key, entries in data['policies'].items():
    reference = throttle_classes(entries, key) if entries is not None else None
    ours = exported[key]
    out[key] = [built(ours) if ours is not None else None, built(reference) if reference is not None else None]
print(json.dumps(out))
)";
    json policies = {{"throttle", world.policies.throttle},
                     {"books", *world.policies.views["books"].throttle},
                     {"orders", json::array()},
                     {"manager_users", nullptr}};
    testing::TempFile module(code, "code.py");
    json answers = json::parse(testing::python::run(script, {.input = json{{"module", module.path().string()}, {"policies", policies}}.dump()}));
    for (const auto& [key, pair] : answers.items()) {
        INFO(key << ": " << pair.dump());
        CHECK(pair[0] == pair[1]);
    }
    CHECK(answers["books"][0].size() == 4);
    CHECK(answers["books"][0][2] == json::array({"AnonRateThrottle", "anon", {-1, 3600}}));
    CHECK(answers["manager_users"][0].is_null());
}

TEST_CASE("the fixture names permissions, groups and users by their natural keys", "[export]") {
    json fixture = exporting::django_fixture(lab_world());
    REQUIRE(fixture.size() == 3 + 5 + 3);  // groups, users, books; no tokens or orders yet
    CHECK(fixture[0]["model"] == "auth.group");
    CHECK(fixture[0]["fields"]["permissions"][0] == json::array({"add_book", "bookshop", "book"}));
    const json& mary = fixture[4];
    CHECK(mary["model"] == "auth.user");
    CHECK(mary["pk"] == 2);
    CHECK(mary["fields"]["groups"] == json::array({json::array({"Manager"})}));
    CHECK(mary["fields"]["password"] == lab_world().users[1].password);
    CHECK(fixture[8]["fields"]["price"] == "7.99");
}

TEST_CASE("Django's timestamps are written as DjangoJSONEncoder writes them and read back", "[export]") {
    CHECK(django_json_datetime(1'704'110'400'123'456) == "2024-01-01T12:00:00.123Z");
    CHECK(django_json_datetime(0) == "1970-01-01T00:00:00Z");
    CHECK(parse_iso_datetime("2024-01-01T12:00:00.123Z") == 1'704'110'400'123'000);
    CHECK(parse_iso_datetime("2024-01-01T13:30:00+01:30") == 1'704'110'400'000'000);
    CHECK(parse_iso_datetime("2024-02-29T00:00:00") == 1'709'164'800'000'000);
    for (const char* bad : {"2023-02-29T00:00:00Z", "2024-01-01", "2024-01-01T24:00:00Z", "2024-01-01T12:00:00.1234567Z",
                            "2024-01-01T12:00:00Zjunk", "0000-01-01T00:00:00Z"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso_datetime(bad));
    }
}

TEST_CASE("a login against another hasher's hash answers as the reference project does", "[export][passwords]") {
    // The reference project's PASSWORD_HASHERS decide: MD5 is not listed (check_password is
    // False), bcrypt_sha256 is listed but bcrypt is not installed (ValueError escapes).
    const std::string md5 = "md5$eVG7WOb6UMNmTGIMtOhQBn$eeb9e602c85c954c9ee3985108bc7723";
    const std::string bcrypt = "bcrypt_sha256$$2b$12$9Jm1zP6XjA1mAcM8gJcQWOYbq0l0b0Tq2h2t1fY8o0wzvV1Jd6qOa";
    const std::string script = testing::django::reference_prelude() + R"(
from django.contrib.auth.hashers import check_password, identify_hasher
out = []
for encoded in json.load(sys.stdin):
    try:
        identify_hasher(encoded)
        named = None
    except ValueError as e:
        named = str(e)
    try:
        out.append([named, check_password('legacy-pass-1', encoded), None])
    except ValueError as e:
        out.append([named, None, str(e)])
print(json.dumps(out))
)";
    json django = json::parse(testing::python::run(script, {.input = json::array({md5, bcrypt, "", "0324865c3f5d7132aa85a75ea428f000"}).dump()}));
    crypto::SeededRandom random(5);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());

    auth::HashCheck check = passwords.check_password("legacy-pass-1", md5);
    CHECK(check.verdict == auth::Verdict::mismatch);
    CHECK(django[0][1] == false);
    CHECK(django[0][0] == check.problem);
    CHECK(auth::foreign_algorithm(md5) == "md5");

    CHECK(django[1][1].is_null());
    CHECK_THROWS_WITH(passwords.check_password("legacy-pass-1", bcrypt), "ValueError: " + django[1][2].get<std::string>());

    CHECK(django[2][1] == false);
    CHECK(passwords.check_password("", "").verdict == auth::Verdict::mismatch);
    CHECK(django[3][1] == false);
    CHECK(auth::foreign_algorithm("0324865c3f5d7132aa85a75ea428f000") == "unsalted_md5");
    CHECK(auth::encoded_password_problem(md5).empty());
    CHECK_FALSE(auth::encoded_password_problem("nosuch$x$y").empty());
}

TEST_CASE("a fixture with natural keys adds and replaces groups and users by name", "[export][import]") {
    json fixture = json::array({
        {{"model", "auth.group"}, {"fields", {{"name", "Editor"}, {"permissions", {{"view_book", "bookshop", "book"}}}}}},
        {{"model", "auth.group"}, {"fields", {{"name", "Writers"}, {"permissions", {{"add_post", "blog", "post"}, {"add_book", "bookshop", "book"}}}}}},
        user_record("carol", "md5$salt$0123", json::array({json::array({"Writers"})})),
        user_record("zoe", "pbkdf2_sha256$260000$salt$aGFzaA==", json::array({json::array({"Editor"})})),
        {{"model", "authtoken.token"}, {"pk", "0123456789abcdef0123456789abcdef01234567"},
         {"fields", {{"user", {"zoe"}}, {"created", "2024-01-01T12:00:00Z"}}}},
        {{"model", "admin.logentry"}, {"pk", 1}, {"fields", json::object()}},
    });
    exporting::FixtureImport done = imported(fixture);
    const World& world = done.world;
    REQUIRE(world.groups.size() == 4);
    CHECK(world.find_group("Editor")->id == 2);
    CHECK(world.find_group("Editor")->permissions == std::set<std::string>{"bookshop.view_book"});
    CHECK(world.find_group("Writers")->permissions == std::set<std::string>{"bookshop.add_book"});
    const User* carol = world.find_user("carol");
    CHECK(carol->id == 4);  // replaced in place: her id (and her orders) stay
    CHECK(carol->password == "md5$salt$0123");
    CHECK(carol->groups == std::vector<Id>{world.find_group("Writers")->id});
    CHECK(world.find_user("zoe")->id == 6);
    REQUIRE(world.tokens.size() == 1);
    CHECK(world.tokens[0].user == 6);
    CHECK(world.tokens[0].created == 1'704'110'400'000'000);
    CHECK(reports(done, "permission blog.add_post (model blog.post) is not in the lab"));
    CHECK(reports(done, "User \"carol\": a hash of MD5PasswordHasher (md5), kept as stored"));
    CHECK(reports(done, "Unknown password hashing algorithm 'md5'"));
    CHECK(reports(done, "User \"zoe\": a PBKDF2 hash"));
    CHECK(reports(done, "admin.logentry (1)"));
}

TEST_CASE("a fixture with numeric ids reads its contenttypes and permissions", "[export][import]") {
    json fixture = json::array({
        {{"model", "contenttypes.contenttype"}, {"pk", 7}, {"fields", {{"app_label", "bookshop"}, {"model", "book"}}}},
        {{"model", "contenttypes.contenttype"}, {"pk", 8}, {"fields", {{"app_label", "shop"}, {"model", "item"}}}},
        {{"model", "auth.permission"}, {"pk", 30}, {"fields", {{"codename", "delete_book"}, {"content_type", 7}, {"name", "x"}}}},
        {{"model", "auth.permission"}, {"pk", 31}, {"fields", {{"codename", "add_item"}, {"content_type", 8}, {"name", "x"}}}},
        {{"model", "auth.group"}, {"pk", 3}, {"fields", {{"name", "Cleaners"}, {"permissions", {30, 31}}}}},
        {{"model", "auth.user"}, {"pk", 9}, {"fields", {{"username", "kim"}, {"password", "!unusable"}, {"groups", {3}}, {"user_permissions", {30}}}}},
        {{"model", "authtoken.token"}, {"pk", "89abcdef0123456789abcdef0123456789abcdef"}, {"fields", {{"user", 9}, {"created", "2024-01-01T12:00:00.5Z"}}}},
    });
    exporting::FixtureImport done = imported(fixture);
    const User* kim = done.world.find_user("kim");
    REQUIRE(kim);
    CHECK(kim->permissions == std::set<std::string>{"bookshop.delete_book"});
    CHECK(done.world.find_group(kim->groups.at(0))->name == "Cleaners");
    CHECK(done.world.find_group("Cleaners")->permissions == std::set<std::string>{"bookshop.delete_book"});
    CHECK(done.world.tokens.at(0).user == kim->id);
    CHECK(reports(done, "permission shop.add_item (model shop.item) is not in the lab (its apps are auth, authtoken, bookshop, contenttypes, sessions)"));
}

TEST_CASE("a bad fixture is refused with where and why, and nothing of it applied", "[export][import]") {
    const std::string big(exporting::max_fixture_bytes + 1, ' ');
    CHECK(import_error(big) == "the file is larger than 4 MiB");
    CHECK(import_error(std::string(100, '[') + std::string(100, ']')).find("nested deeper than 12 levels") != std::string::npos);
    CHECK(import_error("{").starts_with("not valid JSON"));
    CHECK(import_error("{}") == "the file: expected a list");
    auto error_of = [](const json& fixture) { return import_error(fixture.dump()); };
    CHECK(error_of(json::array({user_record("", "")})) == "record 1 (auth.user).fields.username: must not be empty");
    CHECK(error_of(json::array({user_record("a", "plain")})) == "record 1 (auth.user).fields.password: not a Django password hash (algorithm$…)");
    CHECK(error_of(json::array({user_record("a", ""), user_record("a", "")})) == "record 2 (auth.user).fields.username: a second user named \"a\"");
    CHECK(error_of(json::array({user_record("a", "", json::array({4}))})) ==
          "record 1 (auth.user).fields.groups[0]: group 4 is not among the file's auth.group records");
    CHECK(error_of(json::array({user_record("a", "", json::array({json::array({"Nobody"})}))})) ==
          "User \"a\": no group named \"Nobody\" in the file or the lab");
    CHECK(error_of(json::array({{{"model", "authtoken.token"}, {"pk", "XYZ"}, {"fields", {{"user", {"carol"}}, {"created", "2024-01-01T12:00:00Z"}}}}})) ==
          "record 1 (authtoken.token).pk: expected 40 lowercase hex characters, as DRF makes token keys");
    CHECK(error_of(json::array({{{"model", "authtoken.token"}, {"pk", std::string(40, 'a')}, {"fields", {{"user", {"carol"}}, {"created", "yesterday"}}}}})) ==
          "record 1 (authtoken.token).fields.created: expected a date and time like \"2024-01-01T12:00:00.000Z\"");
    json many = json::array();
    for (std::size_t i = 0; i <= exporting::max_imported_users; ++i) many.push_back(user_record("u" + std::to_string(i), ""));
    CHECK(error_of(many) == "the file has more than 5000 users");
    // An error late in the file leaves the world as it was: the import works on a copy.
    World before = lab_world();
    auto result = exporting::import_django_fixture(before, json::array({user_record("new", ""), user_record("", "")}).dump());
    CHECK(std::holds_alternative<exporting::FixtureError>(result));
    CHECK(before.users.size() == lab_world().users.size());
}

TEST_CASE("a PBKDF2-SHA1 hash from Django checks as Django checks it", "[export][passwords]") {
    // Made by Django's PBKDF2SHA1PasswordHasher for "legacy-pass-1"; the reference lists it.
    const std::string encoded = "pbkdf2_sha1$260000$Xq3kLm9PzR2vT8wY5nB7cD$NLXoUynbgBSmEqJT8AAVOV7qaSg=";
    const std::string script = testing::django::reference_prelude() + R"(
from django.contrib.auth.hashers import check_password
encoded = sys.stdin.read()
print(json.dumps([check_password('legacy-pass-1', encoded), check_password('wrong', encoded)]))
)";
    CHECK(json::parse(testing::python::run(script, {.input = encoded})) == json::array({true, false}));
    crypto::SeededRandom random(6);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());
    auth::HashCheck right = passwords.check_password("legacy-pass-1", encoded);
    CHECK(right.verdict == auth::Verdict::match);
    CHECK(right.must_update);  // not the preferred hasher: Django's setter rehashes it
    CHECK(passwords.check_password("wrong", encoded).verdict == auth::Verdict::mismatch);
    CHECK(passwords.check_password("legacy-pass-1", "pbkdf2_sha1$0$salt$x").verdict == auth::Verdict::malformed);
}
