#include "drf/parsers.hpp"

#include "django/request_encoding.hpp"
#include "drf/errors.hpp"
#include "drf/parser_forms.hpp"
#include "drf/parser_text.hpp"
#include "pyjson/parse.hpp"
#include "python/codecs.hpp"

namespace authlab::drf {
namespace {

// rest_framework.utils.mediatypes._MediaType: type and subtype of the parsed header.
struct MediaType {
    std::string main_type, sub_type;
    explicit MediaType(std::string_view header) {
        std::string full = parse_header(header).key;
        std::size_t slash = full.find('/');
        main_type = full.substr(0, slash);
        sub_type = slash == std::string::npos ? "" : full.substr(slash + 1);
    }
};

// media_type_matches(parser's type, request's type): '*' on either side matches.
bool media_type_matches(const MediaType& parser, const MediaType& request) {
    if (parser.sub_type != "*" && request.sub_type != "*" && request.sub_type != parser.sub_type) return false;
    return parser.main_type == "*" || request.main_type == "*" || request.main_type == parser.main_type;
}

bool is_form_media_type(std::string_view content_type) {
    std::string base = parse_header(content_type).key;
    return base == "application/x-www-form-urlencoded" || base == "multipart/form-data";
}

RequestData json_parser(std::string_view body, python::Codec codec) {
    std::variant<pyjson::Value, pyjson::ParseError> parsed = pyjson::parse(body, codec);
    if (const auto* error = std::get_if<pyjson::ParseError>(&parsed)) {
        // RecursionError is no ValueError: DRF lets it escape and Django answers 500.
        if (error->kind == pyjson::ParseError::Kind::RecursionError) throw ServerError("RecursionError: " + error->message);
        throw parse_error("JSON parse error - " + error->message);
    }
    return {std::get<pyjson::Value>(std::move(parsed)), false};
}

}  // namespace

// Request._parse with DEFAULT_PARSER_CLASSES (JSONParser, FormParser, MultiPartParser).
RequestData parse_request_body(const http::Request& request) {
    // request.content_type: the header as WSGI hands it over, '' when absent.
    const std::string content_type = request.headers.get("Content-Type");
    if (request.body.empty()) {  // CONTENT_LENGTH 0: no stream
        if (!content_type.empty() && is_form_media_type(content_type)) return {pyjson::Value::dict({}), true};
        return {pyjson::Value::dict({}), false};
    }
    // request.encoding: the charset, when Python knows it; else DEFAULT_CHARSET.
    const python::FoundCodec encoding = django::request_encoding(content_type);

    const MediaType requested(content_type);
    if (media_type_matches(MediaType("application/json"), requested)) return json_parser(request.body, python::modelled(encoding));
    if (media_type_matches(MediaType("application/x-www-form-urlencoded"), requested)) {
        return {form_data(request.body, encoding), true};
    }
    if (media_type_matches(MediaType("multipart/form-data"), requested)) {
        return parse_multipart(content_type, request.body, python::modelled(encoding));
    }
    throw unsupported_media_type(content_type);
}

}  // namespace authlab::drf
