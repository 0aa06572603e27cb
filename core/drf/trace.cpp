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

nlohmann::ordered_json Trace::to_json() const {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const TraceStep& s : steps_) {
        steps.push_back({{"stage", s.stage}, {"component", s.component}, {"result", s.result},
                         {"summary", s.summary}, {"data", s.data}});
    }
    return {{"steps", steps}, {"outcome", outcome_}};
}

}  // namespace authlab::drf
