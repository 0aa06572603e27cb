#include "lesson/progress.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "lesson/parse_lesson.hpp"
#include "lesson/session.hpp"
#include "pyjson/dump.hpp"
#include "pyjson/parse.hpp"
#include "python/utf8.hpp"
#include "scenario/scenario_run.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;
using Kind = Value::Kind;

std::string in_quotes(const std::string& text) { return pyjson::dumps(Value::string(text), {.ensure_ascii = false}); }

std::string step_name(const Lesson& lesson, std::size_t index) {
    return "step " + std::to_string(index + 1) + " " + in_quotes(lesson.steps[index].title());
}

const Value* field(const Value& object, const char* key, Kind kind) {
    const Value* value = object.find(key);
    return value && value->is(kind) ? value : nullptr;
}

int whole_or(const Value* value, int otherwise) {
    if (!value || !value->is(Kind::Int) || value->int_digits().size() > 6) return otherwise;
    return std::stoi(value->int_digits());
}

// The lesson an entry is about: a shipped one by its id, or else the lesson the entry carries.
std::variant<Lesson, std::string> entry_lesson(const Value& entry, const std::string& id, const ShippedLessons& shipped) {
    if (std::optional<Lesson> lesson = shipped(id)) return std::move(*lesson);
    const Value* source = entry.find("source");
    if (!source) return "lesson " + in_quotes(id) + " is not shipped, and the file does not carry it";
    auto parsed = parse_lesson(pyjson::dumps(*source, {.ensure_ascii = false}));
    if (auto* problems = std::get_if<std::vector<Problem>>(&parsed)) return "the lesson the file carries is not valid: " + problems->front().path + ": " + problems->front().reason;
    if (std::get<Lesson>(parsed).id != id) return "the lesson the file carries is " + in_quotes(std::get<Lesson>(parsed).id) + ", not " + in_quotes(id);
    return std::move(std::get<Lesson>(parsed));
}

// Compares one step's claims with the replay's findings.
void compare_step(const Lesson& lesson, std::size_t index, const Value& claim, const StepState& found, ProgressRow& row) {
    auto wrong = [&](const std::string& why) { row.problems.push_back(step_name(lesson, index) + ": " + why); };
    if (!claim.is(Kind::Dict)) return wrong("must be an object with met, hints, solution and prediction");
    bool met = field(claim, "met", Kind::Bool) && claim.find("met")->as_bool();
    if (met) {
        row.claimed += 1;
        if (found.met) row.verified += 1;
        else wrong("claimed done, but the learner's recorded actions do not reach it" + (found.failures.empty() ? std::string() : " (" + found.failures.front() + ")"));
    }
    int hints = whole_or(claim.find("hints"), -1);
    if (hints != found.hints) wrong("the file claims " + std::to_string(hints) + " hints, the evidence shows " + std::to_string(found.hints));
    bool solution = field(claim, "solution", Kind::Bool) && claim.find("solution")->as_bool();
    if (solution != found.solution) wrong(std::string("the file claims the solution was ") + (solution ? "" : "not ") + "shown, the evidence shows otherwise");
    const Value* prediction = claim.find("prediction");
    bool claimed_prediction = prediction && prediction->is(Kind::Dict);
    bool found_prediction = found.guess && found.actual;
    if (claimed_prediction != found_prediction) {
        wrong(found_prediction ? "the file leaves out the prediction the evidence shows" : "the file claims a prediction the evidence does not show");
    } else if (found_prediction) {
        bool right = *found.guess == *found.actual;
        bool claimed_right = field(*prediction, "right", Kind::Bool) && prediction->find("right")->as_bool();
        if (whole_or(prediction->find("guess"), -1) != *found.guess || claimed_right != right)
            wrong("the file claims the guess " + std::to_string(whole_or(prediction->find("guess"), -1)) + (claimed_right ? " was right" : " was wrong") +
                  "; the evidence shows " + std::to_string(*found.guess) + " against " + std::to_string(*found.actual));
    }
    row.hints += found.hints;
    row.solutions += found.solution ? 1 : 0;
    if (found_prediction) {
        row.predictions += 1;
        row.predictions_right += *found.guess == *found.actual ? 1 : 0;
    }
}

