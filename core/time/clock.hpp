#pragma once
// Time is injected: the page runs on the system clock, scenario runs and tests on a fixed
// start. Either way the learner's "advance" moves a virtual offset kept in the world.
#include <cstdint>

namespace authlab {

using Micros = std::int64_t;  // microseconds since the Unix epoch, UTC
constexpr Micros micros_per_second = 1'000'000;

class Clock {
public:
    virtual ~Clock() = default;
    virtual Micros now() const = 0;
};

class SystemClock final : public Clock {
public:
    Micros now() const override;
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(Micros at) : at_(at) {}
    Micros now() const override { return at_; }
    void set(Micros at) { at_ = at; }

private:
    Micros at_;
};

}  // namespace authlab
