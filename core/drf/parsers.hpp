#pragma once
// DRF's parser selection and its three default parsers (JSONParser, FormParser,
// MultiPartParser), as Request._parse applies them: an empty body or no Content-Type is empty
// data, an unsupported type is 415, a broken body 400 with DRF's message.
#include "drf/request_context.hpp"

namespace authlab::drf {

RequestData parse_request_body(const http::Request& request);  // throws ApiError

}  // namespace authlab::drf
