#include "scenario/step_record.hpp"

#include <algorithm>
#include <cctype>
#include <variant>

#include "pyjson/parse.hpp"
#include "python/utf8.hpp"

namespace authlab::scenario {
namespace {

using pyjson::Value;

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

// response['Content-Type'].split(';')[0].strip().lower() is JSON or +json.
bool is_json(const http::Response& response) {
    std::string type = response.headers.get("Content-Type");
    type = lower_ascii(type.substr(0, type.find(';')));
    const char* blanks = " \t\n\r\f\v";
    std::size_t start = type.find_first_not_of(blanks);
    type = start == std::string::npos ? "" : type.substr(start, type.find_last_not_of(blanks) - start + 1);
    return type == "application/json" || type.ends_with("+json");
}

}  // namespace

Value record_response(const http::Response& response, Micros now) {
    Value headers = Value::dict({});
    for (const auto& [name, value] : response.headers.all()) headers.set(lower_ascii(name), Value::string(python::decode_replace(value)));
    if (!response.cookies.empty()) {
        std::vector<Value> cookies;
        for (const http::SetCookie& cookie : response.cookies) cookies.push_back(Value::string(python::decode_replace(cookie.header_value(now))));
        headers.set("set-cookie", Value::list(std::move(cookies)));
    }
    Value json, text;  // None, None
    if (!response.body.empty() && is_json(response)) {
        auto parsed = pyjson::parse(response.body, "utf-8");
        if (const Value* body = std::get_if<Value>(&parsed)) json = *body;
        else text = Value::string(python::decode_replace(response.body));  // not JSON after all
    } else if (!response.body.empty()) {
        text = Value::string(python::decode_replace(response.body));
    }
    return Value::dict({{"status", Value::integer(response.status)}, {"headers", headers}, {"json", json}, {"text", text}});
}

}  // namespace authlab::scenario
