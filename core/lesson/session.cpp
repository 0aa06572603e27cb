#include "lesson/session.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "crypto/hex.hpp"
#include "crypto/sha256.hpp"
#include "lesson/lesson_world.hpp"
#include "lesson/step_check.hpp"
#include "pyjson/dump.hpp"
#include "scenario/step_record.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;
using Kind = Value::Kind;

// A whole number from JSON within [least, most], or nullopt.
std::optional<long long> whole(const Value* value, long long least, long long most) {
    if (!value || !value->is(Kind::Int) || value->int_digits().size() > 18) return std::nullopt;
    long long number = std::stoll(value->int_digits());
    if (number < least || number > most) return std::nullopt;
    return number;
}

// The first 16 hex digits of the answer's body's SHA-256: enough to tell a replayed answer
// from the recorded one without keeping the body.
std::string digest_of(const std::string& body) {
    crypto::Sha256Digest digest = crypto::sha256(body);
    return crypto::hex_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), 8));
}

// Who DRF took the request for: the trace's "user" stage.
void authenticated(const nlohmann::ordered_json& trace, SentRequest& sent) {
    if (!trace.contains("steps")) return;
    for (const auto& step : trace["steps"]) {
        if (step.value("stage", "") != "user" || !step.contains("data")) continue;
        const auto& data = step["data"];
        if (data.contains("user") && data["user"].is_string()) sent.user = data["user"].get<std::string>();
        if (data.contains("authenticator") && data["authenticator"].is_string()) sent.authenticator = data["authenticator"].get<std::string>();
    }
}

constexpr const char* page_events[] = {"enter", "hint", "solution", "predict"};

// The token of an "Authorization: Bearer …" header, as simplejwt splits it.
std::optional<std::string> bearer_token(const http::Request& request) {
    const std::string* value = request.headers.find("Authorization");
    if (!value || !value->starts_with("Bearer ")) return std::nullopt;
    return value->substr(7);
}

}  // namespace

// The JWTs the server gives out: the token views' "access" and "refresh" (in an answer's JSON,
// `body`), and "send as" (the header it issued).
void Session::remember_issued(const lab::Acted& acted, const Value* body) {
    if (body) {
        for (const char* key : {"access", "refresh"}) {
            if (const Value* token = body->find(key); token && token->is(Kind::Str)) issued_.insert(token->as_str());
        }
    } else if (acted.authorization && acted.authorization->starts_with("Bearer ")) {
        issued_.insert(acted.authorization->substr(7));
    }
}

Session::Session(Lesson lesson, std::uint64_t seed, const Clock& live, std::optional<Micros> started_at, auth::Argon2Cost cost)
    : lesson_(std::move(lesson)),
      desk_(std::make_unique<crypto::SeededRandom>(seed), live,
            [&](crypto::RandomSource& random) { return lesson_world(lesson_.setup(), auth::Passwords(random, cost)); }),
      steps_(lesson_.steps.size()),
      seed_(seed),
      started_at_(started_at.value_or(live.now())) {
    lab::Desk::Instant instant(desk_, started_at_);
    begin_step(0);
    judge(nullptr);
}

void Session::begin_step(std::size_t index) {
    current_ = index;
    step_start_world_ = desk_.backend().world();
    step_start_ = desk_.backend().now();
    sent_.clear();
}

std::size_t Session::index_of(const Value& event, const char* key) const {
    std::optional<long long> index = whole(event.find(key), 0, static_cast<long long>(steps_.size()) - 1);
    if (!index) throw std::invalid_argument(std::string("\"") + key + "\" must be a step of the lesson, from 0 to " + std::to_string(steps_.size() - 1));
    return static_cast<std::size_t>(*index);
}

void Session::record(Value event, Micros at, std::optional<double> wall) {
    if (events_.size() >= max_events) throw std::invalid_argument("a lesson keeps at most " + std::to_string(max_events) + " actions; start it again");
    event.set("at", Value::integer(static_cast<long long>(at)));
    // The learner's wall clock: the page's live clock is real time, so `at` is it unless told.
    event.set("wall", Value::floating(std::floor(wall.value_or(static_cast<double>(at) / 1000.0))));
    event.set("step", Value::integer(static_cast<long long>(current_)));
    events_.push_back(std::move(event));
}

