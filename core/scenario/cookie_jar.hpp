#pragma once
// A browser's cookie store on the virtual clock, as the reference runner keeps it
// (tests/reference/scenario.py, CookieJar): Set-Cookie answers are stored, Max-Age counts from
// the time of the answer, a cookie whose time is up (Max-Age=0 at once) is gone, and the live
// ones go back in one Cookie header, in the order they were (last) set.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "http/message.hpp"

namespace authlab::scenario {

class CookieJar {
public:
    void store(const http::SetCookie& cookie, Micros now);
    // The cookie's value as sent back (SimpleCookie's coded_value: quoted when it must be).
    std::optional<std::string> value(const std::string& name, Micros now) const;
    // "a=1; b=2", "" when the jar holds nothing live.
    std::string header(Micros now) const;
    // What a browser sends: the live cookies in one Cookie header, unless the request brings a
    // Cookie header of its own, which then replaces the jar.
    void add_cookie_header(http::Request& request, Micros now) const;

    struct Entry {
        std::string name;
        std::string coded_value;
        std::optional<Micros> expires;  // none: a session cookie
    };
    std::vector<Entry> live(Micros now) const;
    void clear() { entries_.clear(); }

    // What the page saves across a reload: [{"name", "value" (coded), "expires" (virtual
    // microseconds, or null for a session cookie)}], the live cookies only.
    nlohmann::ordered_json to_json(Micros now) const;
    // A saved jar is untrusted (browser storage can be edited): every entry is checked, and an
    // error names the offending place.
    static std::variant<CookieJar, std::string> from_json(const nlohmann::json& json);

private:
    std::vector<Entry> entries_;
};

}  // namespace authlab::scenario
