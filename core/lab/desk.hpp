#pragma once
// The lab's desk: the backend, with the learner's browser in front of it, and the one way each
// thing a learner does reaches them. Every action is a JSON value, so that a lesson can record
// what the learner did and do it again exactly (lesson/session.hpp):
//
//   {"request": {method, path, headers?, json? | form? | body?}}   sent with the cookie jar
//   {"admin": {"op": …}}                                          a core.admin command
//   {"advance": seconds}                                          the virtual clock moves on
//   {"credentials": {"username", "mechanism"}}                    "send as" (lab/credentials)
//   {"world": "world file text"}  {"cookies": "jar text"}  {"clear_cookies": true}
//
// The clock is pinned for the length of an action: all it reads is one instant, the one a
// replay pins it at again.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "backend.hpp"
#include "lab/browser_session.hpp"
#include "pyjson/value.hpp"
#include "time/clock.hpp"

namespace authlab::lab {

struct Acted {
    std::string answer;                       // the JSON text the page is given ({"error": …} when refused)
    bool ok = true;                           // false: refused, nothing changed
    std::optional<BrowserSession::Sent> sent;  // a request's exchange
    http::Request request;                     // a request as it was asked for (before the jar's cookies)
    std::optional<std::string> authorization;  // "send as": the header it issued ("Token …", "Bearer …")
};

class Desk {
public:
    // The world is made with the desk's own random stream (its secret key, its users' salts).
    Desk(std::unique_ptr<crypto::RandomSource> random, const Clock& live, const std::function<World(crypto::RandomSource&)>& make_world);

    // Does one action and answers it: at the instant an Instant holds, or else at the live
    // clock's time now. An action that is not one of the above is refused, as is everything
    // malformed in it; a refused action changes nothing.
    Acted act(const pyjson::Value& action);

    // While it lives, the desk's clock stands at `at`: an action and what is judged after it
    // see the same instant.
    class Instant {
    public:
        Instant(Desk& desk, Micros at) : clock_(desk.clock_) { clock_.pin(at); }
        ~Instant() { clock_.unpin(); }
        Instant(const Instant&) = delete;
        Instant& operator=(const Instant&) = delete;

    private:
        PinnableClock& clock_;
    };

    // The live clock's time now (the base of the virtual clock, without the world's offset).
    Micros clock_now() const { return live_.now(); }

    Backend& backend() { return backend_; }
    const Backend& backend() const { return backend_; }
    BrowserSession& browser() { return browser_; }
    const BrowserSession& browser() const { return browser_; }

private:
    Acted act_now(const pyjson::Value& action);

    std::unique_ptr<crypto::RandomSource> random_;
    const Clock& live_;
    PinnableClock clock_;
    Backend backend_;
    BrowserSession browser_;
};

}  // namespace authlab::lab
