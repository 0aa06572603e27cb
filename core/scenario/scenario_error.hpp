#pragma once
// A scenario that cannot run (a bad file, an unknown group, permission, class or capture):
// not a failed expectation. The runner reports the file with this reason and exits 2.
#include <stdexcept>

namespace authlab::scenario {

struct ScenarioError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace authlab::scenario
