#pragma once
// The two form parsers DRF hands to Django: FormParser's QueryDict (django/query_dict.hpp) and
// MultiPartParser's Django MultiPartParser, for fields and the names of file parts (their
// contents are not kept). Both answer request.data as a QueryDict: each key's last value, keys
// in first-seen order.
#include <string_view>

#include "drf/parser_text.hpp"
#include "drf/request_context.hpp"
#include "pyjson/value.hpp"
#include "python/codecs.hpp"

namespace authlab::drf {

// QueryDict(body, encoding=charset); throws BadRequest (TooManyFieldsSent) past 1000 fields.
pyjson::Value form_data(std::string_view body, const python::FoundCodec& encoding);

// MultiPartParser(META, body, handlers, encoding).parse(); content_type is the header as sent.
// request.data is request.POST with request.FILES merged in (RequestData::files).
// Throws ParseError ("Multipart form parse error - …") and BadRequest as Django does.
RequestData parse_multipart(std::string_view content_type, std::string_view body, python::Codec codec);

}  // namespace authlab::drf
