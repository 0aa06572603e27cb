#pragma once
// DRF's rate throttles (rest_framework/throttling.py): SimpleRateThrottle's history of request
// times in the cache under "throttle_<scope>_<ident>", and its two subclasses a policy can name,
// AnonRateThrottle (scope "anon": anonymous requests, by get_ident) and UserRateThrottle (scope
// "user": by user id, anonymous ones by get_ident). A policy entry is "AnonRateThrottle:5/min":
// DRF's class with that `rate` and its own scope, so every view shares a scope's history.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "drf/request_context.hpp"

namespace authlab::drf {

// SimpleRateThrottle.parse_rate's (num_requests, duration).
struct Rate {
    long long num_requests = 0;
    int duration = 0;  // seconds: 1, 60, 3600 or 86400
};

// "5/min" → {5, 60}; what DRF's parse_rate accepts (int() of the count, the period's first
// letter s, m, h or d), else the reason it would raise.
std::variant<Rate, std::string> parse_rate(std::string_view rate);

// BaseThrottle.get_ident with NUM_PROXIES unset: X-Forwarded-For with its whitespace removed
// when the header is present and not empty, else REMOTE_ADDR (the test client's 127.0.0.1).
// Any client can write that header: the identity is spoofable, as in DRF.
std::string get_ident(const RequestContext& request);

class Throttle {
public:
    virtual ~Throttle() = default;
    virtual std::string describe() const = 0;  // the policy entry: "AnonRateThrottle:5/min"
    // The class's `scope` ("anon", "user"): the cache keys, and so the history, it shares.
    virtual std::string scope() const = 0;
    // Records the request in the history when it is allowed, and a trace step either way.
    virtual bool allow_request(RequestContext& request) = 0;
    // Seconds until the next request is allowed; none when more requests are recorded than the
    // rate allows (the rate changed, or another view of the scope allows more).
    virtual std::optional<double> wait() const = 0;
};

// nullptr unless `entry` is a known class with a rate parse_rate accepts.
std::unique_ptr<Throttle> make_throttle(std::string_view entry);
// "" when `entry` can be built, else what is wrong with it, in the policy's words.
std::string throttle_problem(std::string_view entry);
const std::vector<std::string>& throttle_class_names();  // each takes ":<rate>"

}  // namespace authlab::drf
