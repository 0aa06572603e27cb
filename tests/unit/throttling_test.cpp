// DRF's rate throttles, asked of the real rest_framework.throttling: how a rate parses, which
// identity get_ident reads from X-Forwarded-For, and, over a run of requests on a moving clock,
// which ones are allowed, how long the wait is and which scope's history they share (the
// history in a LocMemCache on the same clock).
#include <catch2/catch.hpp>

#include <cmath>

#include "auth/passwords.hpp"
#include "crypto/random.hpp"
#include "django/cache.hpp"
#include "drf/errors.hpp"
#include "drf/throttling.hpp"
#include "support/django.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

// One request through a list of throttles, as APIView.check_throttles asks them.
struct Outcome {
    bool allowed = true;
    std::optional<long long> wait;  // Throttled.wait (math.ceil), when refused with one
    std::string detail;
};

Outcome check(World& world, django::Cache& cache, const std::vector<std::string>& entries, Micros now,
              const json& who) {
    http::Request http;
    http.method = "GET";
    if (who.contains("xff")) http.headers.set("X-Forwarded-For", who["xff"].get<std::string>());
    crypto::SeededRandom random(1);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());
    drf::RequestContext request(world, http, now, random, passwords, &cache);
    if (who.contains("user")) request.user = world.find_user(who["user"].get<Id>());
    std::optional<double> longest;
    bool refused = false;
    for (const std::string& entry : entries) {
        auto throttle = drf::make_throttle(entry);
        REQUIRE(throttle);
        if (throttle->allow_request(request)) continue;
        refused = true;
        if (auto wait = throttle->wait(); wait && (!longest || *wait > *longest)) longest = wait;
    }
    if (!refused) return {};
    drf::ApiError error = drf::throttled(longest);
    return {false, error.wait, error.body["detail"].get<std::string>()};
}

World two_users() {
    World world;
    for (const char* name : {"mary", "carol"}) {
        User user;
        user.username = name;
        world.add_user(user);
    }
    return world;
}

}  // namespace

TEST_CASE("Rates parse as DRF's SimpleRateThrottle.parse_rate parses them") {
    const std::vector<std::string> rates = {
        "5/min", "100/day", "1/s", "1/sec", "1/second", "3/m", "3/hour", "2/d", "2/dozen", "0/min", "-1/h", " 7 /min",
        "+4/min", "1_000/day", "5/", "5", "5/min/x", "/min", "x/min", "5/y", "5/ min", "5.0/min", "\xd9\xa5/min",
        "99999999999999999999/s", "5/M", "", "1__0/s", "5/\xc3\xa9"};
    const json answers = testing::django::ask(R"(
from rest_framework.throttling import SimpleRateThrottle
out = []
for rate in data:
    try:
        num, duration = SimpleRateThrottle.parse_rate(None, rate)
        out.append([min(num, 2**63 - 1), duration])
    except (ValueError, KeyError, IndexError) as e:
        out.append(type(e).__name__)
answer(out)
)", rates);
    REQUIRE(answers.size() == rates.size());
    for (std::size_t i = 0; i < rates.size(); ++i) {
        INFO("rate '" << rates[i] << "', DRF: " << answers[i].dump());
        auto parsed = drf::parse_rate(rates[i]);
        if (answers[i].is_string()) {
            CHECK(std::holds_alternative<std::string>(parsed));
        } else {
            REQUIRE(std::holds_alternative<drf::Rate>(parsed));
            CHECK(std::get<drf::Rate>(parsed).num_requests == answers[i][0].get<long long>());
            CHECK(std::get<drf::Rate>(parsed).duration == answers[i][1].get<int>());
        }
    }
}

