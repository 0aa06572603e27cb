#include "drf/throttling.hpp"

#include <cmath>
#include <utility>

#include "django/cache.hpp"
#include "jwt/python_numbers.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::drf {
namespace {

// SimpleRateThrottle: the history of request times under get_cache_key, newest first.
class SimpleRateThrottle : public Throttle {
public:
    SimpleRateThrottle(std::string entry, Rate rate) : entry_(std::move(entry)), rate_(rate) {}
    std::string describe() const override { return entry_; }

    bool allow_request(RequestContext& request) override {
        std::optional<std::string> key = get_cache_key(request);
        if (!key) {
            request.trace.add("throttle", entry_, "skip",
                              entry_ + " counts only anonymous requests; " + request.user->username +
                                  " is authenticated, so this one goes through uncounted.",
                              {{"scope", scope()}});
            return true;
        }
        key_ = *key;
        now_ = django::python_time(request.now);
        history_ = request.cache.get(key_, now_).value_or(django::CacheValue{});
        // Drop the requests that are older than the duration.
        while (!history_.empty() && history_.back() <= now_ - rate_.duration) history_.pop_back();
        if (static_cast<long long>(history_.size()) >= rate_.num_requests) return throttle_failure(request);
        return throttle_success(request);
    }

    std::optional<double> wait() const override {
        const double remaining = history_.empty() ? rate_.duration : rate_.duration - (now_ - history_.back());
        const long long recorded = static_cast<long long>(history_.size());
        if (rate_.num_requests < recorded) return std::nullopt;  // available_requests <= 0
        return remaining / (static_cast<double>(rate_.num_requests - recorded) + 1.0);
    }

protected:
    // None: this request is not throttled by this class.
    virtual std::optional<std::string> get_cache_key(const RequestContext& request) const = 0;

    std::string cache_key(const std::string& ident) const { return "throttle_" + scope() + "_" + ident; }

private:
    bool throttle_success(RequestContext& request) {
        history_.insert(history_.begin(), now_);
        request.cache.set(key_, history_, rate_.duration, now_);
        request.trace.add("throttle", entry_, "pass",
                          counted() + ", this one included: allowed.", data());
        return true;
    }

    bool throttle_failure(RequestContext& request) {
        std::optional<double> next = wait();
        nlohmann::ordered_json details = data();
        std::string summary;
        if (next) {
            const auto seconds = static_cast<long long>(std::ceil(*next));
            details["wait"] = seconds;
            summary = counted() + "; the next is allowed in " + std::to_string(seconds) + " s.";
        } else {
            details["wait"] = nullptr;
            summary = counted() + ", more than this rate allows (a view with a higher rate shares the scope): refused, "
                                  "with no time to wait to offer.";
        }
        request.trace.add("throttle", entry_, "fail", std::move(summary), std::move(details));
        return false;
    }

    // "3 of 3 requests in the last 60 s (scope anon, 127.0.0.1)"
    std::string counted() const {
        return std::to_string(history_.size()) + " of " + std::to_string(rate_.num_requests) + " requests in the last " +
               std::to_string(rate_.duration) + " s (" + key_ + ")";
    }

    nlohmann::ordered_json data() const {
        return {{"scope", scope()}, {"key", key_}, {"count", history_.size()}, {"limit", rate_.num_requests},
                {"duration", rate_.duration}};
    }

    std::string entry_;
    Rate rate_;
    std::string key_;
    double now_ = 0;
    django::CacheValue history_;
};

// AnonRateThrottle: anonymous requests only, by get_ident.
class AnonRateThrottle final : public SimpleRateThrottle {
public:
    using SimpleRateThrottle::SimpleRateThrottle;

    std::string scope() const override { return "anon"; }

protected:
    std::optional<std::string> get_cache_key(const RequestContext& request) const override {
        if (request.user) return std::nullopt;
        return cache_key(get_ident(request));
    }
};

// UserRateThrottle: by user id; an anonymous request by get_ident (so an X-Forwarded-For of
// "1" shares user 1's history).
class UserRateThrottle final : public SimpleRateThrottle {
public:
    using SimpleRateThrottle::SimpleRateThrottle;

