#pragma once
// Reproducible random inputs for the tests that compare the core with a reference on many.
#include <cstddef>
#include <random>
#include <string>

namespace authlab::testing {

inline std::string random_bytes(std::mt19937_64& rng, std::size_t size) {
    std::string out(size, '\0');
    for (char& c : out) c = static_cast<char>(rng());
    return out;
}

}  // namespace authlab::testing