TEST_CASE("get_ident reads X-Forwarded-For with its whitespace removed as DRF does without NUM_PROXIES") {
    const std::vector<std::string> headers = {
        "", "10.0.0.1", " 10.0.0.1 ", "10.0.0.1, 10.0.0.2", "10.0.0.1 ,\t10.0.0.2", "   ", "a\x0b" "b\x0c" "c\x1c" "d\x1f" "e",
        "x\xc2\xa0y", "x\xc2\x85y", "\xe2\x80\x83z", "\xe3\x80\x80z\xc3\xa9", "2", "unknown, 1.1.1.1"};
    json input = json::array();
    for (const std::string& h : headers) input.push_back(h);
    // The header is the text request.META holds (api.md).
    const json answers = testing::django::ask(R"(
from types import SimpleNamespace
from rest_framework.throttling import BaseThrottle
out = []
for header in data:
    meta = {'REMOTE_ADDR': '127.0.0.1'}
    if header:
        meta['HTTP_X_FORWARDED_FOR'] = header
    out.append(BaseThrottle().get_ident(SimpleNamespace(META=meta)).encode('utf-8').hex())
answer(out)
)", input);
    World world;
    crypto::SeededRandom random(1);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());
    for (std::size_t i = 0; i < headers.size(); ++i) {
        http::Request http;
        if (!headers[i].empty()) http.headers.set("X-Forwarded-For", headers[i]);
        drf::RequestContext request(world, http, 0, random, passwords);
        std::string hex;
        for (unsigned char c : drf::get_ident(request)) {
            static const char* digits = "0123456789abcdef";
            hex += digits[c >> 4];
            hex += digits[c & 15];
        }
        INFO("X-Forwarded-For '" << headers[i] << "'");
        CHECK(hex == answers[i].get<std::string>());
    }
}

TEST_CASE("Windows and waits and shared scopes follow the throttles of DRF on a moving clock") {
    // Each run: throttle lists used in turn, and requests at times (seconds, fractions too) by
    // users or anonymous clients; DRF's classes play the same requests with LocMemCache and the
    // timer on the same clock.
    const json runs = json::parse(R"([
      {"requests": [
        {"t": 0, "throttles": ["AnonRateThrottle:3/min"], "who": {}},
        {"t": 10.5, "throttles": ["AnonRateThrottle:3/min"], "who": {}},
        {"t": 20.25, "throttles": ["AnonRateThrottle:3/min"], "who": {}},
        {"t": 30, "throttles": ["AnonRateThrottle:3/min"], "who": {}},
        {"t": 59.999999, "throttles": ["AnonRateThrottle:3/min"], "who": {}},
        {"t": 60, "throttles": ["AnonRateThrottle:3/min"], "who": {}},
        {"t": 60.5, "throttles": ["AnonRateThrottle:3/min"], "who": {"xff": "10.0.0.9"}},
        {"t": 61, "throttles": ["AnonRateThrottle:3/min"], "who": {"user": 1}}]},
      {"requests": [
        {"t": 0, "throttles": ["UserRateThrottle:2/h"], "who": {"user": 1}},
        {"t": 1, "throttles": ["UserRateThrottle:2/h"], "who": {"xff": "1"}},
        {"t": 2, "throttles": ["UserRateThrottle:2/h"], "who": {"user": 1}},
        {"t": 3, "throttles": ["UserRateThrottle:2/h"], "who": {"user": 2}},
        {"t": 1800, "throttles": ["UserRateThrottle:2/h", "AnonRateThrottle:1/min"], "who": {"user": 1}},
        {"t": 3600, "throttles": ["UserRateThrottle:2/h"], "who": {"user": 1}},
        {"t": 3601, "throttles": ["UserRateThrottle:2/h"], "who": {"user": 1}}]},
      {"requests": [
        {"t": 0, "throttles": ["AnonRateThrottle:5/min"], "who": {}},
        {"t": 1, "throttles": ["AnonRateThrottle:5/min"], "who": {}},
        {"t": 2, "throttles": ["AnonRateThrottle:5/min"], "who": {}},
        {"t": 3, "throttles": ["AnonRateThrottle:2/min"], "who": {}},
        {"t": 4, "throttles": ["AnonRateThrottle:2/min", "AnonRateThrottle:10/day"], "who": {}},
        {"t": 5, "throttles": ["AnonRateThrottle:10/day", "AnonRateThrottle:10/day"], "who": {}},
        {"t": 70, "throttles": ["AnonRateThrottle:10/day"], "who": {}},
        {"t": 80, "throttles": ["AnonRateThrottle:0/s"], "who": {}},
        {"t": 81, "throttles": ["AnonRateThrottle:-3/s", "UserRateThrottle:1/d"], "who": {}},
        {"t": 82, "throttles": ["UserRateThrottle:1/d"], "who": {}}]}
    ])");
    const json answers = testing::django::ask(R"(
import time
from django.core.cache import cache
from rest_framework import throttling
from rest_framework.exceptions import Throttled
clock = [0.0]
time.time = lambda: clock[0]
start = 1704110400
def build(entry):
    name, _, rate = entry.partition(':')
    base = getattr(throttling, name)
    return type(name, (base,), {'rate': rate, 'timer': staticmethod(lambda: clock[0])})()
class User:
    is_authenticated = True
    def __init__(self, pk): self.pk = pk
class Anonymous:
    is_authenticated = False
class Request:
    def __init__(self, who):
        self.user = User(who['user']) if 'user' in who else Anonymous()
        self.META = {'REMOTE_ADDR': '127.0.0.1'}
        if 'xff' in who: self.META['HTTP_X_FORWARDED_FOR'] = who['xff']
out = []
for run in data:
    cache.clear()
    for r in run['requests']:
        micros = start * 1000000 + round(r['t'] * 1000000)
        clock[0] = micros // 1000000 + (micros % 1000000) / 1000000.0
        request = Request(r['who'])
        waits, refused = [], False
        for throttle in map(build, r['throttles']):
            if not throttle.allow_request(request, None):
                refused = True
                waits.append(throttle.wait())
        if not refused:
            out.append([True])
            continue
        waits = [w for w in waits if w is not None]
        e = Throttled(max(waits, default=None))
        out.append([False, e.wait, str(e.detail)])
answer(out)
)", runs);
    std::size_t i = 0;
    for (const json& run : runs) {
        World world = two_users();
        django::Cache cache;
        for (const json& r : run["requests"]) {
            const Micros now = 1'704'110'400LL * micros_per_second + std::llround(r["t"].get<double>() * 1e6);
            const Outcome got = check(world, cache, r["throttles"].get<std::vector<std::string>>(), now, r["who"]);
            const json& drf = answers.at(i++);
            INFO("request at t=" << r["t"] << " by " << r["who"].dump() << " through " << r["throttles"].dump() << "; DRF: " << drf.dump());
            REQUIRE(got.allowed == drf[0].get<bool>());
            if (!got.allowed) {
                CHECK(got.wait == (drf[1].is_null() ? std::nullopt : std::optional<long long>(drf[1].get<long long>())));
                CHECK(got.detail == drf[2].get<std::string>());
            }
        }
    }
    CHECK(i == answers.size());
}

