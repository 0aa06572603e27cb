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
//   core.loadLesson(lessonJson), core.lessonRequest(lessonJson, index, capturesJson),
//   core.checkLessonStep(lessonJson, index, attemptJson): see wasm/API.md
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
#include "lab/jwt_forge.hpp"
#include "lab/jwt_inspect.hpp"
#include "lab/matrix.hpp"
#include "lab/page_json.hpp"
#include "lab/saved_world.hpp"
#include "lab/snapshot.hpp"
#include "lab/why_not.hpp"
#include "lesson/lesson_world.hpp"
#include "lesson/parse_lesson.hpp"
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

Value captures_value(const scenario::Captures& captures) {
    Value out = Value::dict({});
    for (const auto& [name, item] : captures) out.set(name, item);
    return out;
}

Value check_value(const lesson::StepCheck& check) {
    std::vector<Value> failures;
    for (const std::string& failure : check.failures) failures.push_back(Value::string(failure));
    return Value::dict({{"met", Value::boolean(check.met)}, {"failures", Value::list(std::move(failures))}, {"captures", captures_value(check.captures)}});
}

// The response object handle() gave (Core::response_value) back as the scenario record
// the expectations code reads (scenario/step_record.hpp): lower-case header names, the cookies'
// Set-Cookie lines, the JSON body or else the text.
Value record_from(const Value& response) {
    const Value* status = response.find("status");
    if (!status || !status->is(Value::Kind::Int)) throw std::invalid_argument("attempt.response needs the status handle() answered");
    Value headers = Value::dict({});
    for (const auto& [name, value] : response.find("headers") ? response.find("headers")->as_dict() : Value::Items{}) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        headers.set(lower, value);
    }
    std::vector<Value> cookies;
    for (const Value& cookie : response.find("cookies") ? response.find("cookies")->as_list() : std::vector<Value>{}) {
        if (const Value* header = cookie.find("header")) cookies.push_back(*header);
    }
    if (!cookies.empty()) headers.set("set-cookie", Value::list(std::move(cookies)));
    Value json = response.find("json") ? *response.find("json") : Value();
    const Value* body = response.find("body");
    bool text = json.is(Value::Kind::None) && body && body->is(Value::Kind::Str) && !body->as_str().empty();
    return Value::dict({{"status", *status}, {"headers", headers}, {"json", json}, {"text", text ? *body : Value()}});
}

class Core {
public:
    explicit Core(const std::string& spec) : backend_(empty_world(random_), clock_, random_), browser_(backend_) {
        backend_.set_world_check(world_save_problem);  // the page saves the world after each change
        django::Cache cache;
        auto world = initial_world(spec, random_, cache);
        if (auto* loaded = std::get_if<World>(&world)) {
            if (auto problem = browser_.replace_world(std::move(*loaded))) load_error_ = *problem;
            else backend_.cache() = std::move(cache);
        } else {
            load_error_ = std::get<LoadError>(world).message;
        }  // the core holds an empty world
    }

    std::string status() const { return load_error_.empty() ? ok_json : error_json(load_error_); }

    // `request_json` has a scenario request's shape: method, path, headers, json | form | body.
    // The browser session sends it with its cookie jar (lab::BrowserSession).
    std::string handle(const std::string& request_json) {
        return guarded([&] {
            return lab::sent_to_json(browser_.send(lab::request_from_json(request_json)));
        });
    }

    std::string advance(double seconds) {
        return guarded([&] {
            if (auto problem = browser_.advance(seconds)) return error_json(*problem);
            return json_text({{"ok", true}, {"now", now()}});
        });
    }

    double now() const { return static_cast<double>(browser_.now()) / 1000.0; }

    std::string exportWorld() const {
        return guarded([&] { return json_text(world_to_json(backend_.world(), backend_.cache())); });
    }

    // The world's text for saving, or "" when it is the world this call last gave out.
    std::string exportWorldIfChanged() {
        return guarded([&] { return saved_.text_if_changed(backend_.world(), backend_.cache()).value_or(""); });
    }

    std::string importWorld(const std::string& json) {
        return guarded([&] {
            django::Cache cache;  // the throttles' history the world kept (none in an older file)
            auto loaded = world_from_json_text(json, &cache);
            if (auto* error = std::get_if<LoadError>(&loaded)) return error_json(error->message);
            if (auto problem = browser_.replace_world(std::move(std::get<World>(loaded)))) return error_json(*problem);
            backend_.cache() = std::move(cache);
            return ok_json;
        });
    }

    std::string exportDjango() const {
        return guarded([&] {
            return json_text({{"fixture", exporting::django_fixture(backend_.world()).dump(2)},
                              {"code", exporting::django_code(backend_.world())}});
        });
    }

    std::string importDjangoFixture(const std::string& text) {
        return guarded([&] {
            auto imported = exporting::import_django_fixture(backend_.world(), text);
            if (auto* error = std::get_if<exporting::FixtureError>(&imported)) return error_json(error->message);
            auto& done = std::get<exporting::FixtureImport>(imported);
            backend_.world() = std::move(done.world);
            return json_text({{"ok", true}, {"report", done.report}});
        });
    }

    std::string hashPassword(const std::string& password) {
        return guarded([&] { return json_text({{"encoded", backend_.passwords().make_password(password)}}); });
    }

    std::string checkPassword(const std::string& password, const std::string& encoded) {
        return guarded([&] {
            auth::HashCheck check = backend_.passwords().check_password(password, encoded);
            const char* verdict = check.verdict == auth::Verdict::match      ? "match"
                                  : check.verdict == auth::Verdict::mismatch ? "mismatch"
                                                                              : "malformed";
            return json_text({{"verdict", verdict}, {"problem", check.problem}, {"must_update", check.must_update}});
        });
    }

