// The resource views end to end, against the reference project: scenario files exercising
// BookViewSet, OrderViewSet, the Manager group views and djoser's UserViewSet run through
// the core's scenario runner and through tests/reference/run_scenarios.py; every step's
// status, JSON body and Allow / WWW-Authenticate / Content-Type headers must be the same
// (token values, where a step only expects keys, by their keys).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/runner.hpp"
#include "support/scenario_answers.hpp"
#include "support/temp_file.hpp"

using namespace authlab;

namespace {

const char* const books = R"({"name": "views-books", "setup": {"world": "default"}, "steps": [
 {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "mary", "password": "mary-pass-1"}}, "capture": {"t": "auth_token"}, "expect": {"keys": ["auth_token"]}},
 {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "carol-pass-1"}}, "capture": {"c": "auth_token"}, "expect": {"keys": ["auth_token"]}},
 {"request": {"method": "GET", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "HEAD", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}, "json": {"title": "  Emma ", "author": "Jane Austen", "price": "-0", "inventory": "7", "id": 99, "extra": true}}},
 {"request": {"method": "GET", "path": "/api/books/4/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}, "form": {"title": "Form", "author": "A", "price": "1e3", "inventory": "3.0"}}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}", "Content-Type": "multipart/form-data; boundary=B"}, "body": "--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMulti\r\n--B\r\nContent-Disposition: form-data; name=\"author\"\r\n\r\nM\r\n--B\r\nContent-Disposition: form-data; name=\"price\"\r\n\r\n.5\r\n--B\r\nContent-Disposition: form-data; name=\"inventory\"\r\n\r\n0\r\n--B--\r\n"}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}", "Content-Type": "application/json; charset=latin-1"}, "body": "{\"title\": \"caf\u00e9\", \"author\": \"x\", \"price\": 4.5, \"inventory\": 1}"}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}, "json": {"title": null, "author": ["x"], "price": "NaN", "inventory": 32768}}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}, "json": "a string"}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}, "body": "{}"}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}", "Content-Type": "application/json"}, "body": ""}},
 {"request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${t}", "Content-Type": "application/json"}, "body": "null"}},
 {"request": {"method": "PATCH", "path": "/api/books/1/", "headers": {"Authorization": "Token ${t}"}, "json": {"price": "-0.00"}}},
 {"request": {"method": "GET", "path": "/api/books/1/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "PATCH", "path": "/api/books/1/", "headers": {"Authorization": "Token ${t}"}, "form": {"inventory": ""}}},
 {"request": {"method": "PATCH", "path": "/api/books/1/", "headers": {"Authorization": "Token ${t}"}, "json": {}}},
 {"request": {"method": "PUT", "path": "/api/books/2/", "headers": {"Authorization": "Token ${t}"}, "json": {"title": "D", "author": "S", "price": 9999.99, "inventory": 0}}},
 {"request": {"method": "PUT", "path": "/api/books/2/", "headers": {"Authorization": "Token ${t}"}, "form": {"title": "D2"}}},
 {"request": {"method": "PUT", "path": "/api/books/99/", "headers": {"Authorization": "Token ${t}", "Content-Type": "application/json"}, "body": "{broken"}},
 {"request": {"method": "PUT", "path": "/api/books/2/", "headers": {"Authorization": "Token ${t}", "Content-Type": "application/json"}, "body": "{broken"}},
 {"request": {"method": "GET", "path": "/api/books/%201/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/books/+2/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/books/%D9%A3/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/books/0_3/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/books/3.0/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/books/-1/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/books/9223372036854775807/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/books/9223372036854775808/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Token ${c}"}, "json": {"book": "3", "quantity": 2}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Token ${c}"}, "json": {"book": 3.7, "quantity": "1"}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Token ${c}"}, "json": {"book": 2, "quantity": 1}}},
 {"request": {"method": "DELETE", "path": "/api/books/3/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/orders/", "headers": {"Authorization": "Token ${c}"}}},
 {"request": {"method": "DELETE", "path": "/api/books/3/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Token ${c}"}, "json": {"book": 3, "quantity": 1}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Token ${c}"}, "json": {"book": 9223372036854775808, "quantity": 1}}},
 {"request": {"method": "GET", "path": "/api/books/", "headers": {"Authorization": "Token ${t}"}}}
]})";