lab::Acted Session::act(const Value& action, std::optional<Micros> at, std::optional<double> wall) {
    if (events_.size() >= max_events) {
        lab::Acted full;
        full.answer = R"({"error": "this lesson has recorded as much as it can keep; restart it"})";
        full.ok = false;
        return full;
    }
    Micros when = at.value_or(desk_.clock_now());
    lab::Desk::Instant instant(desk_, when);
    lab::Acted acted = desk_.act(action);
    if (!acted.ok) return acted;  // nothing changed: nothing to record
    Value event = action;
    if (acted.sent) {
        event.set("status", Value::integer(acted.sent->exchange.response.status));
        event.set("digest", Value::string(digest_of(acted.sent->exchange.response.body)));
    }
    record(std::move(event), when, wall);
    judge(&acted);
    return acted;
}

std::optional<std::string> Session::note(const Value& event, std::optional<Micros> at, std::optional<double> wall) {
    try {
        if (!event.is(Kind::Dict) || event.as_dict().empty()) throw std::invalid_argument("an event is {\"enter\": k}, {\"hint\": k}, {\"solution\": k} or {\"predict\": k, \"status\": N}");
        const std::string& kind = event.as_dict().front().first;
        if (std::find(std::begin(page_events), std::end(page_events), kind) == std::end(page_events)) throw std::invalid_argument("unknown event \"" + kind + "\"");
        std::size_t index = index_of(event, kind.c_str());
        StepState& step = steps_[index];
        Value kept = Value::dict({{kind, Value::integer(static_cast<long long>(index))}});
        if (kind == "enter") {
            for (std::size_t i = 0; i < index; ++i) {
                if (!steps_[i].met) throw std::invalid_argument("step " + std::to_string(index + 1) + " cannot begin before step " + std::to_string(i + 1) + " is done");
            }
        } else if (index != current_) {
            throw std::invalid_argument("the learner is on step " + std::to_string(current_ + 1) + ", not " + std::to_string(index + 1));
        } else if (kind == "hint") {
            if (step.hints >= static_cast<int>(lesson_.steps[index].hint_count())) throw std::invalid_argument("this step has no more hints");
        } else if (kind == "solution") {
            if (lesson_.steps[index].kind != LessonStep::Kind::challenge) throw std::invalid_argument("only a challenge step has a solution to show");
        } else {  // predict
            if (!lesson_.steps[index].predicts()) throw std::invalid_argument("this step asks for no prediction");
            if (step.actual) throw std::invalid_argument("this step's prediction is already answered");
            std::optional<long long> status = whole(event.find("status"), 100, 599);
            if (!status || std::find(std::begin(predictable_statuses), std::end(predictable_statuses), *status) == std::end(predictable_statuses))
                throw std::invalid_argument("a prediction is one of 200, 201, 204, 400, 401, 403, 404, 405, 429");
            kept.set("status", Value::integer(*status));
        }
        Micros when = at.value_or(desk_.clock_now());
        lab::Desk::Instant instant(desk_, when);
        record(kept, when, wall);
        // Every shown hint, solution and guess takes its turn of the random stream, so evidence
        // with one of them cut out no longer gives the recorded tokens back.
        std::uint8_t turn[8];
        desk_.backend().random().fill(turn, sizeof turn);
        if (kind == "enter") {
            begin_step(index);
            judge(nullptr);
        } else if (kind == "hint") {
            step.hints += 1;
        } else if (kind == "solution") {
            step.solution = true;
        } else {
            step.guess = static_cast<int>(*whole(event.find("status"), 100, 599));
        }
        return std::nullopt;
    } catch (const std::exception& error) {
        return std::string(error.what());
    }
}

