#include "scenario/substitute.hpp"

#include "pyjson/dump.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/scenario_error.hpp"

namespace authlab::scenario {
namespace {

using pyjson::Value;

std::string replacement(const std::string& name, const Captures& captures, const CookieJar& jar, Micros now) {
    constexpr std::string_view cookie_prefix = "cookie:";
    if (name.starts_with(cookie_prefix)) return jar.value(name.substr(cookie_prefix.size()), now).value_or("");
    auto it = captures.find(name);
    if (it == captures.end()) throw ScenarioError("unknown capture ${" + name + "}");
    return it->second.is(Value::Kind::Str) ? it->second.as_str() : pyjson::dumps(it->second);
}

// re.sub(r'\$\{([^}]*)\}', …): a "${" with no closing brace stays as it is.
std::string substitute_text(const std::string& text, const Captures& captures, const CookieJar& jar, Micros now) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        std::size_t open = text.find("${", pos);
        std::size_t close = open == std::string::npos ? open : text.find('}', open + 2);
        if (close == std::string::npos) break;
        out.append(text, pos, open - pos);
        out += replacement(text.substr(open + 2, close - open - 2), captures, jar, now);
        pos = close + 1;
    }
    return out + text.substr(pos);
}

}  // namespace

Value substitute(const Value& value, const Captures& captures, const CookieJar& jar, Micros now) {
    switch (value.kind()) {
        case Value::Kind::Str: return Value::string(substitute_text(value.as_str(), captures, jar, now));
        case Value::Kind::List: {
            std::vector<Value> items;
            for (const Value& item : value.as_list()) items.push_back(substitute(item, captures, jar, now));
            return Value::list(std::move(items));
        }
        case Value::Kind::Dict: {
            // Two keys that become one: the later value wins, in the earlier place (a dict).
            Value out = Value::dict({});
            for (const auto& [key, item] : value.as_dict()) {
                out.set(substitute_text(key, captures, jar, now), substitute(item, captures, jar, now));
            }
            return out;
        }
        default: return value;
    }
}

}  // namespace authlab::scenario
