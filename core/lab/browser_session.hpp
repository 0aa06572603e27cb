#pragma once
// The learner's browser in the page: the cookie jar it keeps and the clock it reads, in front of
// the backend. Which cookies a request sends, what a Set-Cookie answer changes, how the jar
// survives a reload (saved, checked, restored) and how far the learner moved the clock are
// decided here, so that the WebAssembly bindings only translate JSON.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend.hpp"
#include "http/message.hpp"
#include "scenario/cookie_jar.hpp"
#include "world/world.hpp"

namespace authlab::lab {

// A century: the furthest one advance moves the clock.
inline constexpr double max_advance_seconds = 100.0 * 366 * 86400;

class BrowserSession {
public:
    explicit BrowserSession(Backend& backend) : backend_(backend) {}

    // The request as the browser sends it: the jar's live cookies in one Cookie header, unless
    // the request brings a Cookie header of its own.
    http::Request with_cookies(http::Request request) const;

    // An answer and the time it was given (its cookies' expiries count from then).
    struct Sent {
        Exchange exchange;
        Micros at;
    };
    // Sends the request with the jar's cookies and keeps what the answer's Set-Cookie say.
    Sent send(const http::Request& request);
    // Set-Cookie answers that came another way (a session the lab opened for "send as").
    void receive(const std::vector<http::SetCookie>& cookies);

    // Moves the virtual clock forward by 0 to a century of seconds (fractions too); otherwise
    // the problem in the learner's words, and the clock stays where it was.
    std::optional<std::string> advance(double seconds);
    Micros now() const { return backend_.now(); }

    // The live cookies as the browser would send them: {"csrftoken": "…", "sessionid": "…"}.
    nlohmann::ordered_json cookies() const;
    void clear_cookies() { jar_.clear(); }
    // The jar itself, read-only: ${cookie:NAME} in a lesson's request, the cookies a lesson's
    // check is tried with.
    const scenario::CookieJar& jar() const { return jar_; }
    // The jar across a page reload: [{"name", "value", "expires"}] (scenario::CookieJar::to_json).
    nlohmann::ordered_json export_cookies() const { return jar_.to_json(backend_.now()); }
    // A saved jar is untrusted: the problem, naming the place, and the jar stays as it was.
    std::optional<std::string> import_cookies(std::string_view json);

    // Another world replaces the backend's: the old world's sessions mean nothing there, so the
    // jar empties too. A world whose clock lies outside Django's dates is refused (the problem,
    // and nothing changes).
    std::optional<std::string> replace_world(World world);

private:
    Backend& backend_;
    scenario::CookieJar jar_;
};

}  // namespace authlab::lab
