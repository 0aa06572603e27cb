#include "lesson/play_lesson.hpp"

#include <algorithm>

#include "lab/jwt_forge.hpp"
#include "lesson/session.hpp"
#include "pyjson/dump.hpp"
#include "lesson/step_check.hpp"
#include "scenario/expectations.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_run.hpp"
#include "scenario/step_record.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;

// The scenario runs' seed, cut to the 32 bits a page's lesson seed has (a progress file keeps
// it as a JSON number, exact in JavaScript).
constexpr std::uint64_t play_seed = scenario::scenario_seed & 0xFFFF'FFFFULL;

class Player {
public:
    Player(const Lesson& lesson, const PlayOptions& options) : session_(lesson, play_seed, clock_, std::nullopt, options.cost), hints_(options.hints) {}

    // The step's failures; none when it is met.
    std::vector<std::string> play(std::size_t index) {
        if (index > 0) {
            if (auto refused = session_.note(Value::dict({{"enter", Value::integer(static_cast<long long>(index))}}))) return {*refused};
        }
        const LessonStep& step = session_.lesson().steps[index];
        for (std::size_t i = 0; hints_ && i < step.hint_count(); ++i) session_.note(Value::dict({{"hint", Value::integer(static_cast<long long>(index))}}));
        switch (step.kind) {
            case LessonStep::Kind::request: return send(step, index);
            case LessonStep::Kind::admin: return done(index, session_.act(Value::dict({{"admin", *step.json.find("admin")}})), "the admin change fails: ");
            case LessonStep::Kind::advance: return done(index, session_.act(Value::dict({{"advance", *step.json.find("advance")}})), "the clock cannot move: ");
            case LessonStep::Kind::challenge: return solve(step, index);
        }
        return {};
    }

    Value entry() const { return session_.progress_entry(false); }

private:
    std::vector<std::string> met_or_why(std::size_t index) const {
        const StepState& state = session_.steps()[index];
        if (state.met) return {};
        return state.failures.empty() ? std::vector<std::string>{"the step is not met"} : state.failures;
    }

    std::vector<std::string> done(std::size_t index, const lab::Acted& acted, const std::string& refused) {
        if (!acted.ok) return {refused + acted.answer};
        return met_or_why(index);
    }

    // A learner who knows the answer predicts the status the step expects.
    void predict_expected(const LessonStep& step, std::size_t index) {
        const Value* status = step.expect().find("status");
        if (!step.predicts() || !status) return;
        session_.note(Value::dict({{"predict", Value::integer(static_cast<long long>(index))}, {"status", *status}}));
    }

    std::vector<std::string> send(const LessonStep& step, std::size_t index) {
        Value request;
        try {
            request = step_request(step, session_.captures(), session_.desk().browser().jar(), session_.desk().backend().now());
        } catch (const scenario::ScenarioError& error) {  // an earlier step failed to capture it
            return {std::string("cannot send: ") + error.what()};
        }
        predict_expected(step, index);
        return done(index, session_.act(Value::dict({{"request", request}})), "cannot send: ");
    }

    // A challenge: its goal must not be met yet; then its solution, with captures of its own.
    std::vector<std::string> solve(const LessonStep& step, std::size_t index) {
        if (session_.steps()[index].met) return {"the goal is met before the learner does anything"};
        scenario::Captures captures;
        for (const Value& action : step.solution().as_list()) {
            if (const Value* forged = action.find("forge_jwt")) {
                std::string problem = forge(*forged, *action.find("capture"), captures);
                if (!problem.empty()) return {"the solution cannot sign its token: " + problem};
                continue;
            }
            const Value* request = action.find("request");
            Value done_action = action;
            if (request) {
                try {
                    done_action = Value::dict({{"request", scenario::substitute(*request, captures, session_.desk().browser().jar(), session_.desk().backend().now())}});
                } catch (const scenario::ScenarioError& error) {
                    return {std::string("the solution cannot send: ") + error.what()};
                }
            }
            lab::Acted acted = session_.act(done_action);
            if (!acted.ok) return {"the solution's " + action.as_dict().front().first + " is refused: " + acted.answer};
            if (!request || !action.find("capture")) continue;
            Value record = scenario::record_response(acted.sent->exchange.response, acted.sent->at);
            const Value body = record.find("json") ? *record.find("json") : Value();
            for (const auto& [name, path] : action.find("capture")->as_dict()) {
                std::optional<Value> value = scenario::dig(body, path.as_str());
                if (!value) return {"the solution expected json." + path.as_str() + " to keep as ${" + name + "}, got none"};
                captures[name] = *value;
            }
        }
        std::vector<std::string> failures = met_or_why(index);
        for (std::string& failure : failures) failure = "after the solution: " + failure;
        return failures;
    }

    // The attack lab's HS256 token, signed with the world's key (which the learner reveals there).
    std::string forge(const Value& forged, const Value& capture, scenario::Captures& captures) {
        lab::ForgedJwt token = lab::forge_jwt(pyjson::dumps(*forged.find("header")), pyjson::dumps(*forged.find("payload")), lab::Signing::hs256, "",
                                              session_.desk().backend().world().secret_key);
        if (token.token.empty()) return token.problem;
        for (const auto& [name, path] : capture.as_dict()) captures[name] = Value::string(token.token);
        return "";
    }

    FixedClock clock_{scenario::scenario_start};
    Session session_;
    bool hints_;
};

}  // namespace

Played play_lesson(const Lesson& lesson, const PlayOptions& options) {
    Player player(lesson, options);
    Played played;
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        std::vector<std::string> failures = player.play(i);
        if (!failures.empty()) {
            played.failing.push_back({i, lesson.steps[i].title(), std::move(failures)});
            break;
        }
    }
    played.progress_entry = player.entry();
    return played;
}

}  // namespace authlab::lesson
