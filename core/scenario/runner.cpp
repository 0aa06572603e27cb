#include "scenario/runner.hpp"

#include "auth/hash_memo.hpp"
#include "pyjson/dump.hpp"
#include "python/utf8.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_run.hpp"

namespace authlab::scenario {
namespace {

using pyjson::Value;

// Python's '%-Ns' / '%Nd': padded to a width in characters.
std::string pad_right(const std::string& text, std::size_t width) {
    std::size_t length = python::code_points(text);
    return text + std::string(length < width ? width - length : 0, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
    std::size_t length = python::code_points(text);
    return std::string(length < width ? width - length : 0, ' ') + text;
}

std::string text_of(const Value* value, const std::string& fallback) { return value ? value->str() : fallback; }

// run_file()'s table: one line per step, pass or FAIL with the reasons.
std::string table(const std::string& filename, const ScenarioRun& run, bool& ok) {
    std::string out = "== " + filename + " (" + text_of(run.scenario.find("name"), "") + ")\n";
    ok = true;
    for (std::size_t i = 0; i < run.steps.size(); ++i) {
        const StepResult& row = run.steps[i];
        std::string number = pad_left(std::to_string(i + 1), 3);
        if (!row.record) {
            out += number + "  advance " + row.step.find("advance")->str() + "s\n";
            continue;
        }
        const Value& request = *row.step.find("request");
        const Value* expect = row.step.find("expect");
        std::string reasons;
        for (const std::string& reason : row.reasons) reasons += (reasons.empty() ? ": " : "; ") + reason;
        ok = ok && row.reasons.empty();
        out += number + "  " + pad_right(request.find("method")->as_str(), 6) + " " + pad_right(request.find("path")->as_str(), 34) +
               " " + pad_left(row.record->find("status")->str(), 3) + "  " +
               pad_right(text_of(expect ? expect->find("status") : nullptr, "-"), 4) + "  " +
               (row.reasons.empty() ? "pass" : "FAIL") + reasons + "\n";
    }
    return out;
}

std::string json_line(const ScenarioRun& run) {
    std::vector<Value> records;
    for (const StepResult& row : run.steps) records.push_back(row.record.value_or(Value()));
    return pyjson::dumps(Value::list(std::move(records)), {.ensure_ascii = false}) + "\n";
}

}  // namespace

std::string read_error_text(std::string_view code) {
    if (code == "ENOENT") return "no such file";
    if (code == "EACCES" || code == "EPERM") return "permission denied";
    if (code == "EISDIR") return "it is a directory";
    return "the file cannot be read";
}

RunnerOutput run_scenario_files(const std::vector<ScenarioFile>& files, bool json, const World* start) {
    RunnerOutput result;
    int passed = 0, failed = 0, errors = 0;
    auth::HashMemo::Batch hashes;  // the same users log in file after file: each distinct hash once
    for (const ScenarioFile& file : files) {
        try {
            if (!file.bytes) throw ScenarioError("cannot read: " + file.read_error);
            ScenarioRun run = run_scenario(*file.bytes, start);
            bool ok = true;
            result.out += json ? json_line(run) : table(file.name, run, ok);
            ++(ok ? passed : failed);
        } catch (const std::exception& error) {  // ScenarioError, or a fault of ours: the file cannot run
            ++errors;
            ++failed;
            if (json) result.err += file.name + ": cannot run: " + error.what() + "\n";  // stdout keeps only JSON lines
            else result.out += "== " + file.name + ": CANNOT RUN: " + error.what() + "\n";
        }
    }
    if (!json) result.out += std::to_string(passed) + " passed, " + std::to_string(failed) + " failed\n";
    result.exit_code = errors ? 2 : failed && !json ? 1 : 0;
    // Valid UTF-8 whatever the files held, so Node.js prints the very bytes we do.
    result.out = python::decode_replace(result.out);
    result.err = python::decode_replace(result.err);
    return result;
}

}  // namespace authlab::scenario
