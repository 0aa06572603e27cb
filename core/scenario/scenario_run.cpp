#include "scenario/scenario_run.hpp"

#include <cmath>
#include <variant>

#include "backend.hpp"
#include "export/world_json.hpp"
#include "pyjson/parse.hpp"
#include "scenario/check_keys.hpp"
#include "scenario/cookie_jar.hpp"
#include "scenario/expectations.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/setup.hpp"
#include "scenario/step_record.hpp"
#include "scenario/substitute.hpp"

namespace authlab::scenario {
namespace {

using pyjson::Value;

// {"advance": N}: N seconds, 0 <= N <= a century (true is not a number here).
Micros advance_micros(const Value& seconds) {
    bool integer = seconds.is(Value::Kind::Int);
    double number = integer && seconds.int_digits().size() > 15 ? (seconds.int_digits()[0] == '-' ? -1 : 1e300)
                    : integer                                    ? std::stod(seconds.int_digits())
                    : seconds.is(Value::Kind::Float)             ? seconds.as_float()
                                                                 : -1;
    if (!(number >= 0)) throw ScenarioError("\"advance\" must be a number of seconds >= 0");
    if (number * static_cast<double>(micros_per_second) > static_cast<double>(max_clock_step))
        throw ScenarioError("\"advance\" moves the clock more than a century");
    if (integer) return std::stoll(seconds.int_digits()) * micros_per_second;
    return std::llround(number * static_cast<double>(micros_per_second));
}

class Player {
public:
    // The setup's users are hashed with the scenario's random stream, before any request.
    Player(const Value& setup, const World* start, auth::Argon2Cost setup_cost)
        : backend_(build_world(setup, auth::Passwords(random_, setup_cost), start), clock_, random_) {
        backend_.set_world_check(world_save_problem);  // the page's world, kept as the page keeps it
    }

    StepResult play(const Value& step) {
        if (step.is(Value::Kind::Dict) && step.find("advance")) {
            check_keys(step, {"advance"}, "advance step");
            std::string refused = backend_.advance(advance_micros(*step.find("advance")));  // fractions too
            if (!refused.empty()) throw ScenarioError("\"advance\": " + refused);
            return {step, std::nullopt, {}};
        }
        check_keys(step, {"request", "expect", "capture"}, "step");
        Micros now = backend_.now();
        const Value* request = step.find("request");
        http::Request http = build_request(substitute(request ? *request : Value(), captures_, jar_, now));
        jar_.add_cookie_header(http, now);  // a Cookie header of the step's own replaces the jar
        Exchange exchange = backend_.handle(http);
        for (const http::SetCookie& cookie : exchange.response.cookies) jar_.store(cookie, now);
        Value record = record_response(exchange.response, now);
        const Value* expect = step.find("expect");
        std::vector<std::string> reasons = check_expect(expect ? *expect : Value::dict({}), record);
        if (const Value* capture = step.find("capture")) capture_values(*capture, record, captures_, reasons);
        return {step, record, std::move(reasons)};
    }

private:
    crypto::SeededRandom random_{scenario_seed};
    FixedClock clock_{scenario_start};
    Backend backend_;
    CookieJar jar_;
    Captures captures_;
};

}  // namespace

ScenarioRun run_scenario(std::string_view file_bytes, const World* start, auth::Argon2Cost setup_cost) {
    if (file_bytes.size() > max_scenario_bytes) {
        throw ScenarioError("the file is " + std::to_string(file_bytes.size()) + " bytes long; a scenario may have at most " +
                            std::to_string(max_scenario_bytes) + " (4 MiB)");
    }
    auto parsed = pyjson::parse(file_bytes, "utf-8");
    if (const auto* error = std::get_if<pyjson::ParseError>(&parsed)) throw ScenarioError("cannot read: " + error->message);
    ScenarioRun run{std::get<Value>(parsed), {}};
    const Value* steps = member(run.scenario, "steps");
    if (!steps || !steps->is(Value::Kind::List)) throw ScenarioError("not a scenario: needs an object with a \"steps\" list");
    if (steps->as_list().size() > max_scenario_steps) {
        throw ScenarioError("\"steps\" has " + std::to_string(steps->as_list().size()) + " entries; a scenario may have at most " +
                            std::to_string(max_scenario_steps));
    }
    const Value* setup = run.scenario.find("setup");
    Player player(setup ? *setup : Value::dict({}), start, setup_cost);
    for (const Value& step : steps->as_list()) run.steps.push_back(player.play(step));
    return run;
}

}  // namespace authlab::scenario
