#include "time/iso8601.hpp"

#include <cstdio>

namespace authlab {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

// Howard Hinnant's civil calendar conversions (proleptic Gregorian, as Python's datetime).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// Reads exactly `count` digits at `pos`.
std::optional<unsigned> digits(std::string_view text, std::size_t& pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    unsigned value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    pos += count;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

UtcFields utc_fields(Micros at) {
    std::int64_t seconds = at / micros_per_second;
    std::int64_t micros = at % micros_per_second;
    if (micros < 0) micros += micros_per_second, --seconds;
    std::int64_t days = seconds / seconds_per_day;
    std::int64_t rest = seconds % seconds_per_day;
    if (rest < 0) rest += seconds_per_day, --days;
    UtcFields out{};
    civil_from_days(days, out.year, out.month, out.day);
    out.hour = static_cast<unsigned>(rest / 3600);
    out.minute = static_cast<unsigned>(rest / 60 % 60);
    out.second = static_cast<unsigned>(rest % 60);
    out.weekday = static_cast<unsigned>(((days + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
    out.micros = micros;
    return out;
}

std::string django_json_datetime(Micros at) {
    const UtcFields utc = utc_fields(at);
    const std::int64_t micros = utc.micros;
    char text[48];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02u:%02u:%02u", static_cast<long long>(utc.year), utc.month, utc.day,
                  utc.hour, utc.minute, utc.second);
    std::string out = text;
    if (micros) {  // DjangoJSONEncoder keeps milliseconds only
        std::snprintf(text, sizeof text, ".%03d", static_cast<int>(micros / 1000));
        out += text;
    }
    return out + "Z";
}

std::optional<Micros> parse_iso_datetime(std::string_view text) {
    std::size_t pos = 0;
    auto year = digits(text, pos, 4);
    if (!year || !expect(text, pos, '-')) return std::nullopt;
    auto month = digits(text, pos, 2);
    if (!month || !expect(text, pos, '-')) return std::nullopt;
    auto day = digits(text, pos, 2);
    if (!day || (!expect(text, pos, 'T') && !expect(text, pos, ' '))) return std::nullopt;
    auto hour = digits(text, pos, 2);
    if (!hour || !expect(text, pos, ':')) return std::nullopt;
    auto minute = digits(text, pos, 2);
    if (!minute || !expect(text, pos, ':')) return std::nullopt;
    auto second = digits(text, pos, 2);
    if (!second) return std::nullopt;
    if (*year < 1 || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) || *hour > 23 ||
        *minute > 59 || *second > 59)
        return std::nullopt;
    Micros fraction = 0;
    if (expect(text, pos, '.')) {
        std::size_t start = pos;
        Micros scale = 100000;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            fraction += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start || pos - start > 6) return std::nullopt;
    }
    std::int64_t offset_seconds = 0;
    if (expect(text, pos, 'Z')) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int sign = text[pos++] == '-' ? -1 : 1;
        auto oh = digits(text, pos, 2);
        if (!oh || !expect(text, pos, ':')) return std::nullopt;
        auto om = digits(text, pos, 2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset_seconds = sign * (std::int64_t{*oh} * 3600 + *om * 60);
    }
    if (pos != text.size()) return std::nullopt;
    std::int64_t seconds = days_from_civil(*year, *month, *day) * seconds_per_day + *hour * 3600 + *minute * 60 + *second -
                           offset_seconds;
    return seconds * micros_per_second + fraction;
}

}  // namespace authlab
