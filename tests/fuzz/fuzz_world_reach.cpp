// Every world the core can reach saves and loads back equal: a walk of requests, admin
// commands, clock moves and fixture imports (world_walk.hpp) chosen by the input, the
// world exported and imported again after every step.
#include <cstdio>
#include <cstdlib>

#include "support.hpp"
#include "world_walk.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    walk::WorldWalk walk;
    walk::ByteSource in(data, size);
    for (int steps = 0; !in.empty() && steps < 64; ++steps) {
        std::string done = walk.step(in);
        if (std::string problem = walk::round_trip_problem(walk.backend().world()); !problem.empty()) {
            std::fprintf(stderr, "after %s: %s\n", done.c_str(), problem.c_str());
            std::abort();
        }
    }
    return 0;
}
