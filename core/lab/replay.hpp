#pragma once
// "What would happen": a request run on a copy of the world, on the same clock, so the real
// world never changes. The outcome matrix and "Why not?" are built on it.
#include <optional>
#include <string>

#include "backend.hpp"
#include "lab/credentials.hpp"

namespace authlab::lab {

// A backend over its own copy of a world, on the original's clock. It draws from a random
// source of its own: what is only tried never moves the original's random stream, so a lesson
// replayed from its recorded actions gets the same tokens back however often the learner asked
// "Why not?" (lesson/session.hpp).
class Scratch {
public:
    Scratch(const Backend& original, World world) : backend_(std::move(world), original.clock(), random_) {
        backend_.cache() = original.cache();  // the throttles' history too: a replay is throttled alike
    }
    explicit Scratch(const Backend& original) : Scratch(original, original.world()) {}
    Backend& backend() { return backend_; }

private:
    crypto::SeededRandom random_{0x5c7a7c4};
    Backend backend_;
};

// The request with its credentials replaced by `credentials` (Authorization, Cookie and, for a
// session, the X-CSRFToken header a browser page would add).
http::Request with_credentials(http::Request request, const Credentials& credentials);
http::Request without_credentials(http::Request request);

}  // namespace authlab::lab
