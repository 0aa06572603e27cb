#include "lab/page_json.hpp"

#include <stdexcept>
#include <utility>
#include <variant>
#include <vector>

#include "pyjson/dump.hpp"
#include "pyjson/parse.hpp"
#include "python/utf8.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/step_record.hpp"

namespace authlab::lab {

using pyjson::Value;

http::Request request_from_json(std::string_view request_json) {
    auto parsed = pyjson::parse(request_json);
    if (auto* error = std::get_if<pyjson::ParseError>(&parsed)) throw std::invalid_argument("the request is not JSON: " + error->message);
    return scenario::build_request(std::get<Value>(parsed));
}

namespace {

// Bytes that are not UTF-8 reach the page as U+FFFD, as a browser decodes them.
Value text(const std::string& bytes) { return Value::string(python::decode_replace(bytes)); }

Value response_value(const http::Response& response, Micros at) {
    Value headers = Value::dict({});
    for (const auto& [name, value] : response.headers.all()) headers.set(name, text(value));
    std::vector<Value> cookies;
    for (const http::SetCookie& c : response.cookies) {
        cookies.push_back(Value::dict({{"name", Value::string(c.name)},
                                       {"value", text(c.value)},
                                       {"max_age", c.max_age ? Value::integer(*c.max_age) : Value()},
                                       {"header", text(c.header_value(at))}}));
    }
    Value record = scenario::record_response(response, at);
    return Value::dict({{"status", Value::integer(response.status)},
                        {"headers", headers},
                        {"cookies", Value::list(std::move(cookies))},
                        {"body", text(response.body)},
                        {"json", *record.find("json")}});
}

}  // namespace

std::string json_text(const nlohmann::ordered_json& json) {
    return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string sent_to_json(const BrowserSession::Sent& sent) {
    return "{\"response\": " + pyjson::dumps(response_value(sent.exchange.response, sent.at), {.ensure_ascii = false}) +
           ", \"trace\": " + json_text(sent.exchange.trace) + "}";
}

}  // namespace authlab::lab
