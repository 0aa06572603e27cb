#pragma once
// Django 3.2's database sessions as SessionMiddleware, AuthenticationMiddleware and
// django.contrib.auth.login use them, over World::sessions. A session row names a user and
// holds _auth_user_hash, an HMAC of the user's password hash: when the password (hash)
// changes, the session no longer verifies and is flushed.
#include <map>
#include <optional>
#include <string>

#include "crypto/random.hpp"
#include "http/message.hpp"
#include "world/world.hpp"

namespace authlab::django {

inline constexpr std::int64_t session_cookie_age = 1209600;  // SESSION_COOKIE_AGE: two weeks
inline constexpr std::string_view session_cookie_name = "sessionid";

// AbstractBaseUser.get_session_auth_hash: salted_hmac(key_salt, password, algorithm="sha256").
std::string session_auth_hash(const User& user, std::string_view secret_key);

// One request's request.session (SessionStore of django.contrib.sessions.backends.db).
class SessionStore {
public:
    SessionStore(World& world, crypto::RandomSource& random, Micros now, const std::map<std::string, std::string>& cookies);

    // django.contrib.auth.get_user: the session's user when it exists, is active and its hash
    // still matches; a mismatch flushes the session. Loads (accesses) the session.
    User* get_user();
    // django.contrib.auth.login: keeps the session for the same user, flushes it for another,
    // gives an anonymous one a new key; then stores the user and the hash.
    void login(const User& user);
    void flush();

    // SessionMiddleware.process_response: a session emptied while the client holds a cookie
    // deletes the cookie; a modified one is saved and its cookie (re)sent; an accessed one
    // varies by Cookie. Call once, at the end of the request.
    struct Outcome {
        std::optional<http::SetCookie> cookie;
        bool vary_cookie = false;
    };
    Outcome process_response(bool server_error = false);

    // For the trace: what the cookie named and what became of it.
    std::string describe() const;

private:
    struct Data {
        Id user = 0;
        std::string auth_hash;
    };
    const std::optional<Data>& load();
    void cycle_key();
    void save();
    bool is_empty() const;
    void delete_row(const std::string& key);

    World& world_;
    crypto::RandomSource& random_;
    Micros now_;
    bool cookie_sent_ = false;
    std::string cookie_value_;
    std::optional<std::string> key_;  // a cookie value shorter than 8 characters is no key
    bool loaded_ = false;
    std::optional<Data> data_;
    bool accessed_ = false;
    bool modified_ = false;
    std::string note_;
};

}  // namespace authlab::django