    std::string cookies() const {
        return guarded([&] { return json_text(browser_.cookies()); });
    }

    void clearCookies() { browser_.clear_cookies(); }

    // The jar across a page reload: exportCookies() → [{name, value, expires}];
    // importCookies(json) → {"ok": true} | {"error": …} (the jar stays as it was on error).
    std::string exportCookies() const {
        return guarded([&] { return json_text(browser_.export_cookies()); });
    }

    std::string importCookies(const std::string& json) {
        return guarded([&] {
            if (auto problem = browser_.import_cookies(json)) return error_json(*problem);
            return ok_json;
        });
    }

    std::string snapshot() const {
        return guarded([&] { return json_text(lab::snapshot(backend_)); });
    }

    // The snapshot with only the window's part of the long lists (lab::SnapshotWindow).
    std::string snapshotWindow(const std::string& window_json) const {
        return guarded([&] {
            return json_text(lab::snapshot(backend_, lab::snapshot_window_from_json(nlohmann::json::parse(window_json, nullptr, false))));
        });
    }

    std::string admin(const std::string& command_json) {
        return guarded([&] {
            auto command = nlohmann::json::parse(command_json, nullptr, false);
            if (command.is_discarded()) return error_json("the command is not JSON");
            return json_text(lab::apply_admin_command(backend_, command));
        });
    }

    std::string whyNot(const std::string& request_json) {
        return guarded([&] { return json_text(lab::why_not(backend_, browser_.with_cookies(lab::request_from_json(request_json)))); });
    }

    std::string matrix(const std::string& mechanism) {
        return guarded([&] { return json_text(matrix_.of(backend_, mechanism)); });
    }

    // {"header": "Token …"} or {"cookies": [names]} (a session's cookies go into the jar).
    std::string issueCredentials(const std::string& username, const std::string& mechanism) {
        return guarded([&] {
            auto issued = lab::issue_credentials(backend_, username, mechanism);
            if (auto* problem = std::get_if<std::string>(&issued)) return error_json(*problem);
            const lab::Credentials& credentials = std::get<lab::Credentials>(issued);
            if (credentials.authorization) return json_text({{"header", *credentials.authorization}});
            ordered_json names = ordered_json::array();
            browser_.receive(credentials.cookies);
            for (const http::SetCookie& cookie : credentials.cookies) names.push_back(cookie.name);
            return json_text({{"cookies", names}});
        });
    }

    std::string inspectJwt(const std::string& token) const {
        return guarded([&] { return json_text(lab::inspect_jwt(backend_, token)); });
    }

    // The world becomes the lesson's setup, built fresh; the jar empties (lab.lessonCore).
    std::string loadLesson(const std::string& lesson_json) {
        return guarded([&] {
            lesson::Lesson lesson = read_lesson(lesson_json);
            if (auto problem = browser_.replace_world(lesson::lesson_world(lesson.setup(), backend_.passwords()))) return error_json(*problem);
            return ok_json;
        });
    }

    std::string lessonRequest(const std::string& lesson_json, int index, const std::string& captures_json) {
        return guarded([&] {
            lesson::Lesson lesson = read_lesson(lesson_json);
            Value captures = json_value(captures_json, "the captures");
            Value request = lesson::step_request(step_at(lesson, index), captures_from(&captures), browser_.jar(), backend_.now());
            return pyjson::dumps(request, {.ensure_ascii = false});
        });
    }

    // attempt: {request, response, captures} | {captures} | {advanced, captures}, by the step's kind.
    std::string checkLessonStep(const std::string& lesson_json, int index, const std::string& attempt_json) {
        return guarded([&] {
            lesson::Lesson lesson = read_lesson(lesson_json);
            const lesson::LessonStep& step = step_at(lesson, index);
            Value attempt = json_value(attempt_json, "the attempt");
            scenario::Captures captures = captures_from(attempt.find("captures"));
            lesson::StepCheck check;
            if (step.kind == lesson::LessonStep::Kind::request) {
                const Value* request = attempt.find("request");
                const Value* response = attempt.find("response");
                if (!request || !response) throw std::invalid_argument("a request step's attempt needs the request sent and the response");
                check = lesson::check_request_step(step, scenario::build_request(*request), record_from(*response), captures, browser_.jar(), backend_.now());
            } else if (step.kind == lesson::LessonStep::Kind::admin) {
                check = lesson::check_admin_step(step, backend_, captures, browser_.jar());
            } else {
                const Value* advanced = attempt.find("advanced");
                double seconds = !advanced ? 0 : advanced->is(Value::Kind::Int) ? std::stod(advanced->int_digits())
                                             : advanced->is(Value::Kind::Float) ? advanced->as_float() : 0;
                check = lesson::check_advance_step(step, seconds, captures);
            }
            return pyjson::dumps(check_value(check), {.ensure_ascii = false});
        });
    }

private:
    crypto::SystemRandom random_;
    SystemClock clock_;
    Backend backend_;
    lab::BrowserSession browser_;
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
        .function("loadLesson", &Core::loadLesson)
        .function("lessonRequest", &Core::lessonRequest)
        .function("checkLessonStep", &Core::checkLessonStep);
    emscripten::function("runScenarios", &runScenarios);
    emscripten::function("parseLesson", &parseLesson);
    emscripten::function("forgeJwt", &forgeJwt);
}
