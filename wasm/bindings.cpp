// The WebAssembly face of the core (embind): JSON strings in and out, nothing thrown across
// the boundary (every failure is {"error": "…"}). The page and tools/run-scenario.mjs use it
// through wasm/authlab-api.mjs.
//
//   new Core("default" | "empty" | savedWorldJson)   status() → {"ok": true} | {"error": …}
//   core.handle(requestJson)  → {"response": {status, headers, cookies, body, json}, "trace": …}
//   core.advance(seconds), core.now() (ms since the epoch, virtual), core.exportWorld(),
//   core.exportWorldIfChanged() ("" when unchanged since it last gave the world out),
//   core.importWorld(json) → {"ok": true} | {"error": …} (the world stays as it was on error),
//   core.hashPassword(pw), core.checkPassword(pw, encoded), core.cookies(), core.clearCookies(),
//   core.exportCookies(), core.importCookies(json) → {"ok": true} | {"error": …}
//   core.snapshot(), core.snapshotWindow(windowJson), core.admin(commandJson), core.whyNot(requestJson), core.matrix(mechanism),
//   core.issueCredentials(username, mechanism), core.inspectJwt(token): see wasm/API.md
//   new Core(lessonJson, optionsJson): a lesson's core; core.lessonRequest(lessonJson, index, capturesJson),
//   core.lessonEvent(eventJson), core.lessonState(), core.lessonProgress(optionsJson): see wasm/API.md
//   progressFile(learner, entriesJson, exportedAt), verifyProgress(filesJson, lessonsJson),
//   checkLesson(lessonJson): see wasm/API.md
//   runScenarios(filesJson, json) → {"output", "errors", "exitCode"}
//   parseLesson(text) → {"lesson": …} | {"errors": [{"path", "reason"}]}
//   forgeJwt(header, payload, mode, original, key) → {"token"} | {"error"}: see wasm/API.md
#include <emscripten/bind.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <variant>

#include <nlohmann/json.hpp>

#include "backend.hpp"
#include "export/django_code.hpp"
#include "export/django_fixture.hpp"
#include "export/django_fixture_import.hpp"
#include "lab/admin_commands.hpp"
#include "lab/browser_session.hpp"
#include "lab/credentials.hpp"
#include "lab/desk.hpp"
#include "lab/jwt_forge.hpp"
#include "lab/jwt_inspect.hpp"
#include "lab/matrix.hpp"
#include "lab/page_json.hpp"
#include "lab/saved_world.hpp"
#include "lab/snapshot.hpp"
#include "lab/why_not.hpp"
#include "lesson/lesson_world.hpp"
#include "lesson/parse_lesson.hpp"
#include "lesson/play_lesson.hpp"
#include "lesson/progress.hpp"
#include "lesson/session.hpp"
#include "lesson/step_check.hpp"
#include "crypto/base64.hpp"
#include "pyjson/parse.hpp"
#include "pyjson/dump.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/runner.hpp"
#include "scenario/step_record.hpp"
#include "world/seed.hpp"
#include "export/world_json.hpp"

namespace {

using namespace authlab;
using nlohmann::ordered_json;
using pyjson::Value;

using lab::json_text;
std::string error_json(const std::string& message) { return json_text({{"error", message}}); }
const std::string ok_json = R"({"ok": true})";

// Runs `body`; any exception becomes {"error": …}.
template <typename Body>
std::string guarded(Body&& body) {
    try {
        return body();
    } catch (const std::exception& error) {
        return error_json(error.what());
    } catch (...) {
        return error_json("unknown failure");
    }
}

// A saved world brings the throttles' history it kept into `cache`.
std::variant<World, LoadError> initial_world(const std::string& spec, crypto::RandomSource& random, django::Cache& cache) {
    try {
        if (spec == "default") return default_world(random);
        if (spec == "empty") return empty_world(random);
        return world_from_json_text(spec, &cache);
    } catch (const std::exception& error) {
        return LoadError{error.what()};
    }
}

// A lesson handed back by the page (the normalized form parseLesson gave), read again.
lesson::Lesson read_lesson(const std::string& lesson_json) {
    auto parsed = lesson::parse_lesson(lesson_json);
    if (auto* problems = std::get_if<std::vector<lesson::Problem>>(&parsed)) {
        throw std::invalid_argument("not a valid lesson: " + problems->front().path + ": " + problems->front().reason);
    }
    return std::get<lesson::Lesson>(std::move(parsed));
}

const lesson::LessonStep& step_at(const lesson::Lesson& lesson, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= lesson.steps.size()) {
        throw std::invalid_argument("lesson " + lesson.id + " has no step " + std::to_string(index) + " (steps count from 0)");
    }
    return lesson.steps[static_cast<std::size_t>(index)];
}