const char* const orders = R"({"name": "views-orders", "setup": {"world": "default",
   "policies": {"orders": {"permissions": ["AllowAny"]}, "books": {"authentication": ["SessionAuthentication"], "permissions": ["AllowAny"]}}},
 "steps": [
 {"request": {"method": "GET", "path": "/api/orders/"}},
 {"request": {"method": "POST", "path": "/api/orders/", "json": {"book": 1, "quantity": 1}}},
 {"request": {"method": "POST", "path": "/api/orders/", "json": {"book": 1, "quantity": 0}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Basic Y2Fyb2w6Y2Fyb2wtcGFzcy0x"}, "json": {"book": 1, "quantity": 5, "owner": 1}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Basic bWFyeTptYXJ5LXBhc3MtMQ=="}, "form": {"book": "2", "quantity": "1"}}},
 {"request": {"method": "GET", "path": "/api/orders/", "headers": {"Authorization": "Basic Y2Fyb2w6Y2Fyb2wtcGFzcy0x"}}},
 {"request": {"method": "GET", "path": "/api/orders/", "headers": {"Authorization": "Basic bWFyeTptYXJ5LXBhc3MtMQ=="}}},
 {"request": {"method": "GET", "path": "/api/orders/"}},
 {"request": {"method": "DELETE", "path": "/api/books/1/"}},
 {"request": {"method": "GET", "path": "/api/books/1/"}},
 {"request": {"method": "PATCH", "path": "/api/orders/", "json": {}}}
]})";

const char* const managers = R"({"name": "views-managers", "setup": {"world": "default"}, "steps": [
 {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "mary", "password": "mary-pass-1"}}, "capture": {"t": "auth_token"}, "expect": {"keys": ["auth_token"]}},
 {"request": {"method": "GET", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}, "json": {"username": " carol "}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}, "json": {"username": "carol"}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}, "json": {"username": "Carol"}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}, "json": {}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}, "json": {"username": ""}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}, "json": {"username": 5}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}, "form": {"username": "ivan"}}},
 {"request": {"method": "GET", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "DELETE", "path": "/api/groups/manager/users/4/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "DELETE", "path": "/api/groups/manager/users/4/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "DELETE", "path": "/api/groups/manager/users/abc/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "DELETE", "path": "/api/groups/manager/users/99999999999999999999/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "DELETE", "path": "/api/groups/manager/users/%205/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "PUT", "path": "/api/groups/manager/users/2/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "DELETE", "path": "/api/groups/manager/users/2/", "headers": {"Authorization": "Token ${t}"}}},
 {"request": {"method": "GET", "path": "/api/groups/manager/users/", "headers": {"Authorization": "Token ${t}"}}}
]})";

const char* const no_manager_group = R"({"name": "views-no-manager-group", "setup": {"world": "empty",
   "users": [{"username": "solo", "password": "solo-pass-1", "is_staff": true}],
   "policies": {"manager_users": {"permissions": ["DjangoModelPermissionsOrAnonReadOnly | AllowAny"]}}},
 "steps": [
 {"request": {"method": "GET", "path": "/api/groups/manager/users/"}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "json": {"username": "solo"}}},
 {"request": {"method": "POST", "path": "/api/groups/manager/users/", "json": {"username": "nobody"}}},
 {"request": {"method": "DELETE", "path": "/api/groups/manager/users/1/"}}
]})";