TEST_CASE("The cache forgets an entry at its timeout and culls a third of its entries when full") {
    django::Cache cache;
    cache.set("a", {1.0}, 60, 1000.0);
    CHECK(cache.get("a", 1059.5).has_value());
    CHECK_FALSE(cache.get("a", 1060.0).has_value());  // expired at now + timeout exactly
    for (int k = 0; k < 300; ++k) cache.set("k" + std::to_string(k), {double(k)}, 60, 2000.0);
    CHECK(cache.size() == 300);
    CHECK(cache.get("k0", 2000.0).has_value());  // now the most recently used
    cache.set("new", {0.0}, 60, 2000.0);          // full: the least recently used 100 go first
    CHECK(cache.size() == 201);
    CHECK(cache.get("k0", 2000.0).has_value());
    CHECK_FALSE(cache.get("k1", 2000.0).has_value());
    CHECK_FALSE(cache.get("k100", 2000.0).has_value());
    CHECK(cache.get("k101", 2000.0).has_value());
}

TEST_CASE("A bad throttle entry is refused with the reason and never ignored") {
    CHECK(drf::throttle_problem("AnonRateThrottle:5/min").empty());
    CHECK(drf::throttle_problem("UserRateThrottle:100/day").empty());
    CHECK(drf::throttle_problem("ScopedRateThrottle:5/min").find("unknown throttle") != std::string::npos);
    CHECK(drf::throttle_problem("AnonRateThrottle").find("unknown throttle") != std::string::npos);
    CHECK(drf::throttle_problem("AnonRateThrottle:5/fortnight").find("does not start with s, m, h or d") != std::string::npos);
    CHECK(drf::throttle_problem("AnonRateThrottle:five/min").find("not a whole number") != std::string::npos);
    CHECK_FALSE(drf::make_throttle("AnonRateThrottle:5/"));
}
