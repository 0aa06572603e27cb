#pragma once
// Django 3.2's multipartparser.parse_header, which DRF's parse_header_parameters (media types
// in Content-Type and Accept) and Django's MultiPartParser (the boundary, each part's headers)
// use.
#include <map>
#include <string>
#include <string_view>

namespace authlab::drf {

// parse_header on bytes: the lower-cased main value and the params. Throws ServerError where
// Python raises (a non-ASCII main value or parameter name, an RFC 2231 parameter naming a
// charset Python does not know or whose value is not UTF-8). DRF hands it a header's text
// encoded as UTF-8 (line.encode(), which refuses a lone surrogate): HeaderSource::text;
// MultiPartParser a part's header line as raw bytes, and the Content-Type once it is ASCII.
enum class HeaderSource { text, bytes };
struct HeaderValue {
    std::string key;
    std::map<std::string, std::string> params;  // values as bytes; an RFC 2231 one (name*=) decoded to UTF-8
};
HeaderValue parse_header(std::string_view line, HeaderSource source = HeaderSource::text);

}  // namespace authlab::drf
