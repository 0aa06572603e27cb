#pragma once
// Timestamps as Django's serializers write them (DjangoJSONEncoder: "2024-01-01T12:00:00.123Z",
// milliseconds, UTC as "Z") and read them back (any fraction, "Z", "+HH:MM" or no zone = UTC).
#include <optional>
#include <string>
#include <string_view>

#include "time/clock.hpp"

namespace authlab {

std::string django_json_datetime(Micros at);  // years 1..9999
std::optional<Micros> parse_iso_datetime(std::string_view text);  // nullopt when malformed or out of range

}  // namespace authlab
