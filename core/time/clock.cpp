#include "time/clock.hpp"

#include <chrono>

namespace authlab {

Micros SystemClock::now() const {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace authlab

namespace authlab {

bool fits_in_datetime(Micros at, std::int64_t seconds) {
    return at <= latest_virtual_time && seconds <= (latest_virtual_time - at) / micros_per_second;
}

std::string virtual_time_problem(Micros clock_now, Micros offset) {
    Micros at = clock_now + offset;
    constexpr Micros micros_per_day = 86'400 * micros_per_second;
    if (at > latest_virtual_time) {
        return "the virtual clock cannot pass 9999-12-31 23:59:59 UTC, the last moment Django's datetime can hold "
               "(this would put it " + std::to_string((at - latest_virtual_time) / micros_per_day + 1) + " days past it)";
    }
    if (at < 0) return "the virtual clock cannot go before 1970-01-01 00:00:00 UTC, where the core's time starts";
    return "";
}

}  // namespace authlab