    std::string scope() const override { return "user"; }

protected:
    std::optional<std::string> get_cache_key(const RequestContext& request) const override {
        return cache_key(request.user ? std::to_string(request.user->id) : get_ident(request));
    }
};

using Factory = std::unique_ptr<Throttle> (*)(std::string entry, Rate rate);

const std::vector<std::pair<std::string, Factory>>& registry() {
    static const std::vector<std::pair<std::string, Factory>> classes = {
        {"AnonRateThrottle", [](std::string e, Rate r) -> std::unique_ptr<Throttle> { return std::make_unique<AnonRateThrottle>(std::move(e), r); }},
        {"UserRateThrottle", [](std::string e, Rate r) -> std::unique_ptr<Throttle> { return std::make_unique<UserRateThrottle>(std::move(e), r); }},
    };
    return classes;
}

Factory find_class(std::string_view name) {
    for (const auto& [known, factory] : registry()) {
        if (known == name) return factory;
    }
    return nullptr;
}

}  // namespace

std::variant<Rate, std::string> parse_rate(std::string_view rate) {
    // num, period = rate.split('/')
    const std::size_t slash = rate.find('/');
    if (slash == std::string_view::npos || rate.find('/', slash + 1) != std::string_view::npos) {
        return "a rate is <number>/<period>, with one '/'";
    }
    const jwt::PyInt num = jwt::python_int(pyjson::Value::string(std::string(rate.substr(0, slash))));
    if (num.error != jwt::PyError::none) return "'" + std::string(rate.substr(0, slash)) + "' is not a whole number";
    const std::string_view period = rate.substr(slash + 1);
    // {'s': 1, 'm': 60, 'h': 3600, 'd': 86400}[period[0]]: only the first letter counts.
    if (period.empty()) return "the period is missing (s, m, h or d: 5/min, 100/day)";
    switch (period[0]) {
        case 's': return Rate{num.value, 1};
        case 'm': return Rate{num.value, 60};
        case 'h': return Rate{num.value, 3600};
        case 'd': return Rate{num.value, 86400};
        default: return "the period '" + std::string(period) + "' does not start with s, m, h or d";
    }
}

std::string get_ident(const RequestContext& request) {
    const std::string xff = request.http.headers.get("X-Forwarded-For");
    if (xff.empty()) return "127.0.0.1";  // REMOTE_ADDR
    // ''.join(xff.split()): str.split() drops every Unicode whitespace character.
    std::u32string ident = python::decode(xff);
    std::erase_if(ident, python::is_space);
    return python::encode(ident);
}

std::unique_ptr<Throttle> make_throttle(std::string_view entry) {
    const std::size_t colon = entry.find(':');
    if (colon == std::string_view::npos) return nullptr;
    const Factory factory = find_class(entry.substr(0, colon));
    if (!factory) return nullptr;
    auto rate = parse_rate(entry.substr(colon + 1));
    if (!std::holds_alternative<Rate>(rate)) return nullptr;
    return factory(std::string(entry), std::get<Rate>(rate));
}

std::string throttle_problem(std::string_view entry) {
    const std::size_t colon = entry.find(':');
    if (colon == std::string_view::npos || !find_class(entry.substr(0, colon))) {
        return "unknown throttle '" + std::string(entry) + "' (AnonRateThrottle:<rate> or UserRateThrottle:<rate>)";
    }
    auto rate = parse_rate(entry.substr(colon + 1));
    if (auto* problem = std::get_if<std::string>(&rate)) {
        return "throttle '" + std::string(entry) + "': bad rate '" + std::string(entry.substr(colon + 1)) + "': " + *problem;
    }
    return "";
}

const std::vector<std::string>& throttle_class_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : registry()) out.push_back(entry.first);
        return out;
    }();
    return names;
}

}  // namespace authlab::drf
