#pragma once
// DRF's DefaultContentNegotiation.select_renderer over its two default renderers (JSON, then
// the browsable API's text/html), and what JSONRenderer takes from the accepted media type.
// The page only renders JSON; an Accept header that neither satisfies is 406.
#include <optional>
#include <string>

#include "http/message.hpp"

namespace authlab::drf {

struct Accepted {
    std::string renderer = "application/json";  // "text/html" is the browsable API, answered with JSON here
    std::optional<int> indent;  // JSONRenderer.get_indent, from the accepted type's params: "application/json; indent=4"
};

// ?format= (URL_FORMAT_OVERRIDE) first: an unknown format throws NotFound (DRF's Http404).
// Throws NotAcceptable when no renderer left satisfies Accept.
Accepted negotiate_renderer(const http::Request& request);

}  // namespace authlab::drf
