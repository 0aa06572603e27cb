#include "lesson/lesson_index.hpp"

#include <set>
#include <variant>

#include "lesson/json_path.hpp"
#include "lesson/parse_lesson.hpp"
#include "pyjson/parse.hpp"
#include "scenario/json_equality.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;

constexpr const char* entry_keys[] = {"id", "title", "summary", "concepts", "mode"};

}  // namespace

std::vector<Problem> check_lesson_index(std::string_view index_bytes,
                                        const std::function<std::optional<std::string>(const std::string&)>& read_file) {
    auto parsed = pyjson::parse(index_bytes, "utf-8", max_json_depth);
    if (const auto* error = std::get_if<pyjson::ParseError>(&parsed)) return {{"$", "this is not valid JSON: " + error->message}};
    const Value& index = std::get<Value>(parsed);
    if (!index.is(Value::Kind::List)) return {{"$", "the index is a list of {\"id\", \"title\", \"summary\", \"concepts\", \"file\"}"}};
    std::vector<Problem> problems;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < index.as_list().size(); ++i) {
        const Value& entry = index.as_list()[i];
        std::string at = path_index("$", i);
        const Value* file = entry.find("file");
        if (!file || !file->is(Value::Kind::Str) || file->as_str().empty()) {
            problems.push_back({path_key(at, "file"), "missing: the lesson's file name, like \"tokens.json\""});
            continue;
        }
        std::optional<std::string> bytes = read_file(file->as_str());
        if (!bytes) {
            problems.push_back({path_key(at, "file"), "cannot read " + file->as_str()});
            continue;
        }
        auto lesson = parse_lesson(*bytes);
        if (!std::holds_alternative<Lesson>(lesson)) {
            problems.push_back({path_key(at, "file"), file->as_str() + " is not a valid lesson"});
            continue;
        }
        const Value& json = std::get<Lesson>(lesson).json;
        for (const char* key : entry_keys) {
            const Value* given = entry.find(key);
            if (!given && std::string_view(key) == "mode" && json.find(key)->as_str() == "guided") continue;
            if (!given || !scenario::same(*given, *json.find(key))) {
                problems.push_back({path_key(at, key), "must be the lesson's own " + std::string(key) + " (as in " + file->as_str() + ")"});
            }
        }
        if (file->as_str() != std::get<Lesson>(lesson).id + ".json") problems.push_back({path_key(at, "file"), "must be named after the lesson's id"});
        if (!ids.insert(std::get<Lesson>(lesson).id).second) problems.push_back({path_key(at, "id"), "appears twice"});
    }
    return problems;
}

std::map<std::string, Lesson> shipped_lessons(std::string_view index_bytes,
                                              const std::function<std::optional<std::string>(const std::string&)>& read_file) {
    std::map<std::string, Lesson> lessons;
    auto parsed = pyjson::parse(index_bytes, "utf-8", max_json_depth);
    if (!std::holds_alternative<Value>(parsed)) return lessons;
    for (const Value& entry : std::get<Value>(parsed).as_list()) {
        const Value* file = entry.find("file");
        if (!file || !file->is(Value::Kind::Str)) continue;
        std::optional<std::string> bytes = read_file(file->as_str());
        if (!bytes) continue;
        auto lesson = parse_lesson(*bytes);
        if (auto* read = std::get_if<Lesson>(&lesson)) lessons.emplace(read->id, std::move(*read));
    }
    return lessons;
}

}  // namespace authlab::lesson
