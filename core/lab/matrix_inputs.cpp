#include "lab/matrix_inputs.hpp"

#include <algorithm>

namespace authlab::lab {
namespace {

// Puts each of `items` into `into` (kept in id order) unless one with its id is there already.
template <typename Row>
void merge_by_id(std::vector<Row>& into, const std::vector<Row>& items) {
    for (const Row& item : items) {
        auto at = std::lower_bound(into.begin(), into.end(), item.id, [](const Row& r, Id id) { return r.id < id; });
        if (at == into.end() || at->id != item.id) into.insert(at, item);
    }
}

template <typename Row>
std::vector<Row> owned_by(const std::vector<Row>& rows, Id user, Id Row::*owner) {
    std::vector<Row> out;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(out), [&](const Row& r) { return r.*owner == user; });
    return out;
}

}  // namespace

const Group* manager_group(const World& world) { return world.find_group(std::string_view("Manager")); }

RowInputs row_inputs(const World& world, const User& user) {
    RowInputs row{user, {}, owned_by(world.orders, user.id, &Order::owner), {}, owned_by(world.tokens, user.id, &AuthToken::user),
                  owned_by(world.sessions, user.id, &Session::user)};
    std::vector<Group> groups;
    for (Id id : user.groups) {
        if (const Group* group = world.find_group(id)) groups.push_back(*group);
    }
    merge_by_id(row.groups, groups);
    std::vector<Book> books;
    for (const Order& order : row.orders) {
        if (const Book* book = world.find_book(order.book)) books.push_back(*book);
    }
    merge_by_id(row.books, books);
    return row;
}

World shared_world(const World& world, const std::vector<Id>& named) {
    World shared;
    if (!world.books.empty()) shared.books.push_back(world.books.front());
    shared.policies = world.policies;
    shared.secret_key = world.secret_key;
    shared.password_cost = world.password_cost;
    shared.clock_offset = world.clock_offset;
    shared.next_ids = world.next_ids;
    const Group* managers = manager_group(world);
    if (managers) shared.groups.push_back(*managers);
    for (const User& user : world.users) {
        if (std::find(named.begin(), named.end(), user.id) == named.end()) continue;
        User& who = shared.users.emplace_back(user);
        who.permissions.clear();
        std::erase_if(who.groups, [&](Id g) { return !managers || g != managers->id; });
    }
    return shared;
}

World row_world(World shared, const RowInputs& row) {
    // A named user is replaced where they stand, so the named users keep their order (the
    // columns pick the first of them); a world file may list users in any order.
    auto self = std::find_if(shared.users.begin(), shared.users.end(), [&](const User& u) { return u.id == row.user.id; });
    if (self != shared.users.end()) *self = row.user;
    else shared.users.insert(std::find_if(shared.users.begin(), shared.users.end(), [&](const User& u) { return u.id > row.user.id; }), row.user);
    merge_by_id(shared.groups, row.groups);
    merge_by_id(shared.orders, row.orders);
    merge_by_id(shared.books, row.books);
    shared.tokens = row.tokens;
    shared.sessions = row.sessions;
    return shared;
}

}  // namespace authlab::lab
