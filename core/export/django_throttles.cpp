#include "export/django_throttles.hpp"

#include <algorithm>
#include <stdexcept>

#include "drf/throttling.hpp"
#include "export/django_code.hpp"

namespace authlab::exporting {
namespace {

// Every throttle list of the policies: the global one first, then the views' own, by name.
std::vector<const std::vector<std::string>*> throttle_lists(const Policies& policies) {
    std::vector<const std::vector<std::string>*> lists = {&policies.throttle};
    for (const auto& [name, policy] : policies.views) {
        if (policy.throttle) lists.push_back(&*policy.throttle);
    }
    return lists;
}

// parse_rate's duration as the period DRF reads from its first letter.
std::string_view period(int duration) {
    switch (duration) {
        case 1: return "sec";
        case 60: return "min";
        case 3600: return "hour";
        default: return "day";
    }
}

}  // namespace

ThrottleCode::Entry ThrottleCode::read(std::string_view entry) {
    const std::size_t colon = entry.find(':');
    auto throttle = drf::make_throttle(entry);
    auto rate = drf::parse_rate(entry.substr(colon == std::string_view::npos ? entry.size() : colon + 1));
    if (!throttle || !std::holds_alternative<drf::Rate>(rate)) throw std::invalid_argument("throttle '" + std::string(entry) + "' cannot be built");
    const drf::Rate& r = std::get<drf::Rate>(rate);
    return {std::string(entry.substr(0, colon)), throttle->scope(),
            std::to_string(r.num_requests) + "/" + std::string(period(r.duration))};
}

ThrottleCode::ThrottleCode(const Policies& policies) {
    for (const auto* list : throttle_lists(policies)) {
        for (const std::string& text : *list) {
            Entry e = read(text);
            auto scope = std::find_if(default_rates_.begin(), default_rates_.end(), [&](const auto& p) { return p.first == e.scope; });
            if (scope == default_rates_.end()) default_rates_.emplace_back(e.scope, e.rate);
        }
    }
    for (const auto* list : throttle_lists(policies)) {
        for (const std::string& text : *list) {
            Entry e = read(text);
            const bool known = std::any_of(subclasses_.begin(), subclasses_.end(),
                                           [&](const Entry& s) { return subclass_name(s) == subclass_name(e); });
            if (!is_default(e) && !known) subclasses_.push_back(std::move(e));
        }
    }
}

bool ThrottleCode::is_default(const Entry& e) const {
    return std::any_of(default_rates_.begin(), default_rates_.end(),
                       [&](const auto& p) { return p.first == e.scope && p.second == e.rate; });
}

// "Anon3PerMinRateThrottle"; a negative count (DRF's int() takes one) reads "AnonMinus1PerMin…".
std::string ThrottleCode::subclass_name(const Entry& e) {
    std::string count = e.rate.substr(0, e.rate.find('/'));
    if (count.starts_with('-')) count = "Minus" + count.substr(1);
    std::string unit = e.rate.substr(e.rate.find('/') + 1);
    unit[0] = static_cast<char>(unit[0] - 'a' + 'A');
    const std::string prefix = e.base.substr(0, e.base.find("RateThrottle"));
    return prefix + count + "Per" + unit + "RateThrottle";
}

std::string ThrottleCode::class_name(std::string_view entry) const {
    Entry e = read(entry);
    return is_default(e) ? e.base : subclass_name(e);
}

std::string ThrottleCode::class_path(std::string_view entry) const {
    Entry e = read(entry);
    return is_default(e) ? "rest_framework.throttling." + e.base : std::string(module_path) + "." + subclass_name(e);
}

std::string ThrottleCode::module() const {
    if (subclasses_.empty()) return "";
    std::string out = "# ---- bookshop/throttles.py " + std::string(49, '-') + "\n"
                      "from rest_framework.throttling import ";
    std::vector<std::string> bases;
    for (const Entry& e : subclasses_) {
        if (std::find(bases.begin(), bases.end(), e.base) == bases.end()) bases.push_back(e.base);
    }
    std::sort(bases.begin(), bases.end());
    for (std::size_t i = 0; i < bases.size(); ++i) out += (i ? ", " : "") + bases[i];
    out += "\n";
    for (const Entry& e : subclasses_) {
        out += "\n\nclass " + subclass_name(e) + "(" + e.base + "):\n"
               "    \"\"\"" + e.base + " at " + e.rate + ". Its scope stays '" + e.scope + "': it counts in the\n"
               "    history every '" + e.scope + "' throttle shares, whatever their rates.\"\"\"\n"
               "\n"
               "    rate = " + python_string(e.rate) + "\n";
    }
    return out;
}

}  // namespace authlab::exporting