void Session::judge(const lab::Acted* acted) {
    StepState& state = steps_[current_];
    const LessonStep& step = lesson_.steps[current_];
    SentRequest* sent = nullptr;
    if (acted && !acted->sent) remember_issued(*acted, nullptr);
    if (acted && acted->sent) {
        SentRequest one{acted->request, scenario::record_response(acted->sent->exchange.response, acted->sent->at), std::nullopt, "", false};
        remember_issued(*acted, one.record.find("json"));
        authenticated(acted->sent->exchange.trace, one);
        if (std::optional<std::string> bearer = bearer_token(acted->request)) one.forged = !issued_.contains(*bearer);
        sent_.push_back(std::move(one));
        sent = &sent_.back();
        if (state.guess && !state.actual) state.actual = acted->sent->exchange.response.status;
    }
    if (state.met) return;
    try {
        StepCheck check;
        switch (step.kind) {
            case LessonStep::Kind::request:
                if (!sent) return;  // only a request can meet it
                check = check_request_step(step, sent->request, sent->record, captures_, desk_.browser().jar(), desk_.backend().now());
                break;
            case LessonStep::Kind::admin: check = check_admin_step(step, desk_.backend(), captures_, desk_.browser().jar()); break;
            case LessonStep::Kind::advance:
                check = check_advance_step(step, static_cast<double>(desk_.backend().now() - step_start_) / micros_per_second, captures_);
                break;
            case LessonStep::Kind::challenge:
                check.failures = goal_failures(step, desk_, step_start_world_, sent_);
                check.met = check.failures.empty();
                check.captures = captures_;
                break;
        }
        state.met = check.met;
        state.failures = std::move(check.failures);
        if (check.met) captures_ = std::move(check.captures);
    } catch (const std::exception& error) {  // a request the step cannot even build: not met, and why
        state.failures = {error.what()};
    }
}

std::unique_ptr<Session> Session::replay(Lesson lesson, const Value& evidence, const Clock& live, std::vector<ReplayProblem>* problems, auth::Argon2Cost cost) {
    if (!evidence.is(Kind::Dict)) throw std::invalid_argument("the evidence must be an object with seed, started_at and events");
    std::optional<long long> seed = whole(evidence.find("seed"), 0, (1LL << 53));
    std::optional<long long> started = whole(evidence.find("started_at"), 0, latest_virtual_time);
    const Value* events = evidence.find("events");
    if (!seed) throw std::invalid_argument("evidence.seed must be a whole number from 0 to 2**53");
    if (!started) throw std::invalid_argument("evidence.started_at must be the time the lesson began, in microseconds");
    if (!events || !events->is(Kind::List)) throw std::invalid_argument("evidence.events must be a list");
    if (events->as_list().size() > max_events) throw std::invalid_argument("evidence.events has " + std::to_string(events->as_list().size()) + " events; a lesson keeps at most " + std::to_string(max_events));
    auto session = std::make_unique<Session>(std::move(lesson), static_cast<std::uint64_t>(*seed), live, *started, cost);
    auto differ = [&](std::size_t step, std::string why) {
        if (!problems) throw std::invalid_argument(why);
        problems->push_back({step, std::move(why)});
    };
    Micros last = *started;
    for (std::size_t i = 0; i < events->as_list().size(); ++i) {
        const Value& event = events->as_list()[i];
        std::string where = "event " + std::to_string(i + 1);
        std::optional<long long> at = whole(event.find("at"), last, latest_virtual_time);
        if (!event.is(Kind::Dict) || !at) throw std::invalid_argument(where + ": \"at\" must be a time in microseconds, never before the event before it");
        last = *at;
        std::optional<double> wall;
        if (const Value* given = event.find("wall"); given && (given->is(Kind::Int) || given->is(Kind::Float)))
            wall = given->is(Kind::Float) ? given->as_float() : static_cast<double>(whole(given, 0, 1LL << 53).value_or(0));
        Value body = Value::dict({});
        for (const auto& [key, value] : event.as_dict()) {
            if (key != "at" && key != "wall" && key != "step" && key != "status" && key != "digest") body.set(key, value);
        }
        if (body.as_dict().empty()) throw std::invalid_argument(where + " does nothing");
        const std::string kind = body.as_dict().front().first;  // a copy: body changes below
        std::size_t step = session->current_;
        if (std::find(std::begin(page_events), std::end(page_events), kind) != std::end(page_events)) {
            if (kind == "predict" && event.find("status")) body.set("status", *event.find("status"));
            if (auto refused = session->note(body, *at, wall)) differ(step, where + " (" + kind + "): " + *refused);
            continue;
        }
        lab::Acted acted = session->act(body, *at, wall);
        if (!acted.ok) {
            differ(step, where + " (" + kind + ") is refused in the replay: " + acted.answer);
            continue;
        }
        if (acted.sent) {
            long long status = acted.sent->exchange.response.status;
            std::optional<long long> recorded = whole(event.find("status"), 100, 599);
            const Value* digest = event.find("digest");
            std::string said = acted.request.method + " " + acted.request.path;
            if (recorded != status) {
                differ(step, where + ": " + said + " answered " + (recorded ? std::to_string(*recorded) : std::string("nothing")) + " in the file, " + std::to_string(status) + " in the replay");
            } else if (!digest || !digest->is(Kind::Str) || digest->as_str() != digest_of(acted.sent->exchange.response.body)) {
                differ(step, where + ": " + said + " answered other content in the file than in the replay");
            }
        }
    }
    return session;
}

