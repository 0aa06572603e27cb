#include "world/world.hpp"

#include <algorithm>

namespace authlab {
namespace {

// Works for const and non-const tables alike.
template <typename Rows, typename Key, typename Field>
auto find_by(Rows& rows, const Key& key, Field field) -> decltype(&rows.front()) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.*field == key; });
    return it == rows.end() ? nullptr : &*it;
}

template <typename Row>
Id append_with_next_id(std::vector<Row>& rows, Row row, Id& next_id) {
    row.id = next_id++;
    rows.push_back(std::move(row));
    return rows.back().id;
}

}  // namespace

User* World::find_user(Id id) { return find_by(users, id, &User::id); }
const User* World::find_user(Id id) const { return find_by(users, id, &User::id); }
const User* World::find_user(std::string_view username) const { return find_by(users, username, &User::username); }
Group* World::find_group(Id id) { return find_by(groups, id, &Group::id); }
const Group* World::find_group(Id id) const { return find_by(groups, id, &Group::id); }
const Group* World::find_group(std::string_view name) const { return find_by(groups, name, &Group::name); }
const Book* World::find_book(Id id) const { return find_by(books, id, &Book::id); }

Id World::add_user(User user) { return append_with_next_id(users, std::move(user), next_ids.user); }
Id World::add_group(Group group) { return append_with_next_id(groups, std::move(group), next_ids.group); }
Id World::add_book(Book book) { return append_with_next_id(books, std::move(book), next_ids.book); }
Id World::add_order(Order order) { return append_with_next_id(orders, std::move(order), next_ids.order); }

const AuthToken& World::get_or_create_token(Id user, crypto::RandomSource& random, Micros now) {
    auto it = std::find_if(tokens.begin(), tokens.end(), [&](const AuthToken& t) { return t.user == user; });
    if (it != tokens.end()) return *it;
    tokens.push_back(AuthToken{random.hex(20), user, now});
    return tokens.back();
}

}  // namespace authlab
