#include "lab/matrix.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "auth/passwords.hpp"
#include "lab/matrix_inputs.hpp"
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
    if (const Group* managers = manager_group(world)) {
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

// One row, run in `world` (the whole world, or the row's part of it): the row's credentials are
// issued once on a scratch backend, then each column runs there. A request that left the world
// exactly as it was (most do: every 401, every 403, every read) lets the next one reuse it; any
// other is undone by copying the row's starting point back.
ordered_json cells_of(const Backend& original, World world, const std::vector<Endpoint>& columns, const std::string* username,
                      const std::string& mechanism) {
    Scratch scratch(original, std::move(world));
    Backend& backend = scratch.backend();
    backend.set_atomic_requests(false);  // a request that fails half-way changes the world: undone below
    std::optional<Credentials> credentials;
    if (username) credentials = std::get<Credentials>(issue_credentials(backend, *username, mechanism));
    const World start = backend.world();
    ordered_json cells = ordered_json::array();
    for (const Endpoint& endpoint : columns) {
        backend.cache() = original.cache();  // each cell meets the throttles' history as it is now
        http::Request request = request_for(endpoint);
        if (endpoint.others_order) request.path = "/api/orders/" + std::to_string(place_others_order(backend.world(), username)) + "/";
        if (credentials) request = with_credentials(std::move(request), *credentials);
        Exchange exchange = backend.handle(request);
        cells.push_back({{"status", exchange.response.status}, {"kind", exchange.trace["outcome"].value("kind", "")}});
        if (!(backend.world() == start)) backend.world() = start;
    }
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
    RowClasses(const World& world, Id member, std::string someone, bool history)
        : world_(world), member_(member), someone_(std::move(someone)), history_(history) {
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

ordered_json OutcomeMatrix::of(const Backend& backend, const std::string& mechanism) {
    if (mechanism != "token" && mechanism != "bearer" && mechanism != "session")
        return {{"error", "the matrix sends credentials as token, bearer or session"}};
    const World& world = backend.world();
    std::vector<Endpoint> columns = endpoints(world);
    ordered_json out = {{"mechanism", mechanism}, {"users", {"(anonymous)"}}, {"endpoints", ordered_json::array()},
                        {"rows", ordered_json::array()}, {"row_of", ordered_json::array()}};
    for (const Endpoint& e : columns) {
        out["endpoints"].push_back({{"method", e.method}, {"path", e.path}});
        if (!e.label.empty()) out["endpoints"].back()["label"] = e.label;
    }

    // The users the columns name: the first two (one owns the order another user's row asks
    // for), the Manager the DELETE removes, the user the POST adds.
    const Id member = manager_member(world);
    std::vector<Id> named = {member};
    for (std::size_t i = 0; i < world.users.size() && i < 2; ++i) named.push_back(world.users[i].id);
    if (!world.users.empty()) named.push_back(world.users.back().id);
    Last now{shared_world(world, named), {}};
    // Throttles remember users by id and the clock moves on: with any history in the cache,
    // every row is computed afresh and none is kept.
    const bool history = backend.cache().size() > 0;
    auto last = last_.find(mechanism);
    Last* before = !history && last != last_.end() && last->second.shared == now.shared ? &last->second : nullptr;
    rows_computed_ = 0;

    // Users alike share one row: "rows" holds each distinct row once, "row_of" the row of each
    // entry of "users" (10,000 users are a few hundred rows, not 150,000 cells).
    auto kept_row = [&](const std::string& key, const std::optional<RowInputs>& inputs) -> Row* {
        if (!before) return nullptr;
        auto found = before->rows.find(key);
        return found != before->rows.end() && found->second.inputs == inputs ? &found->second : nullptr;
    };
    auto add_row = [&](const std::string& key, std::optional<RowInputs> inputs) {
        Row& row = now.rows[key];
        if (Row* kept = kept_row(key, inputs)) {
            row = std::move(*kept);
        } else {
            const std::string* username = inputs ? &inputs->user.username : nullptr;
            row.cells = cells_of(backend, inputs ? row_world(now.shared, *inputs) : now.shared, columns, username, mechanism);
            row.inputs = std::move(inputs);
            ++rows_computed_;
        }
        out["rows"].push_back(row.cells);
    };
    add_row("(anonymous)", std::nullopt);
    out["row_of"].push_back(0);
    RowClasses classes(world, member, someone_to_add(world), history);
    std::map<std::string, std::size_t> computed;  // a row class → its index in "rows"
    for (const User& user : world.users) {
        out["users"].push_back(user.username);
        std::string key = classes.key(user);
        auto [found, fresh] = computed.try_emplace(key, out["rows"].size());
        if (fresh) add_row(key, row_inputs(world, user));
        out["row_of"].push_back(found->second);
    }
    if (history) last_.erase(mechanism);
    else last_[mechanism] = std::move(now);
    return out;
}

ordered_json outcome_row(const Backend& backend, const std::string& mechanism, const std::string* username) {
    return cells_of(backend, backend.world(), endpoints(backend.world()), username, mechanism);
}

}  // namespace authlab::lab
