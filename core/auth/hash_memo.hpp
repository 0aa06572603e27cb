#pragma once
// Hashes already computed in one batch of scenario files, so a batch that logs the same users in
// file after file hashes each password once. Hashing is a pure function of what the key holds
// (the password, the salt or the stored hash, the costs), so a remembered answer is the answer
// a new computation gives: it cannot go stale. The random stream is drawn from exactly as
// without a memo (salts are drawn before the memo is asked), so every file's output is the same
// bytes whatever ran before it. Only a batch runner opens one (HashMemo::Batch, for as long as
// it runs): the page, the lessons and the attack lab hash every time, as Django does, because
// the time a hash takes is part of what they show.
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "auth/password_hashers.hpp"

namespace authlab::auth {

class HashMemo {
public:
    class Batch;
    // The memo of the batch running on this thread, or none.
    static HashMemo* current();

    // The key of one computation: its kind ("make", "check", …) and every input, unambiguously.
    static std::string key(std::string_view kind, std::initializer_list<std::string_view> inputs);

    const std::string* encoded(const std::string& key) const;
    void remember_encoded(std::string key, std::string encoded);
    const HashCheck* check(const std::string& key) const;
    void remember_check(std::string key, HashCheck check);
    std::size_t size() const { return encoded_.size() + checks_.size(); }  // hashes computed so far

private:
    std::map<std::string, std::string, std::less<>> encoded_;
    std::map<std::string, HashCheck, std::less<>> checks_;
};

// While a Batch lives, make_password and check_password on this thread use its memo.
class HashMemo::Batch {
public:
    Batch();
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    const HashMemo& memo() const { return memo_; }

private:
    HashMemo memo_;
    HashMemo* outer_;
};

// The cost as key text: "m,t,p".
std::string cost_key(Argon2Cost cost);

}  // namespace authlab::auth
