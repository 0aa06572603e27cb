#pragma once
// urllib.parse's percent-coding: the decoding Django uses for paths, query strings, form bodies
// and RFC 2231 header parameters, and quote(), with which it writes URLs back.
#include <string>
#include <string_view>

#include "python/codecs.hpp"

namespace authlab::django {

// unquote_to_bytes: each valid %XX becomes its byte; everything else stays as it is.
std::string unquote_to_bytes(std::string_view text);

// unquote(text, encoding, errors="replace") on UTF-8 text: each run of ASCII characters has its
// escapes turned into bytes and decoded with the codec; other characters stay as they are.
std::string unquote(std::string_view text, python::Codec codec);

// quote(bytes, safe): every byte but ASCII letters, digits, "_.-~" and those in `safe` becomes
// %XX (upper-case hex). quote() of a str encodes it as UTF-8 first: pass its UTF-8 bytes.
std::string quote(std::string_view bytes, std::string_view safe);

}  // namespace authlab::django
