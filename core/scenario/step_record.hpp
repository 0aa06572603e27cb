#pragma once
// What a runner prints for one answered step (scenarios.md, "Runner output"):
// {"status", "headers" (lower-case names; "set-cookie" a list, only when cookies are set),
//  "json" (the parsed body when the answer is JSON), "text" (the raw body otherwise)}.
#include "http/message.hpp"
#include "pyjson/value.hpp"

namespace authlab::scenario {

// `now` is the time of the answer: Set-Cookie's expires= is written from it.
pyjson::Value record_response(const http::Response& response, Micros now);

}  // namespace authlab::scenario
