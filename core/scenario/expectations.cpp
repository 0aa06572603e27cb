#include "scenario/expectations.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "scenario/check_keys.hpp"
#include "pyjson/dump.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/scenario_error.hpp"

namespace authlab::scenario {
namespace {

using pyjson::Value;

const Value none;

const Value& field(const Value& record, const std::string& key) {
    const Value* value = record.find(key);
    return value ? *value : none;
}

const Value::Items& object_items(const Value& value, const std::string& what) {
    if (!value.is(Value::Kind::Dict)) throw ScenarioError(what + " must be an object");
    return value.as_dict();
}

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

bool is_index(const std::string& part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<Value> dig(const Value& body, const std::string& path) {
    const Value* at = &body;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (at->is(Value::Kind::Dict) && at->find(part)) {
            at = at->find(part);
        } else if (at->is(Value::Kind::List) && is_index(part)) {
            std::string digits = part.substr(std::min(part.find_first_not_of('0'), part.size() - 1));
            const auto& items = at->as_list();
            if (digits.size() > 9 || std::stoul(digits) >= items.size()) return std::nullopt;
            at = &items[static_cast<std::size_t>(std::stoul(digits))];
        } else {
            return std::nullopt;
        }
        if (dot == std::string::npos) return *at;
        start = dot + 1;
    }
}

std::string short_json(const Value& value) {
    std::string text = pyjson::dumps(value);  // ensure_ascii: one byte a character
    return text.size() <= 160 ? text : text.substr(0, 160) + "...";
}

std::vector<ExpectFailure> expect_failures(const Value& expect, const Value& record) {
    using Part = ExpectFailure::Part;
    check_keys(expect, {"status", "json", "keys", "header"}, "expect");
    std::vector<ExpectFailure> failures;
    const Value& status = field(record, "status");
    if (const Value* want = expect.find("status"); want && !equals_int(std::stoll(status.int_digits()), *want)) {
        failures.push_back({Part::status, "", status, *want});
    }
    const Value& json = field(record, "json");
    if (const Value* want = expect.find("json"); want && !same(json, *want)) failures.push_back({Part::json, "", json, *want});
    if (const Value* keys = expect.find("keys")) {
        if (!keys->is(Value::Kind::List)) throw ScenarioError("expect.keys must be a list");
        for (const Value& key : keys->as_list()) {
            if (!json.is(Value::Kind::Dict) || !key.is(Value::Kind::Str) || !json.find(key.as_str())) {
                failures.push_back({Part::key, key.str(), Value(), key});
            }
        }
    }
    if (const Value* headers = expect.find("header")) {
        const Value& got_headers = field(record, "headers");
        for (const auto& [name, expected] : object_items(*headers, "expect.header")) {
            const Value& want = expected;  // a structured binding cannot be captured in C++20
            std::string key = lower_ascii(name);
            const Value& got = got_headers.find(key) ? *got_headers.find(key) : none;
            bool ok;
            if (key == "set-cookie" && !want.is(Value::Kind::None)) {  // one of the cookies
                const auto& cookies = got.as_list();
                ok = std::any_of(cookies.begin(), cookies.end(), [&](const Value& cookie) { return same(cookie, want); });
            } else {
                ok = same(got, want);
            }
            if (!ok) failures.push_back({Part::header, name, got, want});
        }
    }
    return failures;
}

std::vector<std::string> check_expect(const Value& expect, const Value& record) {
    using Part = ExpectFailure::Part;
    std::vector<std::string> reasons;
    for (const ExpectFailure& f : expect_failures(expect, record)) {
        switch (f.part) {
            case Part::status: reasons.push_back("status " + f.got.str() + ", expected " + f.wanted.str()); break;
            case Part::json: reasons.push_back("json " + short_json(f.got) + ", expected " + short_json(f.wanted)); break;
            case Part::key: reasons.push_back("key " + f.wanted.repr() + " missing"); break;
            case Part::header: reasons.push_back("header " + f.name + ": " + short_json(f.got) + ", expected " + short_json(f.wanted)); break;
        }
    }
    return reasons;
}

void capture_values(const Value& capture, const Value& record, Captures& captures, std::vector<std::string>& reasons) {
    for (const auto& [name, path] : object_items(capture, "capture")) {
        if (std::optional<Value> value = dig(field(record, "json"), path.str())) {
            captures[name] = *value;
        } else {
            reasons.push_back("capture " + name + ": no " + path.repr() + " in the body");
        }
    }
}

}  // namespace authlab::scenario
