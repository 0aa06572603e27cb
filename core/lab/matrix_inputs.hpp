#pragma once
// What one row of the outcome matrix reads, cut out of a world of any size. A row's cells depend
// on its own user (flags, groups with their permissions, direct permissions, orders, token,
// sessions); on the users the columns name (whose order is asked for, who is removed from or added
// to the Managers) only as who they are and whether they are Managers; and on what every row
// shares: the book the columns name, the Manager group, the policies, the key, the ids to come
// (the other books only lengthen the list a GET answers with 200). A row run in
// that small world answers as in the whole one (tests/unit/matrix_rows_test.cpp compares every
// row with its user's row computed on the whole world), for the price of a few users instead
// of 10,000, and two rows with equal inputs are the same row, so a row computed before can be kept.
#include <vector>

#include "world/world.hpp"

namespace authlab::lab {

// The group the columns under /api/groups/manager/ are about; nullptr when there is none.
const Group* manager_group(const World& world);

// A row's user and what is theirs.
struct RowInputs {
    User user;
    std::vector<Group> groups;  // the user's groups, in id order
    std::vector<Order> orders;
    std::vector<Book> books;  // the books of those orders, in id order
    std::vector<AuthToken> tokens;
    std::vector<Session> sessions;
    bool operator==(const RowInputs&) const = default;
};
RowInputs row_inputs(const World& world, const User& user);

// The world every row shares: `named` users only (in the world's order), each with no groups but
// the Manager group and no direct permissions; no orders, tokens or sessions; the Manager group;
// the first book (the one the columns name); policies, key, cost, clock and next ids as they are.
World shared_world(const World& world, const std::vector<Id>& named);

// The world one row runs in: the shared one with the row's user in it as they really are (the
// anonymous row's is the shared one).
World row_world(World shared, const RowInputs& row);

}  // namespace authlab::lab
