#include "lesson/failure_words.hpp"

#include <optional>

#include "pyjson/dump.hpp"
#include "python/utf8.hpp"
#include "scenario/json_equality.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;
using Kind = Value::Kind;

std::string items(std::size_t count) { return std::to_string(count) + (count == 1 ? " item" : " items"); }

// The first place where the answer's JSON differs from the expected JSON, as a dotted path
// (json.results.0.title); the whole body when the difference is at the top.
std::optional<std::string> difference(const Value& got, const Value& wanted, const std::string& at) {
    if (scenario::same(got, wanted)) return std::nullopt;
    if (got.is(Kind::Dict) && wanted.is(Kind::Dict)) {
        for (const auto& [key, want] : wanted.as_dict()) {
            const Value* have = got.find(key);
            if (!have) return "expected " + at + "." + key + " " + shown(want) + ", got none";
            if (auto found = difference(*have, want, at + "." + key)) return found;
        }
        for (const auto& [key, have] : got.as_dict()) {
            if (!wanted.find(key)) return "expected no " + at + "." + key + ", got " + shown(have);
        }
    }
    if (got.is(Kind::List) && wanted.is(Kind::List)) {
        if (got.as_list().size() != wanted.as_list().size())
            return "expected " + at + " with " + items(wanted.as_list().size()) + ", got " + items(got.as_list().size());
        for (std::size_t i = 0; i < got.as_list().size(); ++i) {
            if (auto found = difference(got.as_list()[i], wanted.as_list()[i], at + "." + std::to_string(i))) return found;
        }
    }
    return "expected " + at + " " + shown(wanted) + ", got " + shown(got);
}

}  // namespace

std::string shown(const Value& value) {
    std::string text = pyjson::dumps(value, {.ensure_ascii = false});
    if (python::code_points(text) <= 160) return text;
    std::size_t end = 0;
    for (std::size_t count = 0; count < 160 && end < text.size(); ++count) {  // whole UTF-8 characters
        do ++end;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
    }
    return text.substr(0, end) + "…";
}

std::string failure_words(const scenario::ExpectFailure& failure) {
    using Part = scenario::ExpectFailure::Part;
    switch (failure.part) {
        case Part::status: return "expected " + failure.wanted.str() + ", got " + failure.got.str();
        case Part::json: return difference(failure.got, failure.wanted, "json").value_or("");
        case Part::key: return "expected json." + failure.name + " to be there, got none";
        case Part::header: {
            std::string got = failure.got.is(Kind::None) ? "none" : shown(failure.got);
            if (failure.wanted.is(Kind::None)) return "expected no header " + failure.name + ", got " + got;
            return "expected header " + failure.name + " " + shown(failure.wanted) + ", got " + got;
        }
    }
    return "";
}

}  // namespace authlab::lesson
