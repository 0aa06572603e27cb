#pragma once
// The text handling DRF's parsers inherit from Django and Python: header values as WSGI hands
// them over (each byte one character, PEP 3333), the two header parsers (cgi.parse_header for
// request.encoding, django.http.multipartparser.parse_header for media types).
#include <map>
#include <string>
#include <string_view>

namespace authlab::drf {

// A header value's bytes read as Latin-1, written as UTF-8: what a Python str made from the
// WSGI environ shows when DRF puts it into a JSON message.
std::string latin1_to_utf8(std::string_view bytes);

// cgi.parse_header over the Latin-1 text: the params (names lower-cased), for "charset".
std::map<std::string, std::string> cgi_header_params(std::string_view bytes);

// Django 3.2's multipartparser.parse_header on the header's bytes, which DRF's
// parse_header_parameters and Django's MultiPartParser use: the lower-cased main value and
// the params. Throws ServerError where Python raises (a non-ASCII main value or parameter
// name, an unknown RFC 2231 charset). A WSGI header (Content-Type) reaches it as Latin-1
// text; a multipart part's header line as raw bytes.
struct HeaderValue {
    std::string key;
    std::map<std::string, std::string> params;  // values as bytes; an RFC 2231 one (name*=) decoded to UTF-8
};
HeaderValue parse_header(std::string_view bytes, bool wsgi_header = true);

}  // namespace authlab::drf
