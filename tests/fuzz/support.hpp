#pragma once
// What the fuzz targets share: a small world whose passwords hash cheaply (so a Basic login
// costs microseconds, not Django's 100 MiB Argon2), a fixed clock and a seeded random
// source, and the plain-text request form the request target reads.
#include <cstdint>
#include <string_view>

#include "backend.hpp"
#include "crypto/random.hpp"
#include "http/message.hpp"
#include "time/clock.hpp"

namespace authlab::fuzz {

// The default world (five users, three groups, three books), hashed once per process with
// Argon2's least cost.
const World& cheap_default_world();

// A backend over a fresh copy of that world, so no input sees another's changes.
struct FreshBackend {
    FixedClock clock{1'704'110'400LL * micros_per_second};  // the scenarios' start
    crypto::SeededRandom random{1};
    Backend backend{cheap_default_world(), clock, random};
};

// "METHOD /path?query\nName: value\n…\n\nbody": the request line, header lines up to the
// first empty line, then the body as raw bytes. tests/fuzz/seeds.py writes this form.
http::Request request_from_text(std::string_view text);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace authlab::fuzz
