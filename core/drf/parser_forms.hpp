#pragma once
// The two form parsers DRF hands to Django: FormParser's QueryDict (django/query_dict.hpp) and
// MultiPartParser's Django MultiPartParser, for fields (file parts are left out). Both answer
// request.data as a QueryDict: each key's last value, keys in first-seen order.
#include <string_view>

#include "drf/parser_text.hpp"
#include "pyjson/value.hpp"
#include "python/codecs.hpp"

namespace authlab::drf {

// QueryDict(body, encoding=charset); throws BadRequest (TooManyFieldsSent) past 1000 fields.
pyjson::Value form_data(std::string_view body, std::string_view charset);

// MultiPartParser(META, body, handlers, encoding).parse(); content_type is the header as sent.
// Throws ParseError ("Multipart form parse error - …") and BadRequest as Django does.
pyjson::Value parse_multipart(std::string_view content_type, std::string_view body, python::Codec codec);

}  // namespace authlab::drf
