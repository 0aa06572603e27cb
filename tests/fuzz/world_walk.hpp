#pragma once
// A walk through the worlds the core can reach, as the page reaches them: requests (books,
// orders, djoser's users and token logins), admin commands, clock
// moves and Django fixture imports, each chosen and filled in from a stream of bytes. The
// property test (tests/unit/world_roundtrip_test.cpp, bytes from a seeded generator) and the
// fuzz target fuzz_world_reach (bytes from libFuzzer) walk it and check after every step that
// the world saves and loads back equal.
#include <cstdint>
#include <string>

#include "backend.hpp"
#include "crypto/random.hpp"
#include "time/clock.hpp"

namespace authlab::walk {

// Bytes read front to back; past the end every read answers 0.
class ByteSource {
public:
    ByteSource(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    bool empty() const { return pos_ >= size_; }
    std::uint8_t byte() { return empty() ? 0 : data_[pos_++]; }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : (std::size_t{byte()} << 8 | byte()) % n; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// The default world with cheap Argon2 (a login costs microseconds), a fixed start and seeded
// random source, and the page's world check (world_save_problem) on every request.
class WorldWalk {
public:
    WorldWalk();
    // One step; returns what it did, for a failure's message ("POST /api/books/ → 507").
    std::string step(ByteSource& in);
    Backend& backend() { return backend_; }

private:
    std::string request(ByteSource& in);
    std::string admin(ByteSource& in);
    std::string advance(ByteSource& in);
    std::string import_fixture(ByteSource& in);

    FixedClock clock_;
    crypto::SeededRandom random_;
    Backend backend_;
};

// "" when `world` exports and loads back equal; otherwise what went wrong.
std::string round_trip_problem(const World& world);

}  // namespace authlab::walk
