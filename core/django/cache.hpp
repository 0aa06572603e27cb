#pragma once
// Django's LocMemCache (django/core/cache/backends/locmem.py), the project's default cache:
// keys with an expiry time, most recently used first, a third of the entries culled once it
// holds MAX_ENTRIES (300). The only values the core caches are DRF's throttle histories (lists
// of time.time() floats), so that is the value type. Time is the caller's: the virtual clock.
#include <optional>
#include <string>
#include <vector>

namespace authlab::django {

using CacheValue = std::vector<double>;

class Cache {
public:
    static constexpr std::size_t max_entries = 300;  // OPTIONS MAX_ENTRIES' default
    static constexpr std::size_t cull_frequency = 3;  // CULL_FREQUENCY's default

    // cache.get(key): nothing once the entry has expired (expiry <= now), which also deletes it.
    std::optional<CacheValue> get(const std::string& key, double now);
    // cache.set(key, value, timeout): expires at now + timeout (timeout 0 means "already").
    void set(const std::string& key, CacheValue value, double timeout, double now);
    void clear() { entries_.clear(); }
    std::size_t size() const { return entries_.size(); }

    struct Entry {
        std::string key;
        CacheValue value;
        double expires = 0;  // time.time() after which the entry is gone
        bool operator==(const Entry&) const = default;
    };
    // The entries most recently used first: what a saved world keeps of the cache, since the
    // server's cache outlives the learner's page reloads (lab/world_json).
    const std::vector<Entry>& entries() const { return entries_; }
    Cache() = default;
    explicit Cache(std::vector<Entry> entries) : entries_(std::move(entries)) {}
    bool operator==(const Cache&) const = default;

private:
    std::vector<Entry> entries_;  // most recently used first, as the OrderedDict after move_to_end(last=False)
};

// time.time() as freezegun answers it for a virtual-clock instant in microseconds:
// timegm(...) + microsecond / 1000000.0, the same float Python computes.
double python_time(long long micros);

}  // namespace authlab::django
