#pragma once
// A scenario's `request` (already substituted) as the HTTP request Django's test client makes
// of it in the reference runner: method, path and query, headers as a WSGI server hands them
// on, and a `json`, `form` or raw `body`.
#include "http/message.hpp"
#include "pyjson/value.hpp"

namespace authlab::scenario {

// Throws ScenarioError for a request that is not well formed.
http::Request build_request(const pyjson::Value& request);

// urllib.parse.urlencode of a `form` object: non-string values as their JSON text.
std::string encode_form(const pyjson::Value& form);

}  // namespace authlab::scenario
