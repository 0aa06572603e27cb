#include "auth/hash_memo.hpp"

namespace authlab::auth {
namespace {

thread_local HashMemo* batch_memo = nullptr;

}  // namespace

HashMemo::Batch::Batch() : outer_(batch_memo) { batch_memo = &memo_; }
HashMemo::Batch::~Batch() { batch_memo = outer_; }
HashMemo* HashMemo::current() { return batch_memo; }

// Each input is written with its length first, so no two different input lists share a key.
std::string HashMemo::key(std::string_view kind, std::initializer_list<std::string_view> inputs) {
    std::string out(kind);
    for (std::string_view input : inputs) {
        out += '\n';
        out += std::to_string(input.size());
        out += ':';
        out += input;
    }
    return out;
}

const std::string* HashMemo::encoded(const std::string& key) const {
    auto found = encoded_.find(key);
    return found == encoded_.end() ? nullptr : &found->second;
}

void HashMemo::remember_encoded(std::string key, std::string encoded) { encoded_[std::move(key)] = std::move(encoded); }

const HashCheck* HashMemo::check(const std::string& key) const {
    auto found = checks_.find(key);
    return found == checks_.end() ? nullptr : &found->second;
}

void HashMemo::remember_check(std::string key, HashCheck check) { checks_[std::move(key)] = std::move(check); }

std::string cost_key(Argon2Cost cost) {
    return std::to_string(cost.memory_kib) + "," + std::to_string(cost.time_cost) + "," + std::to_string(cost.parallelism);
}

}  // namespace authlab::auth
