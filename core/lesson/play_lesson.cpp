#include "lesson/play_lesson.hpp"

#include <cmath>

#include "backend.hpp"
#include "lab/admin_commands.hpp"
#include "export/world_json.hpp"
#include "lesson/lesson_world.hpp"
#include "lesson/step_check.hpp"
#include "pyjson/dump.hpp"
#include "scenario/cookie_jar.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_run.hpp"
#include "scenario/step_record.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;

double seconds_of(const Value& value) { return value.is(Value::Kind::Int) ? std::stod(value.int_digits()) : value.as_float(); }

class Player {
public:
    // The setup's users are hashed with the run's random stream, before any request.
    Player(const Lesson& lesson, auth::Argon2Cost cost)
        : backend_(lesson_world(lesson.setup(), auth::Passwords(random_, cost)), clock_, random_) {
        backend_.set_world_check(world_save_problem);  // as the page plays it
    }

    StepCheck play(const LessonStep& step) {
        switch (step.kind) {
            case LessonStep::Kind::request: return send(step);
            case LessonStep::Kind::admin: return change(step);
            case LessonStep::Kind::advance: {
                double seconds = seconds_of(*step.json.find("advance"));
                // The backend's bounded move, as a scenario's "advance" takes it.
                std::string refused = backend_.advance(std::llround(seconds * static_cast<double>(micros_per_second)));
                if (!refused.empty()) return {false, {"the clock cannot move: " + refused}, captures_};
                return check_advance_step(step, seconds, captures_);
            }
        }
        return {};
    }

private:
    StepCheck send(const LessonStep& step) {
        Micros now = backend_.now();
        http::Request request;
        try {
            request = scenario::build_request(step_request(step, captures_, jar_, now));
        } catch (const scenario::ScenarioError& error) {  // an earlier step failed to capture it
            return {false, {std::string("cannot send: ") + error.what()}, captures_};
        }
        jar_.add_cookie_header(request, now);
        http::Response response = backend_.handle(request).response;
        for (const http::SetCookie& cookie : response.cookies) jar_.store(cookie, now);
        StepCheck result = check_request_step(step, request, scenario::record_response(response, now), captures_, jar_, now);
        captures_ = result.captures;
        return result;
    }

    StepCheck change(const LessonStep& step) {
        auto command = nlohmann::json::parse(pyjson::dumps(*step.json.find("admin")));
        nlohmann::ordered_json answer = lab::apply_admin_command(backend_, command);
        if (answer.contains("error")) return {false, {"the admin change fails: " + answer["error"].get<std::string>()}, captures_};
        return check_admin_step(step, backend_, captures_, jar_);
    }

    crypto::SeededRandom random_{scenario::scenario_seed};
    FixedClock clock_{scenario::scenario_start};
    Backend backend_;
    scenario::CookieJar jar_;
    scenario::Captures captures_;
};

}  // namespace

std::vector<StepFailure> play_lesson(const Lesson& lesson, auth::Argon2Cost cost) {
    Player player(lesson, cost);
    std::vector<StepFailure> failing;
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        StepCheck result = player.play(lesson.steps[i]);
        if (!result.met) failing.push_back({i, lesson.steps[i].title(), std::move(result.failures)});
    }
    return failing;
}

}  // namespace authlab::lesson