Value json_value(const std::string& text, const std::string& what) {
    auto parsed = pyjson::parse(text);
    if (auto* error = std::get_if<pyjson::ParseError>(&parsed)) throw std::invalid_argument(what + " is not JSON: " + error->message);
    return std::get<Value>(parsed);
}

// {name: value} ⇄ the captures so far.
scenario::Captures captures_from(const Value* value) {
    scenario::Captures captures;
    if (!value || value->is(Value::Kind::None)) return captures;
    if (!value->is(Value::Kind::Dict)) throw std::invalid_argument("captures must be an object {name: value}");
    for (const auto& [name, item] : value->as_dict()) captures[name] = item;
    return captures;
}

class Core {
public:
    explicit Core(const std::string& spec)
        : own_(std::make_unique<lab::Desk>(std::make_unique<crypto::SystemRandom>(), clock_, [](crypto::RandomSource& random) { return empty_world(random); })) {
        django::Cache cache;
        auto world = initial_world(spec, desk().backend().random(), cache);
        if (auto* loaded = std::get_if<World>(&world)) {
            if (auto problem = desk().browser().replace_world(std::move(*loaded))) load_error_ = *problem;
            else desk().backend().cache() = std::move(cache);
        } else {
            load_error_ = std::get<LoadError>(world).message;
        }  // the core holds an empty world
    }

    // A lesson's core (lesson/session.hpp): the lesson's world, everything done to it recorded
    // and each step judged. options: {"seed": N} for a new lesson, {"evidence": …} to bring one
    // back by replaying what was recorded.
    Core(const std::string& lesson_json, const std::string& options_json) {
        try {
            Value options = json_value(options_json, "the lesson's options");
            lesson::Lesson lesson = read_lesson(lesson_json);
            if (const Value* evidence = options.find("evidence"); evidence && !evidence->is(Value::Kind::None)) {
                std::vector<lesson::ReplayProblem> differences;
                session_ = lesson::Session::replay(std::move(lesson), *evidence, clock_, &differences);
                if (!differences.empty()) load_error_ = "the saved lesson does not replay as it was recorded: " + differences.front().why;
            } else {
                const Value* seed = options.find("seed");
                if (!seed || !seed->is(Value::Kind::Int) || seed->int_digits().size() > 15 || seed->int_digits().starts_with("-"))
                    throw std::invalid_argument("a new lesson needs a seed: a whole number from 0");
                session_ = std::make_unique<lesson::Session>(std::move(lesson), std::stoull(seed->int_digits()), clock_);
            }
        } catch (const std::exception& error) {
            load_error_ = error.what();
        }
        if (!session_) own_ = std::make_unique<lab::Desk>(std::make_unique<crypto::SystemRandom>(), clock_, [](crypto::RandomSource& random) { return empty_world(random); });
    }

    std::string status() const { return load_error_.empty() ? ok_json : error_json(load_error_); }

    // `request_json` has a scenario request's shape: method, path, headers, json | form | body.
    // The browser session sends it with its cookie jar (lab::BrowserSession).
    std::string handle(const std::string& request_json) {
        return guarded([&] { return act(Value::dict({{"request", json_value(request_json, "the request")}})); });
    }

    std::string advance(double seconds) {
        return guarded([&] { return act(Value::dict({{"advance", Value::floating(seconds)}})); });
    }

    double now() const { return static_cast<double>(desk().browser().now()) / 1000.0; }

    std::string exportWorld() const {
        return guarded([&] { return json_text(world_to_json(desk().backend().world(), desk().backend().cache())); });
    }

    // The world's text for saving, or "" when it is the world this call last gave out.
    std::string exportWorldIfChanged() {
        return guarded([&] { return saved_.text_if_changed(desk().backend().world(), desk().backend().cache()).value_or(""); });
    }

    std::string importWorld(const std::string& json) {
        return guarded([&] { return act(Value::dict({{"world", Value::string(json)}})); });
    }

    std::string exportDjango() const {
        return guarded([&] {
            return json_text({{"fixture", exporting::django_fixture(desk().backend().world()).dump(2)},
                              {"code", exporting::django_code(desk().backend().world())}});
        });
    }

