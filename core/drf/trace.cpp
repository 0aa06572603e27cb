#include "drf/trace.hpp"

namespace authlab::drf {

TraceStep& Trace::add(std::string stage, std::string component, std::string result, std::string summary,
                      nlohmann::ordered_json data) {
    steps_.push_back({std::move(stage), std::move(component), std::move(result), std::move(summary), std::move(data)});
    return steps_.back();
}

void Trace::conclude(int status, std::string kind, std::string sentence) {
    outcome_ = {{"status", status}, {"kind", std::move(kind)}, {"sentence", std::move(sentence)}};
}

nlohmann::ordered_json Trace::to_json() && {
    // Built key by key from moved parts: an initializer list would copy every step's data.
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (TraceStep& s : steps_) {
        nlohmann::ordered_json& step = steps.emplace_back(nlohmann::ordered_json::object());
        step["stage"] = std::move(s.stage);
        step["component"] = std::move(s.component);
        step["result"] = std::move(s.result);
        step["summary"] = std::move(s.summary);
        step["data"] = std::move(s.data);
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["steps"] = std::move(steps);
    out["outcome"] = std::move(outcome_);
    return out;
}

}  // namespace authlab::drf
