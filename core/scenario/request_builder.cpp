#include "scenario/request_builder.hpp"

#include <algorithm>
#include <cctype>

#include "scenario/check_keys.hpp"
#include "pyjson/dump.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/scenario_error.hpp"

namespace authlab::scenario {
namespace {

using pyjson::Value;

// quote_plus(text, safe=''): UTF-8 bytes, unreserved characters kept, space as '+'.
std::string quote_plus(const std::string& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '_' || c == '.' || c == '-' || c == '~') {
            out += c;
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

std::string upper_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    return text;
}

// The name Django's request.headers gives a WSGI key: HTTP_X_CSRFTOKEN → X-Csrftoken.
std::string header_name(const std::string& wsgi_key) {
    std::string name = wsgi_key.starts_with("HTTP_") ? wsgi_key.substr(5) : wsgi_key;
    bool word_start = true;
    for (char& c : name) {
        if (c == '_') {
            c = '-';
            word_start = true;
        } else {
            c = static_cast<char>(word_start ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
            word_start = false;
        }
    }
    return name;
}

// Django's client sets CONTENT_TYPE or HTTP_<NAME>, one value per key (a later one replaces);
// it computes Content-Length itself.
http::Headers read_headers(const Value& request) {
    http::Headers headers;
    const Value* given = request.find("headers");
    if (!given) return headers;
    if (!given->is(Value::Kind::Dict)) throw ScenarioError("\"headers\" must be an object");
    for (const auto& [name, value] : given->as_dict()) {
        if (!value.is(Value::Kind::Str)) throw ScenarioError("header " + pyjson::str_repr(name) + " must be a string");
        std::string key = upper_ascii(name);
        std::replace(key.begin(), key.end(), '-', '_');
        if (key == "CONTENT_LENGTH") continue;
        headers.set(header_name(key == "CONTENT_TYPE" ? key : "HTTP_" + key), value.as_str());
    }
    return headers;
}

// urlparse(path): the fragment goes, the query is split off (tab and newlines are dropped,
// leading blanks and C0 controls stripped, as Python 3.11 does).
void split_path(std::string url, http::Request& out) {
    std::erase_if(url, [](char c) { return c == '\t' || c == '\r' || c == '\n'; });
    url.erase(url.begin(), std::find_if(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) > 0x20; }));
    url = url.substr(0, url.find('#'));
    std::size_t question = url.find('?');
    out.path = url.substr(0, question);
    out.query = question == std::string::npos ? "" : url.substr(question + 1);
}

}  // namespace

std::string encode_form(const Value& form) {
    std::string out;
    for (const auto& [key, value] : form.as_dict()) {
        if (!out.empty()) out += '&';
        out += quote_plus(key) + "=" + quote_plus(value.is(Value::Kind::Str) ? value.as_str() : pyjson::dumps(value));
    }
    return out;
}

http::Request build_request(const Value& request) {
    check_keys(request, {"method", "path", "headers", "json", "form", "body"}, "request");
    const Value* method = request.find("method");
    const Value* path = request.find("path");
    if (!method || !method->is(Value::Kind::Str) || !path || !path->is(Value::Kind::Str)) {
        throw ScenarioError("a request needs string \"method\" and \"path\"");
    }
    constexpr const char* body_keys[] = {"json", "form", "body"};
    if (std::count_if(std::begin(body_keys), std::end(body_keys), [&](const char* key) { return request.find(key) != nullptr; }) > 1) {
        throw ScenarioError("a request has at most one of json, form, body");
    }

    http::Request out;
    out.method = upper_ascii(method->as_str());  // WSGIRequest upper-cases REQUEST_METHOD
    split_path(path->as_str(), out);
    out.headers = read_headers(request);
    std::string content_type;
    if (const Value* json = request.find("json")) {
        // A lone surrogate goes as its escape, as the page's JSON.stringify sends it (UTF-8 has none).
        out.body = pyjson::dumps(*json, {.ensure_ascii = false, .compact = true, .escape_lone_surrogates = true});
        content_type = "application/json";
    } else if (const Value* form = request.find("form")) {
        if (!form->is(Value::Kind::Dict)) throw ScenarioError("\"form\" must be an object");
        out.body = encode_form(*form);
        content_type = "application/x-www-form-urlencoded";
    } else if (const Value* body = request.find("body")) {
        if (!body->is(Value::Kind::Str)) throw ScenarioError("\"body\" must be a string");
        out.body = body->as_str();  // no Content-Type unless the headers give one
    }
    if (!content_type.empty() && !out.headers.has("Content-Type")) out.headers.set("Content-Type", content_type);
    return out;
}

}  // namespace authlab::scenario
