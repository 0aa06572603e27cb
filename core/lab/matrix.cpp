#include "lab/matrix.hpp"

#include <algorithm>

#include "lab/replay.hpp"

namespace authlab::lab {
namespace {

using nlohmann::ordered_json;

struct Endpoint {
    std::string method;
    std::string path;
    ordered_json body;  // null: none
    // "another user's order": before the request, an order owned by someone other than the
    // row's user is placed, and the request names it by id (the path's "<id>").
    bool others_order = false;
    std::string label;  // words for the column, when the path alone does not say it
};

// api.md's endpoints with bodies that pass validation, aimed at rows that exist now.
std::vector<Endpoint> endpoints(const World& world) {
    std::string book = world.books.empty() ? "1" : std::to_string(world.books.front().id);
    Id member = 1;
    if (const Group* managers = world.find_group(std::string_view("Manager"))) {
        for (const User& u : world.users) {
            if (std::find(u.groups.begin(), u.groups.end(), managers->id) != u.groups.end()) {
                member = u.id;
                break;
            }
        }
    }
    std::string someone = world.users.empty() ? "carol" : world.users.back().username;
    ordered_json new_book = {{"title", "Emma"}, {"author", "Jane Austen"}, {"price", "4.50"}, {"inventory", 2}};
    return {
        {"GET", "/api/books/", nullptr},
        {"POST", "/api/books/", new_book},
        {"GET", "/api/books/" + book + "/", nullptr},
        {"PUT", "/api/books/" + book + "/", new_book},
        {"PATCH", "/api/books/" + book + "/", {{"inventory", 5}}},
        {"DELETE", "/api/books/" + book + "/", nullptr},
        {"GET", "/api/orders/", nullptr},
        {"POST", "/api/orders/", {{"book", world.books.empty() ? 1 : world.books.front().id}, {"quantity", 1}}},
        {"GET", "/api/orders/<id>/", nullptr, true, "another user's order"},
        {"PATCH", "/api/orders/<id>/", {{"quantity", 2}}, true, "another user's order"},
        {"GET", "/api/groups/manager/users/", nullptr},
        {"POST", "/api/groups/manager/users/", {{"username", someone}}},
        {"DELETE", "/api/groups/manager/users/" + std::to_string(member) + "/", nullptr},
        {"GET", "/auth/users/me/", nullptr},
        {"GET", "/auth/users/", nullptr},
    };
}

http::Request request_for(const Endpoint& endpoint) {
    http::Request request{endpoint.method, endpoint.path, "", {}, ""};
    if (!endpoint.body.is_null()) {
        request.headers.set("Content-Type", "application/json");
        request.body = endpoint.body.dump();
    }
    return request;
}

// Places an order for the first user who is not `username` (anyone, for the anonymous row):
// the order a request "by id" would have to be refused. Its id; 0 when the world has no other
// user or no book, so the request finds nothing (404).
Id place_others_order(World& world, const std::string* username) {
    auto other = std::find_if(world.users.begin(), world.users.end(), [&](const User& u) { return !username || u.username != *username; });
    if (other == world.users.end() || world.books.empty()) return 0;
    Order order;
    order.book = world.books.front().id;
    order.quantity = 1;
    order.owner = other->id;
    return world.add_order(order);
}

ordered_json cell(const Backend& original, const Endpoint& endpoint, const std::string* username, const std::string& mechanism) {
    Scratch scratch(original);
    http::Request request = request_for(endpoint);
    if (endpoint.others_order) request.path = "/api/orders/" + std::to_string(place_others_order(scratch.backend().world(), username)) + "/";
    if (username) {
        auto credentials = issue_credentials(scratch.backend(), *username, mechanism);
        request = with_credentials(std::move(request), std::get<Credentials>(credentials));
    }
    Exchange exchange = scratch.backend().handle(request);
    return {{"status", exchange.response.status}, {"kind", exchange.trace["outcome"].value("kind", "")}};
}

}  // namespace

ordered_json outcome_matrix(const Backend& backend, const std::string& mechanism) {
    if (mechanism != "token" && mechanism != "bearer" && mechanism != "session")
        return {{"error", "the matrix sends credentials as token, bearer or session"}};
    const World& world = backend.world();
    std::vector<Endpoint> columns = endpoints(world);
    ordered_json out = {{"mechanism", mechanism}, {"users", {"(anonymous)"}}, {"endpoints", ordered_json::array()},
                        {"cells", ordered_json::array()}};
    for (const Endpoint& e : columns) {
        out["endpoints"].push_back({{"method", e.method}, {"path", e.path}});
        if (!e.label.empty()) out["endpoints"].back()["label"] = e.label;
    }

    auto row = [&](const std::string* username) {
        ordered_json cells = ordered_json::array();
        for (const Endpoint& e : columns) cells.push_back(cell(backend, e, username, mechanism));
        out["cells"].push_back(cells);
    };
    row(nullptr);
    for (const User& user : world.users) {
        out["users"].push_back(user.username);
        row(&user.username);
    }
    return out;
}

}  // namespace authlab::lab
