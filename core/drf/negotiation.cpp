#include "drf/negotiation.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <vector>

#include "django/query_dict.hpp"
#include "drf/errors.hpp"
#include "drf/parser_text.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::drf {
namespace {

// rest_framework.utils.mediatypes._MediaType: parse_header_parameters over the text (the
// type lower-cased; a non-ASCII type or parameter name is a 500, as in DRF), then
// full_type.partition('/').
struct MediaType {
    std::string main_type, sub_type;
    std::map<std::string, std::string> params;

    explicit MediaType(std::string_view text) {
        HeaderValue header = parse_header(text);
        const std::size_t slash = header.key.find('/');
        main_type = header.key.substr(0, slash);
        sub_type = slash == std::string::npos ? "" : header.key.substr(slash + 1);
        params = std::move(header.params);
    }
    // 3: type/subtype;params, 2: type/subtype (or with q only), 1: type/*, 0: */*
    int precedence() const {
        if (main_type == "*") return 0;
        if (sub_type == "*") return 1;
        return params.empty() || (params.size() == 1 && params.contains("q")) ? 2 : 3;
    }
    // A renderer's type (no parameters) satisfies this accepted type.
    bool accepts(const MediaType& renderer) const {
        if (renderer.sub_type != "*" && sub_type != "*" && sub_type != renderer.sub_type) return false;
        return renderer.main_type == "*" || main_type == "*" || main_type == renderer.main_type;
    }
};

// JSONRenderer.get_indent: int(params['indent']) (Python's int(), so " 4", "٤" and "0_4"
// count) clamped to 0..8, and 0 means none.
std::optional<int> indent_of(const MediaType& accepted) {
    const auto indent = accepted.params.find("indent");
    if (indent == accepted.params.end()) return std::nullopt;
    const std::optional<std::string> value = python::parse_int(python::decode(indent->second));
    if (!value) return std::nullopt;  // int() fails: no indent
    if (python::compare_int(*value, "0") <= 0) return std::nullopt;
    return python::compare_int(*value, "8") >= 0 ? 8 : std::stoi(*value);
}

}  // namespace

Accepted negotiate_renderer(const http::Request& request) {
    // URL_FORMAT_OVERRIDE: request.query_params.get('format') keeps the renderers of that
    // format (JSONRenderer's "json", the browsable API's "api"); none left is Http404. Reading
    // request.GET parses the whole query string, so too many fields end it here (400).
    const std::optional<django::QueryDict> query = django::parse_query_dict(request.query);
    if (!query) throw BadRequest("TooManyFieldsSent: The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
    std::vector<const char*> renderers = {"application/json", "text/html"};
    if (const std::optional<std::string> format = query->get("format"); format && !format->empty()) {
        std::erase_if(renderers, [&](const char* type) { return *format != (std::string_view(type) == "text/html" ? "api" : "json"); });
        if (renderers.empty()) throw not_found();
    }
    const std::string* header = request.headers.find("Accept");
    std::string accept = header ? *header : "*/*";
    std::array<std::vector<MediaType>, 4> by_precedence;  // highest first, as order_by_precedence
    for (std::size_t start = 0; start <= accept.size();) {
        std::size_t end = std::min(accept.find(',', start), accept.size());
        // [token.strip() for token in header.split(',')]: str.strip, Unicode's whitespace.
        MediaType wanted(python::encode(python::strip(python::decode(std::string_view(accept).substr(start, end - start)))));
        by_precedence[static_cast<std::size_t>(3 - wanted.precedence())].push_back(std::move(wanted));
        start = end + 1;
    }
    for (const auto& same_precedence : by_precedence) {
        for (const char* renderer : renderers) {
            const MediaType renderer_type(renderer);
            for (const MediaType& wanted : same_precedence) {
                if (!wanted.accepts(renderer_type)) continue;
                return Accepted{renderer, indent_of(wanted)};
            }
        }
    }
    throw not_acceptable();
}

}  // namespace authlab::drf
