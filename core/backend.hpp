#pragma once
// The in-page backend: a World, a clock and a random source, answering simulated HTTP requests
// as the reference Django + DRF project would, each with its decision trace.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/passwords.hpp"
#include "crypto/random.hpp"
#include "django/cache.hpp"
#include "drf/request_context.hpp"
#include "http/message.hpp"
#include "world/world.hpp"

namespace authlab {

struct Exchange {
    http::Response response;
    nlohmann::ordered_json trace;  // drf::Trace::to_json()
};

class Backend {
public:
    Backend(World world, const Clock& clock, crypto::RandomSource& random);

    // Never throws: whatever the request holds, the answer is a response. `forced` replays a
    // request as an already-authenticated user (see drf::ForcedAuthentication).
    Exchange handle(const http::Request& request, const std::optional<drf::ForcedAuthentication>& forced = std::nullopt);

    World& world() { return world_; }
    const World& world() const { return world_; }
    Micros now() const { return clock_.now() + world_.clock_offset; }
    // Moves the virtual clock forward by `by` (up to max_clock_step, never past year 9999).
    // Returns why it did not move, or "" when it did.
    std::string advance(Micros by);
    auth::Passwords passwords() const { return auth::Passwords(random_, world_.password_cost); }
    crypto::RandomSource& random() const { return random_; }
    const Clock& clock() const { return clock_; }
    // Django's default cache (LocMemCache): DRF's throttles keep their history in it. It is not
    // part of the World (a failed request's rollback leaves it, as Django's cache is no table),
    // but the world's JSON keeps it beside the world (lab/world_json), since the server keeps it
    // when the learner's page reloads.
    django::Cache& cache() { return cache_; }
    const django::Cache& cache() const { return cache_; }
    // Django's ATOMIC_REQUESTS: a request that fails half-way leaves the world as it was (on by
    // default). Undoing costs a copy of the world per request; a caller that checks the world
    // after each request and restores it itself (the outcome matrix) turns it off.
    void set_atomic_requests(bool atomic) { atomic_requests_ = atomic; }
    // Whoever keeps the world (the page saves it, the runners export it) says what it can keep:
    // `check` answers why a world and cache could not be saved and loaded back, or "". A request
    // that changes them into ones it refuses is undone and answered 507 with that reason
    // (http::simulator_limit_response), the trace saying it is the simulator's limit. Needs
    // atomic requests (the undo).
    using WorldCheck = std::function<std::string(const World&, const django::Cache&)>;
    void set_world_check(WorldCheck check) { world_check_ = std::move(check); }

private:
    World world_;
    const Clock& clock_;
    crypto::RandomSource& random_;
    django::Cache cache_;
    bool atomic_requests_ = true;
    WorldCheck world_check_;
};

}  // namespace authlab