    std::string importDjangoFixture(const std::string& text) {
        return guarded([&] {
            if (session_) return error_json("a lesson's world comes from the lesson: leave the lesson to import a fixture");
            auto imported = exporting::import_django_fixture(desk().backend().world(), text);
            if (auto* error = std::get_if<exporting::FixtureError>(&imported)) return error_json(error->message);
            auto& done = std::get<exporting::FixtureImport>(imported);
            desk().backend().world() = std::move(done.world);
            return json_text({{"ok", true}, {"report", done.report}});
        });
    }

    // Hashed with a random source of the page's own: the lesson's stream is for what it records.
    std::string hashPassword(const std::string& password) {
        return guarded([&] { return json_text({{"encoded", auth::Passwords(side_random_, desk().backend().world().password_cost).make_password(password)}}); });
    }

    std::string checkPassword(const std::string& password, const std::string& encoded) {
        return guarded([&] {
            auth::HashCheck check = desk().backend().passwords().check_password(password, encoded);
            const char* verdict = check.verdict == auth::Verdict::match      ? "match"
                                  : check.verdict == auth::Verdict::mismatch ? "mismatch"
                                                                              : "malformed";
            return json_text({{"verdict", verdict}, {"problem", check.problem}, {"must_update", check.must_update}});
        });
    }

    std::string cookies() const {
        return guarded([&] { return json_text(desk().browser().cookies()); });
    }

    void clearCookies() { act(Value::dict({{"clear_cookies", Value::boolean(true)}})); }

    // The jar across a page reload: exportCookies() → [{name, value, expires}];
    // importCookies(json) → {"ok": true} | {"error": …} (the jar stays as it was on error).
    std::string exportCookies() const {
        return guarded([&] { return json_text(desk().browser().export_cookies()); });
    }

    std::string importCookies(const std::string& json) {
        return guarded([&] { return act(Value::dict({{"cookies", Value::string(json)}})); });
    }

    std::string snapshot() const {
        return guarded([&] { return json_text(lab::snapshot(desk().backend())); });
    }

    // The snapshot with only the window's part of the long lists (lab::SnapshotWindow).
    std::string snapshotWindow(const std::string& window_json) const {
        return guarded([&] {
            return json_text(lab::snapshot(desk().backend(), lab::snapshot_window_from_json(nlohmann::json::parse(window_json, nullptr, false))));
        });
    }

    std::string admin(const std::string& command_json) {
        return guarded([&] {
            auto parsed = pyjson::parse(command_json);
            if (!std::holds_alternative<Value>(parsed)) return error_json("the command is not JSON");
            return act(Value::dict({{"admin", std::get<Value>(parsed)}}));
        });
    }

    std::string whyNot(const std::string& request_json) {
        return guarded([&] { return json_text(lab::why_not(desk().backend(), desk().browser().with_cookies(lab::request_from_json(request_json)))); });
    }

    std::string matrix(const std::string& mechanism) {
        return guarded([&] { return json_text(matrix_.of(desk().backend(), mechanism)); });
    }

    // {"header": "Token …"} or {"cookies": [names]} (a session's cookies go into the jar).
    std::string issueCredentials(const std::string& username, const std::string& mechanism) {
        return guarded([&] {
            return act(Value::dict({{"credentials", Value::dict({{"username", Value::string(username)}, {"mechanism", Value::string(mechanism)}})}}));
        });
    }

    // The attack lab's "Reveal the lab's SECRET_KEY": the key alone, not the world around it.
    std::string secretKey() const {
        return guarded([&] { return json_text({{"secret_key", desk().backend().world().secret_key}}); });
    }

    std::string inspectJwt(const std::string& token) const {
        return guarded([&] { return json_text(lab::inspect_jwt(desk().backend(), token)); });
    }

    std::string lessonRequest(const std::string& lesson_json, int index, const std::string& captures_json) {
        return guarded([&] {
            lesson::Lesson lesson = read_lesson(lesson_json);
            Value captures = json_value(captures_json, "the captures");
            Value request = lesson::step_request(step_at(lesson, index), captures_from(&captures), desk().browser().jar(), desk().backend().now());
            return pyjson::dumps(request, {.ensure_ascii = false});
        });
    }

    // A lesson core's own events: {"enter": k} | {"hint": k} | {"solution": k} | {"predict": k, "status": N}
    // → the lesson's state, as lessonState().
    std::string lessonEvent(const std::string& event_json) {
        return guarded([&] {
            if (auto refused = lesson_session().note(json_value(event_json, "the event"))) return error_json(*refused);
            return lessonState();
        });
    }

    // {"step", "steps": [{met, failures, hints, solution, prediction}], "captures"}
    std::string lessonState() {
        return guarded([&] { return pyjson::dumps(lesson_session().state_json(), {.ensure_ascii = false}); });
    }