Value Session::state_json() const {
    std::vector<Value> steps;
    for (const StepState& step : steps_) {
        std::vector<Value> failures;
        for (const std::string& failure : step.failures) failures.push_back(Value::string(failure));
        Value prediction;
        if (step.guess) {
            prediction = Value::dict({{"guess", Value::integer(*step.guess)},
                                      {"actual", step.actual ? Value::integer(*step.actual) : Value()},
                                      {"right", step.actual ? Value::boolean(*step.actual == *step.guess) : Value()}});
        }
        steps.push_back(Value::dict({{"met", Value::boolean(step.met)}, {"failures", Value::list(std::move(failures))},
                                     {"hints", Value::integer(step.hints)}, {"solution", Value::boolean(step.solution)}, {"prediction", prediction}}));
    }
    Value captures = Value::dict({});
    for (const auto& [name, value] : captures_) captures.set(name, value);
    return Value::dict({{"step", Value::integer(static_cast<long long>(current_))}, {"steps", Value::list(std::move(steps))}, {"captures", captures}});
}

Value Session::evidence() const {
    return Value::dict({{"seed", Value::integer(static_cast<long long>(seed_))},
                        {"started_at", Value::integer(static_cast<long long>(started_at_))},
                        {"events", Value::list(events_)}});
}

Value Session::progress_entry(bool with_source) const {
    std::vector<Value> steps;
    for (const StepState& step : steps_) {
        Value prediction;
        if (step.guess && step.actual) prediction = Value::dict({{"guess", Value::integer(*step.guess)}, {"right", Value::boolean(*step.guess == *step.actual)}});
        steps.push_back(Value::dict({{"met", Value::boolean(step.met)}, {"hints", Value::integer(step.hints)},
                                     {"solution", Value::boolean(step.solution)}, {"prediction", prediction}}));
    }
    // Time spent: the gaps between events, each counted up to five minutes (a lesson left open
    // over lunch is not an hour of work).
    constexpr double most_per_gap_ms = 5 * 60 * 1000.0;
    std::optional<double> last;
    double spent_ms = 0;
    for (const Value& event : events_) {
        const Value* wall = event.find("wall");
        if (!wall || !wall->is(Kind::Float)) continue;
        if (last) spent_ms += std::clamp(wall->as_float() - *last, 0.0, most_per_gap_ms);
        last = wall->as_float();
    }
    double minutes = std::round(spent_ms / 6000.0) / 10.0;
    Value entry = Value::dict({{"lesson", Value::string(lesson_.id)},
                               {"title", Value::string(lesson_.title())},
                               {"mode", Value::string(lesson_.mode == Lesson::Mode::challenge ? "challenge" : "guided")},
                               {"steps", Value::list(std::move(steps))},
                               {"minutes", Value::floating(minutes)},
                               {"evidence", evidence()}});
    if (with_source) entry.set("source", lesson_.json);
    return entry;
}

}  // namespace authlab::lesson
