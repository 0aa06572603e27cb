#include "scenario/cookie_jar.hpp"

#include <algorithm>

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

std::vector<CookieJar::Entry> CookieJar::live(Micros now) const {
    std::vector<Entry> out;
    std::copy_if(entries_.begin(), entries_.end(), std::back_inserter(out), [&](const Entry& e) { return alive(e, now); });
    return out;
}

}  // namespace authlab::scenario