    // The lesson's entry of a progress file; options {"shipped": bool} (a lesson not shipped
    // goes into the file with it).
    std::string lessonProgress(const std::string& options_json) {
        return guarded([&] {
            const Value options = json_value(options_json, "the options");
            const Value* shipped = options.find("shipped");
            return pyjson::dumps(lesson_session().progress_entry(!(shipped && shipped->is(Value::Kind::Bool) && shipped->as_bool())), {.ensure_ascii = false});
        });
    }

private:
    lab::Desk& desk() { return session_ ? session_->desk() : *own_; }
    const lab::Desk& desk() const { return session_ ? session_->desk() : *own_; }

    lesson::Session& lesson_session() {
        if (!session_) throw std::invalid_argument("this core runs no lesson");
        return *session_;
    }

    // Everything that changes the world goes through here: in a lesson, it is recorded.
    std::string act(const Value& action) { return session_ ? session_->act(action).answer : desk().act(action).answer; }

    SystemClock clock_;
    crypto::SystemRandom side_random_;
    std::unique_ptr<lab::Desk> own_;
    std::unique_ptr<lesson::Session> session_;
    lab::SavedWorld saved_;
    lab::OutcomeMatrix matrix_;  // keeps the last matrix's rows for the next
    std::string load_error_;
};

// filesJson: [{"name", "base64"} (the exact bytes) | {"name", "text"} | {"name", "error": "ENOENT"}]
std::string runScenarios(const std::string& files_json, bool json) {
    return guarded([&] {
        std::vector<scenario::ScenarioFile> files;
        for (const auto& item : nlohmann::json::parse(files_json)) {
            scenario::ScenarioFile file{item.at("name").get<std::string>(), std::nullopt, ""};
            if (item.contains("base64")) {
                file.bytes = crypto::base64_decode(item.at("base64").get<std::string>());
                if (!file.bytes) throw std::invalid_argument(file.name + ": base64 is not valid");
            } else if (item.contains("text")) {
                file.bytes = item.at("text").get<std::string>();
            } else {
                file.read_error = scenario::read_error_text(item.value("error", std::string()));
            }
            files.push_back(std::move(file));
        }
        scenario::RunnerOutput output = scenario::run_scenario_files(files, json);
        return json_text({{"output", output.out}, {"errors", output.err}, {"exitCode", output.exit_code}});
    });
}

// {"lesson": the normalized lesson} or {"errors": [{"path", "reason"}]}; never an exception.
std::string parseLesson(const std::string& text) {
    return guarded([&] {
        auto parsed = lesson::parse_lesson(text);
        if (auto* lesson = std::get_if<lesson::Lesson>(&parsed)) return pyjson::dumps(Value::dict({{"lesson", lesson->json}}), {.ensure_ascii = false});
        std::vector<Value> errors;
        for (const lesson::Problem& problem : std::get<std::vector<lesson::Problem>>(parsed)) {
            errors.push_back(Value::dict({{"path", Value::string(problem.path)}, {"reason", Value::string(problem.reason)}}));
        }
        return pyjson::dumps(Value::dict({{"errors", Value::list(std::move(errors))}}), {.ensure_ascii = false});
    });
}

// A lesson played headless as `lessons check` plays it, before a class starts it:
// {"failing": [{index, title, failures}]} (empty: every step passes). Passwords are hashed at
// Argon2's least cost: the answers are the same, sooner.
std::string checkLesson(const std::string& lesson_json) {
    return guarded([&] {
        lesson::Played played = lesson::play_lesson(read_lesson(lesson_json), {.cost = auth::Argon2Cost{8, 1, 1}});
        ordered_json failing = ordered_json::array();
        for (const lesson::StepFailure& step : played.failing) failing.push_back({{"index", step.index}, {"title", step.title}, {"failures", step.failures}});
        return json_text({{"failing", failing}});
    });
}

// The progress file's text, from the learner's name as typed and the lessons' entries
// (core.lessonProgress) → {"text"} | {"error"}.
std::string progressFile(const std::string& learner, const std::string& entries_json, const std::string& exported_at) {
    return guarded([&] {
        Value file = lesson::progress_file(learner, json_value(entries_json, "the lessons' progress"), exported_at);
        return json_text({{"text", pyjson::dumps(file, {.ensure_ascii = false})}});
    });
}

