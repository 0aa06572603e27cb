#include "lesson/parse_lesson.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>

#include "auth/passwords.hpp"
#include "auth/permission.hpp"
#include "crypto/random.hpp"
#include "lesson/json_path.hpp"
#include "lesson/nearest_name.hpp"
#include "lesson/lesson_world.hpp"
#include "pyjson/dump.hpp"
#include "pyjson/parse.hpp"
#include "python/utf8.hpp"
#include "world/seed.hpp"
#include "scenario/scenario_error.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;
using Kind = Value::Kind;

constexpr double max_advance_seconds = 100.0 * 366 * 24 * 3600;  // as scenarios: a century is plenty
constexpr std::string_view http_methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
constexpr std::string_view admin_ops[] = {"save_group", "rename_group", "delete_group", "create_user", "edit_user",
                                          "set_password", "delete_user", "set_policies", "reset", "set_password_cost"};

std::string in_quotes(const std::string& text) { return pyjson::dumps(Value::string(text), {.ensure_ascii = false}); }

// What a value is, as a teacher would say it.
std::string kind_of(const Value& value) {
    switch (value.kind()) {
        case Kind::None: return "null";
        case Kind::Bool: return value.as_bool() ? "true" : "false";
        case Kind::Int:
        case Kind::Float: return "a number";
        case Kind::Str: return "text";
        case Kind::List: return "a list";
        case Kind::Dict: return "an object";
    }
    return "something else";
}

