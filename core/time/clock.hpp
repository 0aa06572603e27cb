#pragma once
// Time is injected: the page runs on the system clock, scenario runs and tests on a fixed
// start. Either way the learner's "advance" moves a virtual offset kept in the world.
#include <cstdint>
#include <optional>
#include <string>

namespace authlab {

using Micros = std::int64_t;  // microseconds since the Unix epoch, UTC
constexpr Micros micros_per_second = 1'000'000;

// Django's datetime ends at 9999-12-31 23:59:59.999999 UTC (datetime.max): past it Django
// cannot write a token's expiry or a cookie's date, so the virtual clock never goes there.
constexpr Micros latest_virtual_time = 253'402'300'799LL * micros_per_second + 999'999;
// One move of the clock: up to a century forward.
constexpr Micros max_clock_step = Micros{100} * 366 * 86'400 * micros_per_second;

// Whether `at` plus `seconds` is still a datetime: past datetime.max, Python's datetime +
// timedelta raises OverflowError ("date value out of range") and the http_date of
// time.time() + seconds ValueError ("year 10000 is out of range").
bool fits_in_datetime(Micros at, std::int64_t seconds);

// Why the virtual clock cannot stand at `clock_now + offset` (past year 9999, or before
// 1970), or "" when it can. Offsets within ±latest_virtual_time never overflow.
std::string virtual_time_problem(Micros clock_now, Micros offset);

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

// A clock that stands still while one thing happens, so that everything an action reads sees
// one instant, and a replay can stand it at the instant that was recorded.
class PinnableClock final : public Clock {
public:
    explicit PinnableClock(const Clock& live) : live_(live) {}
    Micros now() const override { return pinned_ ? *pinned_ : live_.now(); }
    void pin(Micros at) { pinned_ = at; }
    void unpin() { pinned_.reset(); }
    bool pinned() const { return pinned_.has_value(); }

private:
    const Clock& live_;
    std::optional<Micros> pinned_;
};

}  // namespace authlab
