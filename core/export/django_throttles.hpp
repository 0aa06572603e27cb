#pragma once
// The policies' throttle entries ("AnonRateThrottle:5/min") as DRF code, the way a project
// writes them: REST_FRAMEWORK's DEFAULT_THROTTLE_RATES gives each scope one rate, and an entry
// with another rate becomes a small subclass carrying its own `rate`
// (`class Anon3PerMinRateThrottle(AnonRateThrottle): rate = '3/min'`). A subclass keeps its
// base's scope, so it counts in the same cache history, as every throttle of a scope does in
// the lab (and in DRF).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "world/world.hpp"

namespace authlab::exporting {

class ThrottleCode {
public:
    // The policies must be valid (drf::policies_problem is empty).
    explicit ThrottleCode(const Policies& policies);

    // DEFAULT_THROTTLE_RATES: each scope a policy uses, with the rate of its first entry in the
    // global list (else in the views' own lists, by view name).
    const std::vector<std::pair<std::string, std::string>>& default_rates() const { return default_rates_; }
    // The class a view's throttle_classes lists for `entry`: DRF's own, or the subclass.
    std::string class_name(std::string_view entry) const;
    // The dotted path DEFAULT_THROTTLE_CLASSES lists for `entry`.
    std::string class_path(std::string_view entry) const;
    // The bookshop/throttles.py block: the subclasses, "" when every rate is its scope's default.
    std::string module() const;

    static constexpr std::string_view module_path = "bookshop.throttles";

private:
    struct Entry {
        std::string base;   // "AnonRateThrottle"
        std::string scope;  // "anon"
        std::string rate;   // "5/min": DRF's reading of the policy's rate, written one way
    };
    static Entry read(std::string_view entry);
    bool is_default(const Entry& e) const;
    static std::string subclass_name(const Entry& e);

    std::vector<std::pair<std::string, std::string>> default_rates_;
    std::vector<Entry> subclasses_;  // first-seen order, one per name
};

}  // namespace authlab::exporting