ProgressRow verify_entry(const std::string& learner, const Value& entry, std::size_t position, const ShippedLessons& shipped, auth::Argon2Cost cost) {
    ProgressRow row{learner, "", "", 0, 0, 0, 0, 0, 0, 0, 0, {}};
    if (!entry.is(Kind::Dict) || !field(entry, "lesson", Kind::Str)) {
        row.lesson = "(entry " + std::to_string(position + 1) + ")";
        row.problems.push_back("lessons[" + std::to_string(position) + "] must be an object naming its \"lesson\"");
        return row;
    }
    row.lesson = entry.find("lesson")->as_str();
    auto found = entry_lesson(entry, row.lesson, shipped);
    if (auto* why = std::get_if<std::string>(&found)) {
        row.problems.push_back(*why);
        return row;
    }
    const Lesson& lesson = std::get<Lesson>(found);
    row.mode = lesson.mode == Lesson::Mode::challenge ? "challenge" : "guided";
    row.steps = lesson.steps.size();
    const Value* claims = field(entry, "steps", Kind::List);
    if (!claims) {
        row.problems.push_back("\"steps\" must list what the learner claims of each of the lesson's " + std::to_string(lesson.steps.size()) + " steps");
        return row;
    }
    if (claims->as_list().size() > lesson.steps.size()) {
        row.problems.push_back("step " + std::to_string(lesson.steps.size() + 1) + ": lesson " + in_quotes(lesson.id) + " has only " + std::to_string(lesson.steps.size()) +
                               " steps, the file claims " + std::to_string(claims->as_list().size()));
        return row;
    }
    if (claims->as_list().size() < lesson.steps.size()) {
        row.problems.push_back(step_name(lesson, claims->as_list().size()) + ": missing from the file");
        return row;
    }
    const Value* evidence = entry.find("evidence");
    std::vector<ReplayProblem> differences;
    FixedClock never_read(scenario::scenario_start);  // every replayed event pins its own time
    std::unique_ptr<Session> session;
    try {
        session = Session::replay(lesson, evidence ? *evidence : Value(), never_read, &differences, cost);
    } catch (const std::exception& error) {
        row.problems.push_back(std::string("the evidence cannot be replayed: ") + error.what());
        return row;
    }
    for (const ReplayProblem& difference : differences) row.problems.push_back(step_name(lesson, difference.step) + ": " + difference.why);
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) compare_step(lesson, i, claims->as_list()[i], session->steps()[i], row);
    row.minutes = session->progress_entry(false).find("minutes")->as_float();
    return row;
}

std::string cell(const std::string& text) {
    std::string value = text;
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) value.insert(0, "'");
    if (value.find_first_of(",\"\r\n'") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string decimal(double minutes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", minutes);
    return text;
}

}  // namespace

Value progress_file(const std::string& learner, const Value& entries, const std::string& exported_at) {
    if (python::code_points(learner) > max_learner_characters || learner.find_first_not_of(" \t") == std::string::npos)
        throw std::invalid_argument("type your name (1 to " + std::to_string(max_learner_characters) + " characters)");
    if (!entries.is(Kind::List) || entries.as_list().size() > max_progress_lessons)
        throw std::invalid_argument("a progress file holds at most " + std::to_string(max_progress_lessons) + " lessons");
    return Value::dict({{"format", Value::string("authlab.progress")},
                        {"version", Value::integer(1)},
                        {"learner", Value::string(learner)},
                        {"exported_at", Value::string(exported_at)},
                        {"lessons", entries}});
}

std::variant<std::vector<ProgressRow>, std::string> verify_progress(std::string_view file_bytes, const ShippedLessons& shipped, auth::Argon2Cost cost) {
    if (file_bytes.size() > max_progress_bytes)
        return "the file is " + std::to_string((file_bytes.size() + 1023) / 1024) + " KiB; a progress file may be at most " + std::to_string(max_progress_bytes / 1024 / 1024) + " MiB";
    auto parsed = pyjson::parse(file_bytes, "utf-8", max_progress_depth);
    if (const auto* error = std::get_if<pyjson::ParseError>(&parsed)) {
        if (error->kind == pyjson::ParseError::Kind::RecursionError) return "it nests lists and objects more than " + std::to_string(max_progress_depth) + " deep";
        return "it is not JSON: " + error->message;
    }
    const Value& file = std::get<Value>(parsed);
    const Value* format = file.is(Kind::Dict) ? field(file, "format", Kind::Str) : nullptr;
    if (!format || format->as_str() != "authlab.progress") return "it is not an AuthLab progress file (no \"format\": \"authlab.progress\")";
    if (whole_or(file.find("version"), 0) != 1) return "this AuthLab reads progress files of version 1";
    const Value* learner = field(file, "learner", Kind::Str);
    if (!learner || python::code_points(learner->as_str()) > max_learner_characters) return "\"learner\" must be the learner's name, at most " + std::to_string(max_learner_characters) + " characters";
    const Value* lessons = field(file, "lessons", Kind::List);
    if (!lessons) return "\"lessons\" must be a list";
    if (lessons->as_list().size() > max_progress_lessons) return "it has " + std::to_string(lessons->as_list().size()) + " lessons; a progress file holds at most " + std::to_string(max_progress_lessons);
    std::vector<ProgressRow> rows;
    for (std::size_t i = 0; i < lessons->as_list().size(); ++i) rows.push_back(verify_entry(learner->as_str(), lessons->as_list()[i], i, shipped, cost));
    return rows;
}

std::string progress_csv_header() { return "learner,lesson,mode,steps,verified,hints,solutions,predictions_right,minutes,problems\r\n"; }

std::string progress_csv_row(const ProgressRow& row) {
    std::string problems;
    for (const std::string& problem : row.problems) problems += (problems.empty() ? "" : "; ") + problem;
    return cell(row.learner) + "," + cell(row.lesson) + "," + cell(row.mode) + "," + std::to_string(row.claimed) + "/" + std::to_string(row.steps) + "," +
           std::to_string(row.verified) + "/" + std::to_string(row.claimed) + "," + std::to_string(row.hints) + "," + std::to_string(row.solutions) + "," +
           std::to_string(row.predictions_right) + "/" + std::to_string(row.predictions) + "," + decimal(row.minutes) + "," + cell(problems) + "\r\n";
}

}  // namespace authlab::lesson
