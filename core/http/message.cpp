#include "http/message.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "time/iso8601.hpp"

namespace authlab::http {
namespace {

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    const char* space = " \t\n\r\f\v";
    std::size_t start = s.find_first_not_of(space);
    if (start == std::string_view::npos) return {};
    return s.substr(start, s.find_last_not_of(space) - start + 1);
}

// http.cookies._unquote: strips surrounding quotes and undoes \" \\ and \ooo escapes.
std::string unquote(std::string_view value) {
    if (value.size() < 2 || value.front() != '"' || value.back() != '"') return std::string(value);
    value = value.substr(1, value.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 == value.size()) {
            out += value[i];
        } else if (i + 3 < value.size() && std::all_of(value.begin() + static_cast<long>(i) + 1, value.begin() + static_cast<long>(i) + 4,
                                                          [](char c) { return c >= '0' && c <= '7'; })) {
            out += static_cast<char>((value[i + 1] - '0') * 64 + (value[i + 2] - '0') * 8 + (value[i + 3] - '0'));
            i += 3;
        } else {
            out += value[++i];
        }
    }
    return out;
}

// Python's SimpleCookie quotes values with characters outside its legal set.
std::string quote(std::string_view value) {
    static const std::string_view legal =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~:";
    bool plain = std::all_of(value.begin(), value.end(), [](char c) { return legal.find(c) != std::string_view::npos; });
    if (plain && !value.empty()) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f || c == ',' || c == ';') {
            char octal[5];
            std::snprintf(octal, sizeof octal, "\\%03o", static_cast<unsigned char>(c));
            out += octal;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

const std::string* Headers::find(std::string_view name) const {
    for (const auto& [n, v] : entries_) {
        if (same_name(n, name)) return &v;
    }
    return nullptr;
}

std::string Headers::get(std::string_view name) const {
    const std::string* value = find(name);
    return value ? *value : std::string();
}

void Headers::set(std::string_view name, std::string value) {
    remove(name);
    entries_.emplace_back(std::string(name), std::move(value));
}

void Headers::remove(std::string_view name) {
    std::erase_if(entries_, [&](const auto& entry) { return same_name(entry.first, name); });
}

void Headers::add(std::string name, std::string value) { entries_.emplace_back(std::move(name), std::move(value)); }

std::string http_date(Micros at) {
    const UtcFields utc = utc_fields(at);  // the second floored, like Python's time functions
    char text[64];
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::snprintf(text, sizeof text, "%s, %02u %s %04lld %02u:%02u:%02u GMT", days[utc.weekday], utc.day,
                  months[utc.month - 1], static_cast<long long>(utc.year), utc.hour, utc.minute, utc.second);
    return text;
}

// Morsel.OutputString lists the attributes sorted by name: expires, httponly, max-age, path, samesite.
std::string SetCookie::header_value(Micros now) const {
    std::string out = name + "=" + quote(value);
    if (max_age) {
        out += "; expires=" + (*max_age == 0 ? std::string("Thu, 01 Jan 1970 00:00:00 GMT")
                                             : http_date(now + *max_age * micros_per_second));
    }
    if (http_only) out += "; HttpOnly";
    if (max_age) out += "; Max-Age=" + std::to_string(*max_age);
    out += "; Path=/";
    if (!same_site.empty()) out += "; SameSite=" + same_site;
    return out;
}

std::map<std::string, std::string> parse_cookie_header(std::string_view header) {
    std::map<std::string, std::string> cookies;
    for (std::size_t start = 0; start <= header.size();) {
        std::size_t end = std::min(header.find(';', start), header.size());
        std::string_view chunk = header.substr(start, end - start);
        std::size_t eq = chunk.find('=');
        std::string_view key = eq == std::string_view::npos ? std::string_view() : trim(chunk.substr(0, eq));
        std::string_view value = trim(eq == std::string_view::npos ? chunk : chunk.substr(eq + 1));
        if (!key.empty() || !value.empty()) cookies[std::string(key)] = unquote(value);
        start = end + 1;
    }
    return cookies;
}

}  // namespace authlab::http
