#pragma once
// Everything the in-page backend holds: Django's tables (users, groups, the bookshop, DRF's
// tokens, sessions), the views' policies, the SECRET_KEY and the virtual clock's offset.
// It is plain data; the rules live in auth/, drf/ and views/.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/password_hashers.hpp"
#include "auth/user.hpp"
#include "crypto/random.hpp"
#include "time/clock.hpp"

namespace authlab {

using auth::Group;
using auth::Id;
using auth::User;

struct Book {
    Id id = 0;
    std::string title;
    std::string author;
    std::string price;  // decimal text with two places, as DRF answers it: "7.99"
    int inventory = 0;
    bool operator==(const Book&) const = default;
};

struct Order {
    Id id = 0;
    Id book = 0;
    int quantity = 0;
    Id owner = 0;
    bool operator==(const Order&) const = default;
};

// DRF's authtoken.Token: one per user.
struct AuthToken {
    std::string key;  // 40 lowercase hex
    Id user = 0;
    Micros created = 0;
    bool operator==(const AuthToken&) const = default;
};

// A row of django_session holding a logged-in user (Django's session auth keys).
struct Session {
    std::string key;        // 32 [a-z0-9]
    Id user = 0;            // _auth_user_id
    std::string auth_hash;  // _auth_user_hash: the session ends when the password changes
    Micros expires = 0;
    bool operator==(const Session&) const = default;
};

// A view's authentication_classes, permission_classes and throttle_classes. `authentication`
// (`throttle`) unset means the global list (DEFAULT_AUTHENTICATION_CLASSES,
// DEFAULT_THROTTLE_CLASSES); no permissions means everything is allowed.
struct ViewPolicy {
    std::optional<std::vector<std::string>> authentication;
    std::vector<std::string> permissions;  // each an expression: "IsAdminUser | IsInGroup:Manager"
    std::optional<std::vector<std::string>> throttle;  // each "AnonRateThrottle:5/min" or "UserRateThrottle:…"
    bool operator==(const ViewPolicy&) const = default;
};

struct Policies {
    std::vector<std::string> authentication;  // the global list
    std::vector<std::string> throttle;        // the global list: none by default
    std::map<std::string, ViewPolicy> views;  // "books", "orders", "manager_users"
    bool operator==(const Policies&) const = default;
};

// SQLite AUTOINCREMENT: ids are never reused.
struct NextIds {
    Id user = 1;
    Id group = 1;
    Id book = 1;
    Id order = 1;
    bool operator==(const NextIds&) const = default;
};

struct World {
    std::vector<User> users;    // id order
    std::vector<Group> groups;  // id order
    std::vector<Book> books;    // id order
    std::vector<Order> orders;  // id order
    std::vector<AuthToken> tokens;
    std::vector<Session> sessions;
    Policies policies;
    std::string secret_key;               // signs JWTs and session hashes
    auth::Argon2Cost password_cost;       // the preferred hasher's parameters
    Micros clock_offset = 0;  // how far the learner moved the virtual clock
    NextIds next_ids;

    User* find_user(Id id);
    const User* find_user(Id id) const;
    const User* find_user(std::string_view username) const;
    Group* find_group(Id id);
    const Group* find_group(Id id) const;
    const Group* find_group(std::string_view name) const;
    const Book* find_book(Id id) const;

    Id add_user(User user);    // assigns the next id
    Id add_group(Group group);
    Id add_book(Book book);
    Id add_order(Order order);

    // DRF's Token.objects.get_or_create(user=…): a user's one token, made with a key from
    // os.urandom(20) in hex when there is none.
    const AuthToken& get_or_create_token(Id user, crypto::RandomSource& random, Micros now);

    // Every field alike: the matrix reuses a scratch world while requests leave it unchanged.
    bool operator==(const World&) const = default;
};

}  // namespace authlab