const char* const djoser = R"({"name": "views-djoser", "setup": {"world": "default"}, "steps": [
 {"request": {"method": "POST", "path": "/auth/users/", "json": {"username": "bob", "password": "bob-pass-1", "email": "Bob@EXAMPLE.COM"}}},
 {"request": {"method": "POST", "path": "/auth/users/", "json": {"username": "bob", "password": "x"}}},
 {"request": {"method": "POST", "path": "/auth/users/", "json": {"username": "b o b", "password": "", "email": "nope"}}},
 {"request": {"method": "POST", "path": "/auth/users/", "json": {}}},
 {"request": {"method": "POST", "path": "/auth/users/", "json": ["bob"]}},
 {"request": {"method": "POST", "path": "/auth/users/", "form": {"username": "fred", "password": " fred-pass ", "email": ""}}},
 {"request": {"method": "POST", "path": "/auth/users/", "json": {"username": "zoe", "password": "zoe-pass-1", "email": "zoe@m\u00fcnchen.de"}}},
 {"request": {"method": "GET", "path": "/auth/users/"}},
 {"request": {"method": "PUT", "path": "/auth/users/"}},
 {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "bob", "password": "bob-pass-1"}}, "capture": {"b": "auth_token"}, "expect": {"keys": ["auth_token"]}},
 {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "admin", "password": "admin-pass-1"}}, "capture": {"a": "auth_token"}, "expect": {"keys": ["auth_token"]}},
 {"request": {"method": "GET", "path": "/auth/users/", "headers": {"Authorization": "Token ${b}"}}},
 {"request": {"method": "GET", "path": "/auth/users/", "headers": {"Authorization": "Token ${a}"}}},
 {"request": {"method": "PATCH", "path": "/auth/users/", "headers": {"Authorization": "Token ${b}"}, "json": {}}},
 {"request": {"method": "POST", "path": "/auth/users/", "headers": {"Authorization": "Token ${a}"}, "json": {"username": "made-by-admin", "password": "p"}}},
 {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${a}"}}},
 {"request": {"method": "GET", "path": "/auth/users/me/"}},
 {"request": {"method": "POST", "path": "/auth/users/me/"}},
 {"request": {"method": "POST", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}}},
 {"request": {"method": "HEAD", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}}},
 {"request": {"method": "PUT", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}, "json": {"email": "new@example.com", "username": "ignored", "id": 1}}},
 {"request": {"method": "PATCH", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}, "json": {"email": "not an email"}}},
 {"request": {"method": "PUT", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}, "json": {}}},
 {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}}},
 {"request": {"method": "DELETE", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}, "json": {"current_password": "wrong"}}},
 {"request": {"method": "DELETE", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}}},
 {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Token ${b}"}, "json": {"book": 1, "quantity": 1}}},
 {"request": {"method": "DELETE", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}, "json": {"current_password": "bob-pass-1"}}},
 {"request": {"method": "GET", "path": "/auth/users/me/", "headers": {"Authorization": "Token ${b}"}}},
 {"request": {"method": "GET", "path": "/auth/users/", "headers": {"Authorization": "Token ${a}"}}},
 {"request": {"method": "POST", "path": "/auth/users/", "json": {"username": "bob", "password": "again"}}}
]})";


nlohmann::json keys_of(const nlohmann::json& body) {
    nlohmann::json keys = nlohmann::json::array();
    if (body.is_object()) {
        for (const auto& [key, value] : body.items()) keys.push_back(key);
    }
    return keys;
}

}  // namespace

TEST_CASE("the resource views answer as the reference project", "[views][scenarios][oracle]") {
    const std::vector<const char*> scenarios = {books, orders, managers, no_manager_group, djoser};
    // Each file by both runners, under the same name.
    const testing::TempDir dir;
    std::vector<std::filesystem::path> paths;
    std::vector<scenario::ScenarioFile> files;
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
        std::string name = "s";
        name.append(std::to_string(k)).append(".json");
        paths.push_back(dir.write(name, scenarios[k]));
        files.push_back({paths.back().string(), scenarios[k], ""});
    }
    const std::vector<nlohmann::json> want = testing::reference_json(paths);
    const std::vector<nlohmann::json> got = testing::core_json(files);
    REQUIRE(want.size() == scenarios.size());
    REQUIRE(got.size() == scenarios.size());
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
        const nlohmann::json steps = nlohmann::json::parse(scenarios[s])["steps"];
        REQUIRE(got[s].size() == want[s].size());
        for (std::size_t k = 0; k < want[s].size(); ++k) {
            const nlohmann::json& a = want[s][k];
            const nlohmann::json& b = got[s][k];
            INFO(nlohmann::json::parse(scenarios[s])["name"] << " step " << k + 1 << ": " << steps[k]["request"].dump());
            CHECK(b["status"] == a["status"]);
            bool keys_only = steps[k].contains("expect") && steps[k]["expect"].contains("keys");
            if (keys_only) {
                CHECK(keys_of(b["json"]) == keys_of(a["json"]));
            } else {
                CHECK(b["json"] == a["json"]);
            }
            for (const char* header : {"allow", "www-authenticate", "content-type"}) {
                CHECK(b["headers"].value(header, "") == a["headers"].value(header, ""));
            }
        }
    }
}