template <typename Names>
std::string joined(const Names& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

bool is_number(const Value& value) { return value.is(Kind::Int) || value.is(Kind::Float); }

double number_of(const Value& value) {
    if (value.is(Kind::Float)) return value.as_float();
    const std::string& digits = value.int_digits();
    if (digits.size() > 15) return digits[0] == '-' ? -1e300 : 1e300;
    return std::stod(digits);
}

// Checks one lesson, collecting every problem rather than stopping at the first.
class Reader {
public:
    std::vector<Problem> problems;

    std::optional<Lesson> lesson(const Value& root) {
        if (!root.is(Kind::Dict)) {
            problem("$", "a lesson is a JSON object { … } with \"format\", \"version\", \"id\", \"title\" and \"steps\"; this is " + kind_of(root));
            return std::nullopt;
        }
        known_keys(root, "$", {"format", "version", "mode", "id", "title", "summary", "concepts", "setup", "steps"}, "a lesson");
        format_and_version(root);
        lesson_mode(root.find("mode"));
        std::string id = lesson_id(root);
        std::optional<std::string> title = text(root, "$", "title", true);
        std::optional<std::string> summary = text(root, "$", "summary", false);
        Value concept_list = concepts(root.find("concepts"));
        Value setup_value = setup(root.find("setup"));
        std::vector<LessonStep> step_list = steps(root.find("steps"));
        if (!problems.empty()) return std::nullopt;

        std::vector<Value> step_values;
        for (const LessonStep& step : step_list) step_values.push_back(step.json);
        Value json = Value::dict({{"format", Value::string("authlab.lesson")},
                                  {"version", Value::integer(2)},  // a version 1 lesson, normalized, is a version 2 one
                                  {"mode", Value::string(mode_ == Lesson::Mode::challenge ? "challenge" : "guided")},
                                  {"id", Value::string(id)},
                                  {"title", Value::string(*title)},
                                  {"summary", Value::string(summary.value_or(""))},
                                  {"concepts", concept_list},
                                  {"setup", setup_value},
                                  {"steps", Value::list(std::move(step_values))}});
        return Lesson{json, id, std::move(step_list), mode_};
    }

private:
    int version_ = 1;
    Lesson::Mode mode_ = Lesson::Mode::guided;

    // A key only version 2 reads, in a version 1 lesson: said, rather than ignored.
    void needs_version_2(const Value& object, const std::string& path, std::initializer_list<const char*> keys) {
        if (version_ >= 2) return;
        for (const char* key : keys) {
            if (object.find(key)) problem(path_key(path, key), std::string("\"") + key + "\" is read in version 2 lessons: write \"version\": 2");
        }
    }

    void lesson_mode(const Value* mode) {
        if (!mode) return;
        if (version_ < 2) {
            problem("$.mode", "\"mode\" is read in version 2 lessons: write \"version\": 2");
        } else if (mode->is(Kind::Str) && mode->as_str() == "challenge") {
            mode_ = Lesson::Mode::challenge;
        } else if (!(mode->is(Kind::Str) && mode->as_str() == "guided")) {
            problem("$.mode", "must be \"guided\" (each step says what to do) or \"challenge\" (each step says what to reach)");
        }
    }
    void problem(std::string path, std::string reason) { problems.push_back({std::move(path), std::move(reason)}); }

    // A key nobody reads is most often a typo: name it, and the key it was probably meant to be.
    void known_keys(const Value& object, const std::string& path, std::initializer_list<std::string_view> known, const std::string& what) {
        for (const auto& item : object.as_dict()) {
            const std::string& key = item.first;  // a structured binding cannot be captured in C++20
            if (std::find(known.begin(), known.end(), key) != known.end()) continue;
            auto closest = std::min_element(known.begin(), known.end(), [&](std::string_view a, std::string_view b) { return edit_distance(key, a) < edit_distance(key, b); });
            std::string reason = "unknown key " + in_quotes(key) + " in " + what;
            if (closest != known.end() && edit_distance(key, *closest) <= 2) reason += "; did you mean " + in_quotes(std::string(*closest)) + "?";
            else reason += "; it may have " + joined(known);
            problem(path_key(path, key), reason);
        }
    }

    // A text field: plain text (markup is never read as HTML), at most max_text_characters.
    std::optional<std::string> text(const Value& object, const std::string& path, const std::string& key, bool required) {
        const Value* value = object.find(key);
        std::string at = path_key(path, key);
        if (!value) {
            if (required) problem(at, "missing: write some text here, e.g. \"" + key + "\": \"…\"");
            return std::nullopt;
        }
        if (!value->is(Kind::Str)) {
            problem(at, "must be text in double quotes, not " + kind_of(*value));
            return std::nullopt;
        }
        std::size_t length = python::code_points(value->as_str());
        if (length > max_text_characters) {
            problem(at, "is " + std::to_string(length) + " characters long; a text may have at most " + std::to_string(max_text_characters));
            return std::nullopt;
        }
        if (required && value->as_str().empty()) problem(at, "is empty: write some text here");
        return value->as_str();
    }

    bool object_at(const Value& value, const std::string& path, const std::string& example) {
        if (value.is(Kind::Dict)) return true;
        problem(path, "must be an object like " + example + ", not " + kind_of(value));
        return false;
    }

    void format_and_version(const Value& root) {
        const Value* format = root.find("format");
        if (!format) problem("$.format", "missing: a lesson starts with \"format\": \"authlab.lesson\"");
        else if (!format->is(Kind::Str) || format->as_str() != "authlab.lesson")
            problem("$.format", "must be \"authlab.lesson\", not " + (format->is(Kind::Str) ? in_quotes(format->as_str()) : kind_of(*format)));
        const Value* version = root.find("version");
        if (!version) problem("$.version", "missing: write \"version\": 2");
        else if (version->is(Kind::Int) && (version->int_digits() == "1" || version->int_digits() == "2"))
            version_ = version->int_digits() == "2" ? 2 : 1;
        else
            problem("$.version", "this player reads version 1 and 2 lessons; this one says " + (version->is(Kind::Int) ? version->int_digits() : kind_of(*version)));
    }

    std::string lesson_id(const Value& root) {
        const Value* id = root.find("id");
        if (!id) {
            problem("$.id", "missing: give the lesson a short name, like \"id\": \"403-editor-role\"");
            return "";
        }
        auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
        if (!id->is(Kind::Str) || id->as_str().empty() || id->as_str().size() > 64 ||
            !std::all_of(id->as_str().begin(), id->as_str().end(), allowed)) {
            problem("$.id", "must be 1 to 64 lower-case letters, digits or hyphens, like \"403-editor-role\"");
            return "";
        }
        return id->as_str();
    }

    Value concepts(const Value* value) {
        std::vector<Value> out;
        if (!value) return Value::list({});
        if (!value->is(Kind::List)) {
            problem("$.concepts", "must be a list of concept names, like [\"groups-roles\", \"403\"]");
            return Value::list({});
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < value->as_list().size(); ++i) {
            const Value& item = value->as_list()[i];
            std::string at = path_index("$.concepts", i);
            bool known = item.is(Kind::Str) && std::find(std::begin(concept_ids), std::end(concept_ids), item.as_str()) != std::end(concept_ids);
            if (!known) {
                problem(at, "unknown concept " + (item.is(Kind::Str) ? in_quotes(item.as_str()) : kind_of(item)) +
                                (item.is(Kind::Str) ? did_you_mean(item.as_str(), std::vector<std::string>(std::begin(concept_ids), std::end(concept_ids))) : std::string()) + "; known: " + joined(concept_ids));
            } else if (!seen.insert(item.as_str()).second) {
                problem(at, "lists " + in_quotes(item.as_str()) + " twice");
            } else {
                out.push_back(item);
            }
        }
        return Value::list(std::move(out));
    }

    // The setup as scenarios have it, plus "advance"; built once here with a cheap password
    // hasher, so a world that cannot be built is reported now and not in class.
    Value setup(const Value* value) {
        Value out = Value::dict({{"world", Value::string("default")}, {"groups", Value::list({})}, {"users", Value::list({})},
                                 {"books", Value::list({})}, {"policies", Value::dict({})}, {"advance", Value::integer(0)}});
        if (!value) return out;
        if (!object_at(*value, "$.setup", "{\"world\": \"default\"}")) return out;
        std::size_t before = problems.size();
        known_keys(*value, "$.setup", {"world", "groups", "users", "books", "policies", "advance"}, "setup");
        for (const auto& [key, item] : value->as_dict()) {
            std::string at = path_key("$.setup", key);
            if (key == "world" && !(item.is(Kind::Str) && (item.as_str() == "default" || item.as_str() == "empty")))
                problem(at, "must be \"default\" (the bookshop's users, groups and books) or \"empty\"");
            if ((key == "groups" || key == "users" || key == "books") && !item.is(Kind::List))
                problem(at, "must be a list, not " + kind_of(item));
            if (key == "policies") object_at(item, at, "{\"books\": {\"permissions\": [\"IsAuthenticated\"]}}");
            if (key == "advance") seconds(item, at, false);
            out.set(key, item);
        }
        if (problems.size() > before) return out;
        setup_names(out);
        if (problems.size() > before) return out;
        try {
            crypto::SeededRandom random(1);
            lesson_world(out, auth::Passwords(random, auth::Argon2Cost{8, 1, 1}));
        } catch (const std::exception& error) {
            problem("$.setup", std::string("this world cannot be built: ") + error.what());
        }
        return out;
    }

    // The names a setup gives, each where it is written, with the nearest known name for a typo:
    // a permission key, a group (the base world's or the setup's own).
    void setup_names(const Value& setup) {
        // The default world's groups, built once: every lesson read (the page reads one per call) asks.
        static const std::vector<std::string> default_groups = [] {
            crypto::SeededRandom random(1);
            std::vector<std::string> names;
            for (const Group& group : default_world(random, auth::Argon2Cost{8, 1, 1}).groups) names.push_back(group.name);
            return names;
        }();
        std::vector<std::string> groups;
        if (setup.find("world")->as_str() == "default") groups = default_groups;
        for (const Value& group : setup.find("groups")->as_list()) {
            if (const Value* name = group.find("name"); name && name->is(Kind::Str)) groups.push_back(name->as_str());
        }
        known_groups_ = groups;
        names_known_ = true;
        for (const char* list : {"groups", "users"}) {
            const auto& entries = setup.find(list)->as_list();
            for (std::size_t i = 0; i < entries.size(); ++i) {
                std::string at = path_index(path_key("$.setup", list), i);
                permission_names(entries[i].find("permissions"), path_key(at, "permissions"));
                if (std::string(list) == "users") group_names(entries[i].find("groups"), path_key(at, "groups"));
            }
        }
    }

    void permission_names(const Value* names, const std::string& path) {
        if (!names) return;
        static const std::vector<std::string> keys = [] {
            std::vector<std::string> all;
            for (const auth::Permission& permission : auth::all_permissions()) all.push_back(permission.key());
            return all;
        }();
        for (std::size_t i = 0; i < names->as_list().size(); ++i) {
            const Value& name = names->as_list()[i];
            if (name.is(Kind::Str) && !auth::find_permission(name.as_str()))
                problem(path_index(path, i), "unknown permission " + in_quotes(name.as_str()) + did_you_mean(name.as_str(), keys));
        }
    }

    void group_names(const Value* names, const std::string& path) {
        if (!names || !names_known_) return;  // a setup with problems of its own names no groups
        for (std::size_t i = 0; i < names->as_list().size(); ++i) {
            const Value& name = names->as_list()[i];
            if (name.is(Kind::Str) && std::find(known_groups_.begin(), known_groups_.end(), name.as_str()) == known_groups_.end())
                problem(path_index(path, i), "unknown group " + in_quotes(name.as_str()) + did_you_mean(name.as_str(), known_groups_));
        }
    }

    std::vector<std::string> known_groups_;  // the base world's and the setup's, once the setup is read
    bool names_known_ = false;

    bool seconds(const Value& value, const std::string& path, bool positive) {
        if (!is_number(value) || !(number_of(value) >= 0) || (positive && number_of(value) == 0)) {
            problem(path, std::string("must be a number of seconds ") + (positive ? "above 0" : "from 0") + ", like 300");
            return false;
        }
        if (number_of(value) > max_advance_seconds) {
            problem(path, "moves the clock more than a century");
            return false;
        }
        return true;
    }

    std::vector<LessonStep> steps(const Value* value) {
        std::vector<LessonStep> out;
        if (!value) {
            problem("$.steps", "missing: a lesson needs a list of steps");
            return out;
        }
        if (!value->is(Kind::List) || value->as_list().empty()) {
            problem("$.steps", "must be a list of at least one step, not " + (value->is(Kind::List) ? std::string("an empty list") : kind_of(*value)));
            return out;
        }
        if (value->as_list().size() > max_steps) {
            problem("$.steps", "has " + std::to_string(value->as_list().size()) + " steps; a lesson may have at most " + std::to_string(max_steps));
            return out;
        }
        std::set<std::string> captured;  // the names earlier steps capture, for ${name}
        for (std::size_t i = 0; i < value->as_list().size(); ++i) {
            const std::string at = path_index("$.steps", i);
            auto one = mode_ == Lesson::Mode::challenge ? challenge_step(value->as_list()[i], at) : step(value->as_list()[i], at, captured);
            if (one) out.push_back(std::move(*one));
        }
        return out;
    }

    std::optional<LessonStep> step(const Value& value, const std::string& path, std::set<std::string>& captured) {
        if (!object_at(value, path, "{\"title\": …, \"text\": …, \"request\": …, \"expect\": …}")) return std::nullopt;
        std::size_t before = problems.size();
        known_keys(value, path, {"title", "text", "hint", "request", "prefill", "capture", "predict", "predict_words", "admin", "check", "advance", "expect", "explain"}, "a step");
        needs_version_2(value, path, {"predict", "predict_words"});
        std::optional<std::string> title = text(value, path, "title", true);
        std::optional<std::string> body = text(value, path, "text", true);
        std::optional<std::string> hint = text(value, path, "hint", false);
        std::optional<std::string> explain = text(value, path, "explain", false);

        std::vector<std::string> actions;
        for (const char* key : {"request", "admin", "advance"}) {
            if (value.find(key)) actions.push_back(in_quotes(key));
        }
        if (actions.size() != 1) {
            problem(path, actions.empty() ? "gives the learner nothing to do: add one of \"request\", \"admin\" or \"advance\""
                                          : "does more than one thing (" + joined(actions) + "): a step has exactly one of them");
            return std::nullopt;
        }
        LessonStep::Kind kind = value.find("request") ? LessonStep::Kind::request : value.find("admin") ? LessonStep::Kind::admin : LessonStep::Kind::advance;
        only_with(value, path, "prefill", "request", kind == LessonStep::Kind::request);
        only_with(value, path, "capture", "request", kind == LessonStep::Kind::request);
        only_with(value, path, "predict", "request", kind == LessonStep::Kind::request);
        only_with(value, path, "predict_words", "request", kind == LessonStep::Kind::request);
        only_with(value, path, "check", "admin", kind == LessonStep::Kind::admin);
        only_with(value, path, "expect", "request\" or \"admin", kind != LessonStep::Kind::advance);

        Value out = Value::dict({{"title", Value::string(title.value_or(""))}, {"text", Value::string(body.value_or(""))},
                                 {"hint", Value::string(hint.value_or(""))}});
        std::set<std::string> new_captures;
        if (kind == LessonStep::Kind::request) {
            request(*value.find("request"), path_key(path, "request"), captured);
            out.set("request", *value.find("request"));
            const Value* prefill = value.find("prefill");
            if (prefill && !prefill->is(Kind::Bool)) problem(path_key(path, "prefill"), "must be true or false, not " + kind_of(*prefill));
            out.set("prefill", prefill ? *prefill : Value::boolean(true));
            const Value* capture_value = value.find("capture");
            if (capture_value) capture(*capture_value, path_key(path, "capture"), new_captures);
            out.set("capture", capture_value ? *capture_value : Value::dict({}));
            predict(value, path, out);
        } else if (kind == LessonStep::Kind::admin) {
            admin(*value.find("admin"), path_key(path, "admin"));
            out.set("admin", *value.find("admin"));
            if (const Value* check = value.find("check")) {
                request(*check, path_key(path, "check"), captured);
                out.set("check", *check);
            } else {
                problem(path_key(path, "check"), "missing: an admin step needs a \"check\" request that shows the change worked");
            }
        } else {
            seconds(*value.find("advance"), path_key(path, "advance"), true);
            out.set("advance", *value.find("advance"));
        }
        if (kind != LessonStep::Kind::advance) {
            if (const Value* expect_value = value.find("expect")) {
                expect(*expect_value, path_key(path, "expect"));
                out.set("expect", *expect_value);
            } else {
                problem(path_key(path, "expect"), "missing: say what the answer must be, e.g. \"expect\": {\"status\": 200}");
            }
        }
        out.set("explain", Value::string(explain.value_or("")));
        captured.insert(new_captures.begin(), new_captures.end());
        if (problems.size() > before) return std::nullopt;
        return LessonStep{kind, out};
    }

    // "predict": true asks the learner for the status before the request goes out;
    // "predict_words" has the step's words for a wrong guess, by status.
    void predict(const Value& value, const std::string& path, Value& out) {
        const Value* flag = value.find("predict");
        if (flag && !flag->is(Kind::Bool)) problem(path_key(path, "predict"), "must be true or false, not " + kind_of(*flag));
        out.set("predict", flag && flag->is(Kind::Bool) ? *flag : Value::boolean(false));
        const Value* words = value.find("predict_words");
        Value kept = Value::dict({});
        if (words && object_at(*words, path_key(path, "predict_words"), "{\"401\": \"…\"}")) {
            for (const auto& entry : words->as_dict()) {
                const std::string& status = entry.first;  // a structured binding cannot be captured in C++20
                const Value& item = entry.second;
                std::string at = path_key(path_key(path, "predict_words"), status);
                bool known = std::any_of(std::begin(predictable_statuses), std::end(predictable_statuses),
                                         [&](int code) { return std::to_string(code) == status; });
                if (!known) problem(at, "is not a status the learner can pick; these are 200, 201, 204, 400, 401, 403, 404, 405, 429");
                else if (text(*words, path_key(path, "predict_words"), status, true)) kept.set(status, item);
            }
        }
        if (words && !words->as_dict().empty() && !(flag && flag->is(Kind::Bool) && flag->as_bool())) problem(path_key(path, "predict_words"), "is shown only with \"predict\": true");
        out.set("predict_words", kept);
    }

    // A challenge step: the goal in words, hints one at a time, conditions that say what the
    // goal means, and a solution `lessons check` plays (and "I give up" shows).
    std::optional<LessonStep> challenge_step(const Value& value, const std::string& path) {
        if (!object_at(value, path, "{\"title\": …, \"text\": …, \"hints\": […], \"goal\": […], \"solution\": […]}")) return std::nullopt;
        std::size_t before = problems.size();
        known_keys(value, path, {"title", "text", "hints", "goal", "solution", "explain"}, "a challenge step");
        std::optional<std::string> title = text(value, path, "title", true);
        std::optional<std::string> body = text(value, path, "text", true);
        std::optional<std::string> explain = text(value, path, "explain", false);
        Value out = Value::dict({{"title", Value::string(title.value_or(""))}, {"text", Value::string(body.value_or(""))}});
        out.set("hints", hints(value.find("hints"), path_key(path, "hints")));
        out.set("goal", listed(value.find("goal"), path_key(path, "goal"), max_goal_conditions, "condition", [&](const Value& item, const std::string& at) { condition(item, at); }));
        std::set<std::string> captured;  // a solution's captures are its own
        out.set("solution", listed(value.find("solution"), path_key(path, "solution"), max_solution_actions, "action",
                                   [&](const Value& item, const std::string& at) { solution_action(item, at, captured); }));
        out.set("explain", Value::string(explain.value_or("")));
        if (problems.size() > before) return std::nullopt;
        return LessonStep{LessonStep::Kind::challenge, out};
    }

    static constexpr std::size_t max_hints = 10;
    static constexpr std::size_t max_goal_conditions = 20;
    static constexpr std::size_t max_solution_actions = 30;

    Value hints(const Value* value, const std::string& path) {
        if (!value || !value->is(Kind::List) || value->as_list().size() < 2 || value->as_list().size() > max_hints) {
            problem(path, "must be a list of 2 to 10 hints, the first a nudge and the last nearly the answer");
            return Value::list({});
        }
        for (std::size_t i = 0; i < value->as_list().size(); ++i) {
            const Value& hint = value->as_list()[i];
            std::string at = path_index(path, i);
            if (!hint.is(Kind::Str) || hint.as_str().empty()) problem(at, "must be a hint's text");
            else if (python::code_points(hint.as_str()) > max_text_characters) problem(at, "is longer than " + std::to_string(max_text_characters) + " characters");
        }
        return *value;
    }

    template <typename Check>
    Value listed(const Value* value, const std::string& path, std::size_t most, const std::string& what, Check&& check) {
        if (!value || !value->is(Kind::List) || value->as_list().empty() || value->as_list().size() > most) {
            problem(path, "must be a list of 1 to " + std::to_string(most) + " " + what + "s");
            return Value::list({});
        }
        for (std::size_t i = 0; i < value->as_list().size(); ++i) check(value->as_list()[i], path_index(path, i));
        return *value;
    }

    // One thing that must hold for the goal to be reached (web/lessons/README.md, "Goals").
    void condition(const Value& value, const std::string& path) {
        if (!object_at(value, path, "{\"check\": {…}, \"as\": \"eddie\", \"expect\": {\"status\": 201}}")) return;
        std::vector<std::string> kinds;
        for (const char* key : {"check", "sent", "user", "unchanged"}) {
            if (value.find(key)) kinds.push_back(in_quotes(key));
        }
        if (kinds.size() != 1) {
            problem(path, kinds.empty() ? "says nothing to check: give one of \"check\", \"sent\", \"user\" or \"unchanged\""
                                        : "has " + joined(kinds) + ": a condition is exactly one of them");
            return;
        }
        if (value.find("check")) {
            known_keys(value, path, {"check", "as", "with", "expect"}, "a check condition");
            request(*value.find("check"), path_key(path, "check"), {});
            if (const Value* as = value.find("as"); as && (!as->is(Kind::Str) || as->as_str().empty())) problem(path_key(path, "as"), "must be a username, like \"eddie\"");
            if (const Value* with = value.find("with");
                with && !(with->is(Kind::Str) && (with->as_str() == "token" || with->as_str() == "bearer" || with->as_str() == "session")))
                problem(path_key(path, "with"), "must be \"token\", \"bearer\" or \"session\"");
            if (value.find("with") && !value.find("as")) problem(path_key(path, "with"), "is read only with \"as\"");
            if (const Value* expected = value.find("expect")) expect(*expected, path_key(path, "expect"));
            else problem(path_key(path, "expect"), "missing: say what the answer must be, e.g. {\"status\": 403}");
        } else if (value.find("sent")) {
            known_keys(value, path, {"sent", "expect", "json_not"}, "a sent condition");
            sent_pattern(*value.find("sent"), path_key(path, "sent"));
            if (const Value* expected = value.find("expect")) expect(*expected, path_key(path, "expect"));
            if (const Value* json_not = value.find("json_not")) object_at(*json_not, path_key(path, "json_not"), "{\"owner\": \"carol\"}");
        } else if (value.find("user")) {
            known_keys(value, path, {"user", "exists", "is_active", "is_staff", "is_superuser", "has_token"}, "a user condition");
            if (!value.find("user")->is(Kind::Str) || value.find("user")->as_str().empty()) problem(path_key(path, "user"), "must be a username, like \"eddie\"");
            for (const char* flag : {"exists", "is_active", "is_staff", "is_superuser", "has_token"}) {
                if (const Value* item = value.find(flag); item && !item->is(Kind::Bool)) problem(path_key(path, flag), "must be true or false");
            }
        } else {
            known_keys(value, path, {"unchanged", "except"}, "an unchanged condition");
            const Value& what = *value.find("unchanged");
            if (!(what.is(Kind::Str) && (what.as_str() == "users" || what.as_str() == "policies")))
                problem(path_key(path, "unchanged"), "must be \"users\" (every other user's rights) or \"policies\"");
            if (const Value* except = value.find("except")) {
                bool names = except->is(Kind::List) && std::all_of(except->as_list().begin(), except->as_list().end(), [](const Value& v) { return v.is(Kind::Str); });
                if (!names) problem(path_key(path, "except"), "must be a list of names, like [\"eddie\"]");
            }
        }
    }

    // Which of the learner's requests a "sent" condition is about.
    void sent_pattern(const Value& value, const std::string& path) {
        if (!object_at(value, path, "{\"method\": \"GET\", \"path\": \"/api/orders/*/\", \"user\": \"carol\"}")) return;
        known_keys(value, path, {"method", "path", "user", "authenticator", "forged"}, "a sent pattern");
        if (const Value* forged = value.find("forged"); forged && !forged->is(Kind::Bool)) problem(path_key(path, "forged"), "must be true or false");
        if (const Value* method = value.find("method");
            method && (!method->is(Kind::Str) || std::find(std::begin(http_methods), std::end(http_methods), method->as_str()) == std::end(http_methods)))
            problem(path_key(path, "method"), "must be one of " + joined(http_methods) + " (in capitals)");
        if (const Value* where = value.find("path"); where && (!where->is(Kind::Str) || !where->as_str().starts_with("/")))
            problem(path_key(path, "path"), "must be a path starting with /, where * stands for one segment, like \"/api/orders/*/\"");
        if (const Value* user = value.find("user"); user && !user->is(Kind::Str) && !user->is(Kind::None))
            problem(path_key(path, "user"), "must be a username, or null for an anonymous request");
        if (const Value* by = value.find("authenticator"); by && !by->is(Kind::Str)) problem(path_key(path, "authenticator"), "must be an authentication class's name");
    }

    // One action of a challenge's solution: a request (which may capture), an admin change, a
    // move of the clock, or a JWT signed with the world's key as the attack lab signs one once
    // the key is known (captured as {"name": "token"}).
    void solution_action(const Value& value, const std::string& path, std::set<std::string>& captured) {
        if (!object_at(value, path, "{\"request\": {…}} or {\"admin\": {…}} or {\"advance\": 300}")) return;
        known_keys(value, path, {"request", "capture", "admin", "advance", "forge_jwt"}, "a solution's action");
        int count = (value.find("request") ? 1 : 0) + (value.find("admin") ? 1 : 0) + (value.find("advance") ? 1 : 0) + (value.find("forge_jwt") ? 1 : 0);
        if (count != 1) {
            problem(path, "must be exactly one of \"request\", \"admin\", \"advance\" or \"forge_jwt\"");
            return;
        }
        if (value.find("capture") && !value.find("request") && !value.find("forge_jwt")) problem(path_key(path, "capture"), "belongs only with a \"request\" or \"forge_jwt\"");
        if (const Value* sent = value.find("request")) {
            request(*sent, path_key(path, "request"), captured);
            if (const Value* capture_value = value.find("capture")) capture(*capture_value, path_key(path, "capture"), captured);
        } else if (const Value* forged = value.find("forge_jwt")) {
            if (object_at(*forged, path_key(path, "forge_jwt"), "{\"header\": {\"alg\": \"HS256\", \"typ\": \"JWT\"}, \"payload\": {…}}")) {
                known_keys(*forged, path_key(path, "forge_jwt"), {"header", "payload"}, "forge_jwt");
                for (const char* part : {"header", "payload"}) {
                    const Value* item = forged->find(part);
                    if (!item) problem(path_key(path_key(path, "forge_jwt"), part), "missing: the token's " + std::string(part) + " as a JSON object");
                    else object_at(*item, path_key(path_key(path, "forge_jwt"), part), "{…}");
                }
            }
            if (const Value* capture_value = value.find("capture")) capture(*capture_value, path_key(path, "capture"), captured);
            else problem(path_key(path, "capture"), "missing: keep the token for a later request, like {\"tok\": \"token\"}");
        } else if (const Value* command = value.find("admin")) {
            admin(*command, path_key(path, "admin"));
        } else {
            seconds(*value.find("advance"), path_key(path, "advance"), true);
        }
    }

    void only_with(const Value& step, const std::string& path, const char* key, const std::string& kind, bool allowed) {
        if (step.find(key) && !allowed) problem(path_key(path, key), std::string("belongs only in a \"") + kind + "\" step");
    }

    // A scenario request (scenarios.md): what the console sends.
    void request(const Value& value, const std::string& path, const std::set<std::string>& captured) {
        if (!object_at(value, path, "{\"method\": \"GET\", \"path\": \"/api/books/\"}")) return;
        known_keys(value, path, {"method", "path", "headers", "json", "form", "body"}, "a request");
        const Value* method = value.find("method");
        if (!method) problem(path_key(path, "method"), "missing: write the HTTP method, like \"GET\" or \"POST\"");
        else if (!method->is(Kind::Str) || std::find(std::begin(http_methods), std::end(http_methods), method->as_str()) == std::end(http_methods))
            problem(path_key(path, "method"), "must be one of " + joined(http_methods) + " (in capitals)");
        const Value* where = value.find("path");
        if (!where) problem(path_key(path, "path"), "missing: write the path, like \"/api/books/\"");
        else if (!where->is(Kind::Str) || !where->as_str().starts_with("/"))
            problem(path_key(path, "path"), "must be text starting with /, like \"/api/books/\"");
        if (const Value* headers = value.find("headers"); headers && object_at(*headers, path_key(path, "headers"), "{\"Authorization\": \"Token ${tok}\"}")) {
            for (const auto& [name, item] : headers->as_dict()) {
                if (!item.is(Kind::Str)) problem(path_key(path_key(path, "headers"), name), "a header's value must be text, not " + kind_of(item));
            }
        }
        std::vector<std::string> bodies;
        for (const char* key : {"json", "form", "body"}) {
            if (value.find(key)) bodies.push_back(in_quotes(key));
        }
        if (bodies.size() > 1) problem(path, "has " + joined(bodies) + ": a request carries at most one body");
        if (const Value* form = value.find("form")) object_at(*form, path_key(path, "form"), "{\"username\": \"carol\"}");
        if (const Value* body = value.find("body"); body && !body->is(Kind::Str)) problem(path_key(path, "body"), "must be text, not " + kind_of(*body));
        placeholders(value, path, captured);
    }

    // Every ${name} must be captured by an earlier step (${cookie:NAME} reads the cookie jar).
    void placeholders(const Value& value, const std::string& path, const std::set<std::string>& captured) {
        auto scan = [&](const std::string& text, const std::string& at) {
            std::size_t open = 0;
            while ((open = text.find("${", open)) != std::string::npos) {
                std::size_t close = text.find('}', open + 2);
                if (close == std::string::npos) return;
                std::string name = text.substr(open + 2, close - open - 2);
                if (!name.starts_with("cookie:") && !captured.contains(name))
                    problem(at, "uses ${" + name + "}, but no earlier step captures " + in_quotes(name));
                open = close + 1;
            }
        };
        if (value.is(Kind::Str)) scan(value.as_str(), path);
        for (std::size_t i = 0; i < value.as_list().size(); ++i) placeholders(value.as_list()[i], path_index(path, i), captured);
        for (const auto& [key, item] : value.as_dict()) {
            scan(key, path_key(path, key));
            placeholders(item, path_key(path, key), captured);
        }
    }

    // A scenario expect (scenarios.md): status, json, keys, header.
    void expect(const Value& value, const std::string& path) {
        if (!object_at(value, path, "{\"status\": 403}")) return;
        known_keys(value, path, {"status", "json", "keys", "header"}, "expect");
        if (value.as_dict().empty()) problem(path, "checks nothing: give at least a \"status\", like {\"status\": 200}");
        if (const Value* status = value.find("status")) {
            if (!status->is(Kind::Int)) problem(path_key(path, "status"), "must be a number like 403, not " + kind_of(*status));
            else if (status->int_digits().size() != 3 || status->int_digits() < "100" || status->int_digits() > "599")
                problem(path_key(path, "status"), "must be an HTTP status from 100 to 599, like 403");
        }
        if (const Value* keys = value.find("keys")) {
            if (!keys->is(Kind::List)) problem(path_key(path, "keys"), "must be a list of key names, like [\"auth_token\"]");
            for (std::size_t i = 0; i < keys->as_list().size(); ++i) {
                if (!keys->as_list()[i].is(Kind::Str)) problem(path_index(path_key(path, "keys"), i), "must be a key name in double quotes");
            }
        }
        if (const Value* headers = value.find("header"); headers && object_at(*headers, path_key(path, "header"), "{\"WWW-Authenticate\": \"Token\"}")) {
            for (const auto& [name, item] : headers->as_dict()) {
                if (!item.is(Kind::Str) && !item.is(Kind::None))
                    problem(path_key(path_key(path, "header"), name), "must be the header's exact text, or null for \"not sent\"");
            }
        }
    }

    // {"name": "dotted.path"}: what to keep from the answer's JSON for later steps.
    void capture(const Value& value, const std::string& path, std::set<std::string>& names) {
        if (!object_at(value, path, "{\"tok\": \"auth_token\"}")) return;
        for (const auto& [name, item] : value.as_dict()) {
            std::string at = path_key(path, name);
            if (name.empty() || name.find('}') != std::string::npos || name.starts_with("cookie:"))
                problem(at, "a capture's name is used as ${name}: it cannot be empty, hold }, or start with cookie:");
            else if (!item.is(Kind::Str) || item.as_str().empty())
                problem(at, "must be a dotted path into the answer's JSON, like \"auth_token\" or \"results.0.id\"");
            else
                names.insert(name);
        }
    }

    // A core.admin command (wasm/API.md); its fields are checked when it is applied, but for
    // the names a typo would miss (a permission, a group), said here with the nearest one.
    void admin(const Value& value, const std::string& path) {
        if (value.is(Kind::Dict)) {
            permission_names(value.find("permissions"), path_key(path, "permissions"));
            const Value* op = value.find("op");
            if (op && op->is(Kind::Str) && op->as_str() == "save_group" && value.find("name") && value.find("name")->is(Kind::Str))
                known_groups_.push_back(value.find("name")->as_str());
            group_names(value.find("groups"), path_key(path, "groups"));
        }
        if (!object_at(value, path, "{\"op\": \"save_group\", \"name\": \"Editor\", \"permissions\": […]}")) return;
        const Value* op = value.find("op");
        if (!op) problem(path_key(path, "op"), "missing: name the admin change, one of " + joined(admin_ops));
        else if (!op->is(Kind::Str) || std::find(std::begin(admin_ops), std::end(admin_ops), op->as_str()) == std::end(admin_ops))
            problem(path_key(path, "op"), "unknown admin change " + (op->is(Kind::Str) ? in_quotes(op->as_str()) : kind_of(*op)) + "; known: " + joined(admin_ops));
    }
};

}  // namespace

std::variant<Lesson, std::vector<Problem>> parse_lesson(std::string_view file_bytes) {
    if (file_bytes.size() > max_file_bytes) {
        return std::vector<Problem>{{"$", "the file is " + std::to_string((file_bytes.size() + 1023) / 1024) +
                                              " KiB; a lesson may be at most " + std::to_string(max_file_bytes / 1024) + " KiB"}};
    }
    auto parsed = pyjson::parse(file_bytes, "utf-8", max_json_depth);
    if (const auto* error = std::get_if<pyjson::ParseError>(&parsed)) {
        if (error->kind == pyjson::ParseError::Kind::RecursionError)
            return std::vector<Problem>{{"$", "nests lists and objects more than " + std::to_string(max_json_depth) + " deep"}};
        return std::vector<Problem>{{"$", "this is not valid JSON: " + error->message}};
    }
    Reader reader;
    std::optional<Lesson> lesson = reader.lesson(std::get<Value>(parsed));
    if (!lesson) return reader.problems;
    return std::move(*lesson);
}

}  // namespace authlab::lesson
