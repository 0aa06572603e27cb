#include "django/sessions.hpp"

#include <algorithm>

#include "crypto/constant_time.hpp"
#include "crypto/hex.hpp"
#include "crypto/hmac.hpp"
#include "crypto/sha256.hpp"
#include "django/handler_errors.hpp"

namespace authlab::django {
namespace {

constexpr std::string_view valid_key_chars = "abcdefghijklmnopqrstuvwxyz0123456789";

std::string hex(const crypto::Sha256Digest& digest) {
    return crypto::hex_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace

std::string session_auth_hash(const User& user, std::string_view secret_key) {
    // salted_hmac: the HMAC key is sha256(key_salt + secret).
    const std::string key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash";
    const crypto::Sha256Digest key = crypto::sha256(key_salt + std::string(secret_key));
    return hex(crypto::hmac_sha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), user.password));
}

SessionStore::SessionStore(World& world, crypto::RandomSource& random, Micros now,
                           const std::map<std::string, std::string>& cookies)
    : world_(world), random_(random), now_(now) {
    if (auto it = cookies.find(std::string(session_cookie_name)); it != cookies.end()) {
        cookie_sent_ = true;
        cookie_value_ = it->second;
        if (it->second.size() >= 8) key_ = it->second;  // SessionBase._validate_session_key
    }
}

const std::optional<SessionStore::Data>& SessionStore::load() {
    accessed_ = true;
    if (loaded_) return data_;
    loaded_ = true;
    if (!key_) {
        note_ = cookie_sent_ ? "the sessionid cookie is too short to be a session key" : "the request has no sessionid cookie";
        return data_;
    }
    // _get_session_from_db: only a row that has not expired; otherwise the key is dropped.
    auto it = std::find_if(world_.sessions.begin(), world_.sessions.end(),
                           [&](const Session& s) { return s.key == *key_ && s.expires > now_; });
    if (it == world_.sessions.end()) {
        note_ = "the sessionid cookie names no live session (unknown or expired)";
        key_.reset();
        return data_;
    }
    data_ = Data{it->user, it->auth_hash};
    note_ = "the sessionid cookie names a live session";
    return data_;
}

User* SessionStore::get_user() {
    if (!load()) return nullptr;
    User* user = world_.find_user(data_->user);
    // ModelBackend.get_user refuses inactive users; the session stays.
    if (!user || !user->is_active) {
        note_ += user ? ", but its user is inactive" : ", but its user no longer exists";
        return nullptr;
    }
    const std::string expected = session_auth_hash(*user, world_.secret_key);
    if (data_->auth_hash.empty() || !crypto::constant_time_equals(data_->auth_hash, expected)) {
        note_ += ", but its _auth_user_hash no longer matches the password: the session is flushed";
        flush();
        return nullptr;
    }
    note_ += " of " + user->username;
    return user;
}

void SessionStore::flush() {
    data_.reset();
    loaded_ = true;
    accessed_ = modified_ = true;
    if (key_) delete_row(*key_);
    key_.reset();
}

void SessionStore::cycle_key() {
    // The data stays; the row moves to a fresh key (saved at the end of the request).
    load();
    if (key_) delete_row(*key_);
    key_.reset();
    modified_ = true;
}

void SessionStore::login(const User& user) {
    const std::string hash = session_auth_hash(user, world_.secret_key);
    if (load()) {
        if (data_->user != user.id || !crypto::constant_time_equals(data_->auth_hash, hash)) flush();
    } else {
        // cycle_key's create() saves a row at once, and its expire_date is a datetime.
        if (!fits_in_datetime(now_, session_cookie_age)) throw UncaughtException("OverflowError: date value out of range (the new session's expire_date)");
        cycle_key();
    }
    data_ = Data{user.id, hash};
    loaded_ = accessed_ = modified_ = true;
}

void SessionStore::delete_row(const std::string& key) {
    std::erase_if(world_.sessions, [&](const Session& s) { return s.key == key; });
}

void SessionStore::save() {
    if (!key_) {
        // _get_new_session_key: 32 characters of [a-z0-9] not already in use.
        std::string key;
        do {
            key = random_.string_from(valid_key_chars, 32);
        } while (std::any_of(world_.sessions.begin(), world_.sessions.end(), [&](const Session& s) { return s.key == key; }));
        key_ = key;
    }
    delete_row(*key_);
    world_.sessions.push_back(Session{*key_, data_->user, data_->auth_hash, now_ + session_cookie_age * micros_per_second});
}

bool SessionStore::is_empty() const {
    // `not self._session_key and not self._session_cache`; an unloaded cache counts as empty.
    return !key_ && (!loaded_ || !data_);
}

SessionStore::Outcome SessionStore::process_response(bool server_error) {
    if (cookie_sent_ && is_empty()) return {http::SetCookie{std::string(session_cookie_name), "", 0, false, "Lax"}, true};
    Outcome out{std::nullopt, accessed_};
    if (modified_ && !is_empty() && data_ && !server_error) {  // Django skips the save for a 500
        save();
        out.cookie = http::SetCookie{std::string(session_cookie_name), *key_, session_cookie_age, true, "Lax"};
    }
    return out;
}

std::string SessionStore::describe() const { return note_; }

}  // namespace authlab::django
