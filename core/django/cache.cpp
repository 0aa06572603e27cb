#include "django/cache.hpp"

#include <algorithm>

namespace authlab::django {

std::optional<CacheValue> Cache::get(const std::string& key, double now) {
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
    if (it == entries_.end()) return std::nullopt;
    if (it->expires <= now) {  // _has_expired, then _delete
        entries_.erase(it);
        return std::nullopt;
    }
    std::rotate(entries_.begin(), it, it + 1);  // move_to_end(key, last=False)
    return entries_.front().value;
}

void Cache::set(const std::string& key, CacheValue value, double timeout, double now) {
    // _set culls first when full (expired entries count too): popitem() drops the least
    // recently used third.
    if (entries_.size() >= max_entries) entries_.resize(entries_.size() - entries_.size() / cull_frequency);
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
    if (it == entries_.end()) {
        entries_.insert(entries_.begin(), Entry{key, {}, 0});
    } else {
        std::rotate(entries_.begin(), it, it + 1);
    }
    entries_.front().value = std::move(value);
    entries_.front().expires = now + (timeout == 0 ? -1 : timeout);  // get_backend_timeout
}

double python_time(long long micros) {
    long long seconds = micros / 1'000'000, rest = micros % 1'000'000;
    if (rest < 0) {
        rest += 1'000'000;
        --seconds;
    }
    return static_cast<double>(seconds) + static_cast<double>(rest) / 1000000.0;
}

}  // namespace authlab::django
