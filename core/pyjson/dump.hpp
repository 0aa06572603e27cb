#pragma once
// Python's json.dumps over pyjson values, byte for byte: what the reference runner prints and
// what PyJWT signs.
#include <string>

#include "pyjson/value.hpp"

namespace authlab::pyjson {

struct DumpStyle {
    bool ensure_ascii = true;  // json.dumps' default
    bool compact = false;      // separators=(',', ':') instead of (', ', ': ')
    // Without ensure_ascii, a lone surrogate as its escape ("\ud800"), as JavaScript's
    // JSON.stringify writes it, instead of U+FFFD: a request body keeps what its value said.
    bool escape_lone_surrogates = false;
};

// json.dumps(value, ensure_ascii=…, separators=…). The text is always valid UTF-8: an invalid
// byte (never made by Python) becomes U+FFFD, and so does a lone surrogate when it is not to be
// escaped (Python could not print it either).
std::string dumps(const Value& value, DumpStyle style = {});

}  // namespace authlab::pyjson
