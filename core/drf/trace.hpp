#pragma once
// The decision trace: every step the pipeline took for one request, as data the page draws
// (client → API → authentication → authorization → handler) and a sentence explaining the
// outcome.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace authlab::drf {

struct TraceStep {
    std::string stage;      // "route", "negotiation", "authentication", "user", "csrf", "permission",
                            // "object_permission", "handler", "response"
    std::string component;  // the class or view: "TokenAuthentication", "DjangoModelPermissions", …
    std::string result;     // "pass", "fail", "skip", "no_credentials", "authenticated", "error", "info"
    std::string summary;    // one sentence for people: what it looked at and what it concluded
    nlohmann::ordered_json data = nlohmann::ordered_json::object();  // details: needs, has, header, …
};

class Trace {
public:
    TraceStep& add(std::string stage, std::string component, std::string result, std::string summary,
                   nlohmann::ordered_json data = nlohmann::ordered_json::object());
    const std::vector<TraceStep>& steps() const { return steps_; }

    // Set once, when the response is known: "401 because …".
    void conclude(int status, std::string kind, std::string sentence);
    // The trace as the page reads it: {"steps": [...], "outcome": {...}}. It takes the steps
    // apart to build it, so only a trace that is done can say it.
    nlohmann::ordered_json to_json() &&;

private:
    std::vector<TraceStep> steps_;
    nlohmann::ordered_json outcome_ = nlohmann::ordered_json::object();
};

}  // namespace authlab::drf