// files: [{"name", "text"}], lessons: {id: the shipped lesson's text} →
// {"rows": [{learner, lesson, mode, steps, claimed, verified, hints, solutions, predictions,
// predictions_right, minutes, problems}], "csv", "errors": [{"file", "error"}]}
std::string verifyProgress(const std::string& files_json, const std::string& lessons_json) {
    return guarded([&] {
        std::map<std::string, lesson::Lesson> shipped;
        const Value lessons = json_value(lessons_json, "the shipped lessons");
        for (const auto& [id, text] : lessons.as_dict()) {
            auto parsed = lesson::parse_lesson(text.as_str());
            if (auto* read = std::get_if<lesson::Lesson>(&parsed)) shipped.emplace(id, std::move(*read));
        }
        auto find = [&](const std::string& id) -> std::optional<lesson::Lesson> {
            auto it = shipped.find(id);
            return it == shipped.end() ? std::nullopt : std::optional<lesson::Lesson>(it->second);
        };
        ordered_json rows = ordered_json::array(), errors = ordered_json::array();
        std::string csv = lesson::progress_csv_header();
        const Value files = json_value(files_json, "the files");
        for (const Value& file : files.as_list()) {
            std::string name = file.find("name") ? file.find("name")->as_str() : "";
            auto verified = lesson::verify_progress(file.find("text") ? file.find("text")->as_str() : "", find);
            if (auto* why = std::get_if<std::string>(&verified)) {
                errors.push_back({{"file", name}, {"error", "not a progress file: " + *why}});
                continue;
            }
            for (const lesson::ProgressRow& row : std::get<std::vector<lesson::ProgressRow>>(verified)) {
                csv += lesson::progress_csv_row(row);
                rows.push_back({{"file", name}, {"learner", row.learner}, {"lesson", row.lesson}, {"mode", row.mode}, {"steps", row.steps},
                                {"claimed", row.claimed}, {"verified", row.verified}, {"hints", row.hints}, {"solutions", row.solutions},
                                {"predictions", row.predictions}, {"predictions_right", row.predictions_right}, {"minutes", row.minutes},
                                {"ok", row.problems.empty()}, {"problems", row.problems}});
            }
        }
        return json_text({{"rows", rows}, {"csv", csv}, {"errors", errors}});
    });
}

// The attack lab's token: the typed header and payload byte for byte, signed as `mode` says.
std::string forgeJwt(const std::string& header, const std::string& payload, const std::string& mode,
                     const std::string& original, const std::string& key) {
    return guarded([&] {
        std::optional<lab::Signing> signing = lab::signing_named(mode);
        if (!signing) return error_json("unknown signing mode '" + mode + "' (unsigned, old, none or hs256)");
        lab::ForgedJwt forged = lab::forge_jwt(header, payload, *signing, original, key);
        return forged.token.empty() ? error_json(forged.problem) : json_text({{"token", forged.token}});
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(authlab) {
    emscripten::class_<Core>("Core")
        .constructor<std::string>()
        .constructor<std::string, std::string>()
        .function("status", &Core::status)
        .function("handle", &Core::handle)
        .function("advance", &Core::advance)
        .function("now", &Core::now)
        .function("exportWorld", &Core::exportWorld)
        .function("exportWorldIfChanged", &Core::exportWorldIfChanged)
        .function("importWorld", &Core::importWorld)
        .function("exportDjango", &Core::exportDjango)
        .function("importDjangoFixture", &Core::importDjangoFixture)
        .function("hashPassword", &Core::hashPassword)
        .function("checkPassword", &Core::checkPassword)
        .function("cookies", &Core::cookies)
        .function("clearCookies", &Core::clearCookies)
        .function("exportCookies", &Core::exportCookies)
        .function("importCookies", &Core::importCookies)
        .function("snapshot", &Core::snapshot)
        .function("snapshotWindow", &Core::snapshotWindow)
        .function("admin", &Core::admin)
        .function("whyNot", &Core::whyNot)
        .function("matrix", &Core::matrix)
        .function("issueCredentials", &Core::issueCredentials)
        .function("inspectJwt", &Core::inspectJwt)
        .function("secretKey", &Core::secretKey)
        .function("lessonRequest", &Core::lessonRequest)
        .function("lessonEvent", &Core::lessonEvent)
        .function("lessonState", &Core::lessonState)
        .function("lessonProgress", &Core::lessonProgress);
    emscripten::function("runScenarios", &runScenarios);
    emscripten::function("parseLesson", &parseLesson);
    emscripten::function("forgeJwt", &forgeJwt);
    emscripten::function("progressFile", &progressFile);
    emscripten::function("checkLesson", &checkLesson);
    emscripten::function("verifyProgress", &verifyProgress);
}
