#include "scenario/cookie_jar.hpp"

#include <algorithm>
#include <cstdint>

namespace authlab::scenario {
namespace {

// SimpleCookie's quoting lives in http::SetCookie::header_value: the coded value is what it
// writes between "name=" and the first ';' (a quoted value escapes ';' as \073).
std::string coded_value(const http::SetCookie& cookie) {
    std::string header = cookie.header_value(0);
    std::string value = header.substr(cookie.name.size() + 1);
    return value.substr(0, value.find(';'));
}

bool alive(const CookieJar::Entry& entry, Micros now) { return !entry.expires || *entry.expires > now; }

constexpr std::size_t max_saved_cookies = 50;
constexpr std::size_t max_cookie_bytes = 4096;  // what browsers keep of one cookie

// A name is an RFC 6265 token; a coded value may not break the Cookie header it is sent in.
bool valid_name(const std::string& name) {
    return !name.empty() && name.size() <= 256 && std::all_of(name.begin(), name.end(), [](char c) {
        return c > 0x20 && c < 0x7f && std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
    });
}

bool valid_value(const std::string& value) {
    return value.size() <= max_cookie_bytes &&
           std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != ';'; });
}

}  // namespace

void CookieJar::store(const http::SetCookie& cookie, Micros now) {
    std::optional<Micros> expires;
    if (cookie.max_age) expires = now + *cookie.max_age * micros_per_second;
    std::erase_if(entries_, [&](const Entry& entry) { return entry.name == cookie.name; });
    Entry entry{cookie.name, coded_value(cookie), expires};
    if (alive(entry, now)) entries_.push_back(std::move(entry));
}

std::optional<std::string> CookieJar::value(const std::string& name, Micros now) const {
    for (const Entry& entry : entries_) {
        if (entry.name == name && alive(entry, now)) return entry.coded_value;
    }
    return std::nullopt;
}

std::string CookieJar::header(Micros now) const {
    std::string out;
    for (const Entry& entry : live(now)) out += (out.empty() ? "" : "; ") + entry.name + "=" + entry.coded_value;
    return out;
}

void CookieJar::add_cookie_header(http::Request& request, Micros now) const {
    if (request.headers.has("Cookie")) return;
    std::string cookies = header(now);
    if (!cookies.empty()) request.headers.set("Cookie", cookies);
}

std::vector<CookieJar::Entry> CookieJar::live(Micros now) const {
    std::vector<Entry> out;
    std::copy_if(entries_.begin(), entries_.end(), std::back_inserter(out), [&](const Entry& e) { return alive(e, now); });
    return out;
}

nlohmann::ordered_json CookieJar::to_json(Micros now) const {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Entry& entry : live(now)) {
        out.push_back({{"name", entry.name}, {"value", entry.coded_value},
                       {"expires", entry.expires ? nlohmann::ordered_json(*entry.expires) : nlohmann::ordered_json()}});
    }
    return out;
}

std::variant<CookieJar, std::string> CookieJar::from_json(const nlohmann::json& json) {
    if (!json.is_array()) return std::string("cookies: expected a list");
    if (json.size() > max_saved_cookies) return "cookies: more than " + std::to_string(max_saved_cookies) + " cookies";
    CookieJar jar;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const nlohmann::json& item = json[i];
        const std::string at = "cookies[" + std::to_string(i) + "]";
        if (!item.is_object()) return at + ": expected an object";
        const auto name = item.find("name"), value = item.find("value"), expires = item.find("expires");
        if (name == item.end() || !name->is_string() || !valid_name(name->get<std::string>())) {
            return at + ".name: expected a cookie name (letters, digits and !#$%&'*+-.^_`|~)";
        }
        if (value == item.end() || !value->is_string() || !valid_value(value->get<std::string>())) {
            return at + ".value: expected printable ASCII without ';', at most " + std::to_string(max_cookie_bytes) + " bytes";
        }
        const bool fits = expires != item.end() && expires->is_number_integer() &&
                          !(expires->is_number_unsigned() && expires->get<std::uint64_t>() > std::uint64_t(INT64_MAX));
        if (expires == item.end() || !(expires->is_null() || fits)) {
            return at + ".expires: expected a whole number of microseconds or null";
        }
        Entry entry{name->get<std::string>(), value->get<std::string>(), std::nullopt};
        if (!expires->is_null()) entry.expires = expires->get<Micros>();
        std::erase_if(jar.entries_, [&](const Entry& e) { return e.name == entry.name; });
        jar.entries_.push_back(std::move(entry));
    }
    return jar;
}

}  // namespace authlab::scenario
