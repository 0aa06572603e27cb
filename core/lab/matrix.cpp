#include "lab/matrix.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "auth/passwords.hpp"
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
// The Manager the DELETE column removes (the first member; 1 when there is none).
Id manager_member(const World& world) {
    if (const Group* managers = world.find_group(std::string_view("Manager"))) {
        for (const User& u : world.users) {
            if (std::find(u.groups.begin(), u.groups.end(), managers->id) != u.groups.end()) return u.id;
        }
    }
    return 1;
}

// The user the POST column adds to the Managers.
std::string someone_to_add(const World& world) { return world.users.empty() ? "carol" : world.users.back().username; }

std::vector<Endpoint> endpoints(const World& world) {
    std::string book = world.books.empty() ? "1" : std::to_string(world.books.front().id);
    Id member = manager_member(world);
    std::string someone = someone_to_add(world);
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

ordered_json cells_of(const Backend& backend, const std::vector<Endpoint>& columns, const std::string* username,
                      const std::string& mechanism) {
    ordered_json cells = ordered_json::array();
    for (const Endpoint& e : columns) cells.push_back(cell(backend, e, username, mechanism));
    return cells;
}

// Rows that cannot differ share one computation. A cell's answer depends on its user only
// through what this key holds: the flags, groups and permissions the permission classes read,
// whether the user is one the columns name (the first user, whose "other user" is the second;
// the Manager member the DELETE removes; the user the POST adds), and the rows of theirs a
// request may find (orders, a token, sessions). The id, username, email and hash only change
// the random parts of the credentials, never a status. Throttles remember users by id, so
// with any history in the cache every row is computed.
class RowClasses {
public:
    RowClasses(const Backend& backend, Id member, std::string someone)
        : world_(backend.world()), member_(member), someone_(std::move(someone)), history_(backend.cache().size() > 0) {
        for (const Order& o : world_.orders) ++orders_[o.owner];
        for (const AuthToken& t : world_.tokens) ++tokens_[t.user];
        for (const Session& s : world_.sessions) ++sessions_[s.user];
    }

    std::string key(const User& user) const {
        if (history_) return "user " + user.username;
        std::vector<Id> groups = user.groups;
        std::sort(groups.begin(), groups.end());
        std::string out = {user.is_active ? 'a' : '-', user.is_staff ? 's' : '-', user.is_superuser ? 'S' : '-',
                           auth::is_password_usable(user.password) ? 'p' : '-',
                           &user == &world_.users.front() ? 'F' : '-', user.id == member_ ? 'M' : '-',
                           user.username == someone_ ? 'O' : '-'};
        for (const auto* counts : {&orders_, &tokens_, &sessions_}) {
            auto found = counts->find(user.id);
            out += " " + std::to_string(found == counts->end() ? 0 : found->second);
        }
        for (Id g : groups) out += " g" + std::to_string(g);
        for (const std::string& p : user.permissions) out += " p" + std::to_string(p.size()) + ":" + p;
        return out;
    }

private:
    const World& world_;
    Id member_;
    std::string someone_;
    bool history_;
    std::map<Id, int> orders_, tokens_, sessions_;
};

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

    auto row = [&](const std::string* username) { return cells_of(backend, columns, username, mechanism); };
    out["cells"].push_back(row(nullptr));
    RowClasses classes(backend, manager_member(world), someone_to_add(world));
    std::map<std::string, std::size_t> computed;  // a row class → the index of its row in "cells"
    for (const User& user : world.users) {
        out["users"].push_back(user.username);
        auto [found, fresh] = computed.try_emplace(classes.key(user), out["cells"].size());
        out["cells"].push_back(fresh ? row(&user.username) : out["cells"][found->second]);
    }
    return out;
}

ordered_json outcome_row(const Backend& backend, const std::string& mechanism, const std::string* username) {
    return cells_of(backend, endpoints(backend.world()), username, mechanism);
}

}  // namespace authlab::lab
