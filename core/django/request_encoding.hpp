#pragma once
// request.encoding as Django 3.2 sets it from the Content-Type (HttpRequest's
// _set_content_type_params): the charset of cgi.parse_header when codecs.lookup knows it, else
// none, and then every reader uses DEFAULT_CHARSET (utf-8).
#include <map>
#include <string>
#include <string_view>

#include "python/codecs.hpp"

namespace authlab::django {

// cgi.parse_header(text)'s parameters: split at ';' outside quotes, names and values stripped
// (str.strip), names lower-cased, quoted values unquoted; a repeated name keeps the last.
std::map<std::string, std::string> content_type_params(std::string_view content_type);

// The codec request.encoding (or DEFAULT_CHARSET) names. A charset Python does not know is
// dropped, as Django drops it; one it knows but the lab does not model is returned as found.
python::FoundCodec request_encoding(std::string_view content_type);

}  // namespace authlab::django
