#pragma once
// Timestamps as Django's serializers write them (DjangoJSONEncoder: "2024-01-01T12:00:00.123Z",
// milliseconds, UTC as "Z") and read them back (any fraction, "Z", "+HH:MM" or no zone = UTC).
#include <optional>
#include <string>
#include <string_view>

#include "time/clock.hpp"

namespace authlab {

// A moment's calendar fields in UTC (proleptic Gregorian, as Python's datetime), the second
// floored; computed here, not by the C library, whose gmtime is 32-bit in WebAssembly.
struct UtcFields {
    std::int64_t year;
    unsigned month, day, hour, minute, second;
    unsigned weekday;  // 0 Sunday … 6 Saturday
    std::int64_t micros;
};
UtcFields utc_fields(Micros at);

std::string django_json_datetime(Micros at);  // years 1..9999
std::optional<Micros> parse_iso_datetime(std::string_view text);  // nullopt when malformed or out of range

}  // namespace authlab
