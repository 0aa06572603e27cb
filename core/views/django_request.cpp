#include "views/django_request.hpp"

#include "django/request_encoding.hpp"
#include "drf/errors.hpp"
#include "drf/parsers.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::views {
namespace {

// cgi.parse_header's key: the text before the first ';', stripped but not lower-cased.
std::string media_type(const http::Request& http) {
    const std::string header = http.headers.get("Content-Type");
    return python::encode(python::strip(python::decode(header.substr(0, header.find(';')))));
}

}  // namespace

const django::QueryDict& DjangoRequest::post() {
    if (post_) return *post_;
    const std::string type = media_type(http_);
    if (http_.method != "POST") {
        post_.emplace();
    } else if (type == "multipart/form-data") {
        // Django's MultiPartParser, which DRF's MultiPartParser wraps: the same fields.
        try {
            const drf::RequestData data = drf::parse_request_body(http_);
            std::vector<std::pair<std::string, std::string>> items;
            for (const auto& [key, value] : data.value.as_dict()) {
                if (value.is(pyjson::Value::Kind::Str)) items.emplace_back(key, value.as_str());
            }
            post_.emplace(std::move(items));
        } catch (const drf::ApiError& error) {
            throw BadRequest{false, error.body.value("detail", std::string("the multipart body cannot be parsed"))};
        }
    } else if (type == "application/x-www-form-urlencoded") {
        if (http_.body.size() > django::data_upload_max_memory_size) {
            throw BadRequest{true, "RequestDataTooBig: the body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE"};
        }
        std::optional<django::QueryDict> parsed =
            django::parse_query_dict(http_.body, django::request_encoding(http_.headers.get("Content-Type")));
        if (!parsed) throw BadRequest{true, "TooManyFieldsSent: more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields"};
        post_ = std::move(parsed);
    } else {
        post_.emplace();  // another body type is no form: request.POST is empty
    }
    return *post_;
}

django::QueryDict DjangoRequest::get() const {
    return django::parse_query_dict(http_.query, django::request_encoding(http_.headers.get("Content-Type")))
        .value_or(django::QueryDict());
}

std::string DjangoRequest::host() const {
    return http_.headers.has("Host") ? http_.headers.get("Host") : "testserver";
}

void add_never_cache_headers(http::Response& response, Micros now) {
    response.headers.add("Expires", http::http_date(now));
    response.headers.add("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private");
}

}  // namespace authlab::views
