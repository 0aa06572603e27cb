#include "lesson/step_check.hpp"

#include "lab/replay.hpp"
#include "lesson/failure_words.hpp"
#include "lesson/nearest_name.hpp"
#include "routes.hpp"
#include "scenario/expectations.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/step_record.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;

// The answer against `expect`, worded for the lesson.
std::vector<std::string> expect_words(const LessonStep& step, const Value& record) {
    std::vector<std::string> words;
    for (const scenario::ExpectFailure& failure : scenario::expect_failures(step.expect(), record)) words.push_back(failure_words(failure));
    return words;
}

// "no route matches /api/book/; did you mean "/api/books/"?" for a path no view answers.
std::string route_typo(const std::string& path) {
    std::string bare = path.substr(0, path.find('?'));
    if (resolve(bare)) return "";
    std::vector<std::string> patterns;
    for (const Route& route : routes()) patterns.push_back(route.pattern);
    return "no route matches " + bare + did_you_mean(bare, patterns);
}

std::string seconds_text(double seconds) {
    std::string text = std::to_string(seconds);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.ends_with('.')) text.pop_back();
    return text + " s";
}

}  // namespace

Value step_request(const LessonStep& step, const scenario::Captures& captures, const scenario::CookieJar& jar, Micros now) {
    const Value* request = step.json.find(step.kind == LessonStep::Kind::admin ? "check" : "request");
    if (!request) throw scenario::ScenarioError("step \"" + step.title() + "\" sends no request");
    return scenario::substitute(*request, captures, jar, now);
}

StepCheck check_request_step(const LessonStep& step, const http::Request& sent, const Value& record, scenario::Captures captures,
                             const scenario::CookieJar& jar, Micros now) {
    StepCheck result{false, {}, std::move(captures)};
    http::Request wanted;
    try {
        wanted = scenario::build_request(step_request(step, result.captures, jar, now));
    } catch (const scenario::ScenarioError& error) {  // an earlier step's capture is missing
        result.failures.push_back(std::string(error.what()) + ": do the earlier steps first");
        return result;
    }
    if (sent.method != wanted.method || sent.path != wanted.path) {
        result.failures.push_back("expected " + wanted.method + " " + wanted.path + ", got " + sent.method + " " + sent.path);
        return result;
    }
    result.failures = expect_words(step, record);
    if (!result.failures.empty()) {
        if (std::string typo = route_typo(wanted.path); !typo.empty()) result.failures.push_back(typo);
    }
    scenario::Captures kept = result.captures;
    for (const auto& [name, path] : step.json.find("capture")->as_dict()) {
        const Value& body = record.find("json") ? *record.find("json") : Value();
        if (std::optional<Value> value = scenario::dig(body, path.as_str())) kept[name] = *value;
        else result.failures.push_back("expected json." + path.as_str() + " to keep as ${" + name + "}, got none");
    }
    result.met = result.failures.empty();
    if (result.met) result.captures = std::move(kept);
    return result;
}

StepCheck check_admin_step(const LessonStep& step, const Backend& backend, scenario::Captures captures, const scenario::CookieJar& jar) {
    StepCheck result{false, {}, std::move(captures)};
    Micros now = backend.now();
    http::Request check;
    try {
        check = scenario::build_request(step_request(step, result.captures, jar, now));
    } catch (const scenario::ScenarioError& error) {
        result.failures.push_back(std::string(error.what()) + ": do the earlier steps first");
        return result;
    }
    jar.add_cookie_header(check, now);
    lab::Scratch scratch(backend);
    Value record = scenario::record_response(scratch.backend().handle(check).response, now);
    result.failures = expect_words(step, record);
    result.met = result.failures.empty();
    return result;
}

StepCheck check_advance_step(const LessonStep& step, double advanced_seconds, scenario::Captures captures) {
    const Value& wanted = *step.json.find("advance");
    double seconds = wanted.is(Value::Kind::Int) ? std::stod(wanted.int_digits()) : wanted.as_float();
    StepCheck result{advanced_seconds >= seconds, {}, std::move(captures)};
    if (!result.met) result.failures.push_back("expected the clock to move " + seconds_text(seconds) + ", got " + seconds_text(advanced_seconds));
    return result;
}

}  // namespace authlab::lesson
