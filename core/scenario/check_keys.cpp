#include "scenario/check_keys.hpp"

#include <algorithm>
#include <set>

#include "scenario/scenario_error.hpp"

namespace authlab::scenario {

void check_keys(const pyjson::Value& object, std::initializer_list<std::string_view> allowed, const std::string& what) {
    if (!object.is(pyjson::Value::Kind::Dict)) throw ScenarioError(what + " must be an object");
    std::set<std::string> unknown;  // sorted, as the reference lists them
    for (const auto& [key, value] : object.as_dict()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) unknown.insert(key);
    }
    if (unknown.empty()) return;
    std::string names;
    for (const std::string& key : unknown) names += (names.empty() ? "" : ", ") + key;
    throw ScenarioError("unknown " + what + " key(s): " + names);
}

const pyjson::Value* member(const pyjson::Value& object, const std::string& key) {
    return object.is(pyjson::Value::Kind::Dict) ? object.find(key) : nullptr;
}

}  // namespace authlab::scenario
