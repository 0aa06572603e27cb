#pragma once
// ${name} and ${cookie:NAME} in every string of a scenario request (keys too), as
// tests/reference/scenario.py's substitute() does it.
#include <map>
#include <string>

#include "pyjson/value.hpp"
#include "scenario/cookie_jar.hpp"

namespace authlab::scenario {

using Captures = std::map<std::string, pyjson::Value>;

// A captured string goes in as it is, anything else as its JSON text; an unknown capture
// throws ScenarioError; a cookie missing from the jar is "".
pyjson::Value substitute(const pyjson::Value& value, const Captures& captures, const CookieJar& jar, Micros now);

}  // namespace authlab::scenario
