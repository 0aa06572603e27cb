// authlab lessons check FILE...: plays every step of each lesson headless against a fresh
// world (core/lesson/play_lesson.hpp). One line per failing step, a closing
// "N passed, N failed" line (lessons); exit 0 when all pass, 1 on a failing step, 2 when a file
// cannot be read or is not a valid lesson (each problem as FILE: $.path: reason). A file named
// index.json is the lessons' catalog (core/lesson/lesson_index.hpp): checked against the
// lessons it names, beside it, and not counted as a lesson.
// authlab lessons play FILE --progress OUT [--learner NAME] [--hints]: plays the lesson as check
// does (with --hints, showing every hint first) and writes the progress file a learner who did
// exactly that would hand in.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <variant>

#include "commands.hpp"
#include "lesson/lesson_index.hpp"
#include "lesson/parse_lesson.hpp"
#include "lesson/play_lesson.hpp"
#include "lesson/progress.hpp"
#include "pyjson/dump.hpp"

namespace authlab::cli {
namespace {

constexpr const char* lessons_usage =
    "usage: authlab lessons check FILE...\n"
    "       authlab lessons play FILE --progress OUT [--learner NAME] [--hints]\n";

std::optional<std::string> read_bytes(const std::string& name) {
    std::ifstream in(name, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return bytes.str();
}

void print_problems(const std::string& name, const std::vector<lesson::Problem>& problems) {
    for (const lesson::Problem& problem : problems) std::cout << name << ": " << problem.path << ": " << problem.reason << "\n";
}

bool is_index(const std::string& name) { return std::filesystem::path(name).filename() == "index.json"; }

// 0: the index matches its lessons; 2: it does not.
int check_index(const std::string& name, const std::string& bytes) {
    std::filesystem::path dir = std::filesystem::path(name).parent_path();
    auto problems = lesson::check_lesson_index(bytes, [&](const std::string& file) { return read_bytes((dir / file).string()); });
    print_problems(name, problems);
    return problems.empty() ? 0 : 2;
}

// 0: every step passes; 1: a step fails; 2: the file is no lesson.
std::string utc_now() {
    std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

// With `progress_out`, the progress file of a learner named `learner` who played it so.
int check_file(const std::string& name, const std::optional<std::string>& progress_out = std::nullopt, const std::string& learner = "", bool hints = false) {
    std::optional<std::string> bytes = read_bytes(name);
    if (!bytes) {
        std::cout << name << ": cannot read the file\n";
        return 2;
    }
    auto parsed = lesson::parse_lesson(*bytes);
    if (const auto* problems = std::get_if<std::vector<lesson::Problem>>(&parsed)) {
        print_problems(name, *problems);
        return 2;
    }
    const lesson::Lesson& lesson = std::get<lesson::Lesson>(parsed);
    lesson::Played played = lesson::play_lesson(lesson, {.hints = hints});
    for (const lesson::StepFailure& step : played.failing) {
        std::string reasons;
        for (const std::string& failure : step.failures) reasons += (reasons.empty() ? "" : "; ") + failure;
        std::cout << "lesson " << lesson.id << ", step " << step.index + 1 << " \"" << step.title << "\": " << reasons << "\n";
    }
    if (progress_out) {
        pyjson::Value file = lesson::progress_file(learner, pyjson::Value::list({played.progress_entry}), utc_now());
        std::ofstream out(*progress_out, std::ios::binary);
        out << pyjson::dumps(file, {.ensure_ascii = false}) << "\n";
        if (!out) {
            std::cout << *progress_out << ": cannot write the file\n";
            return 2;
        }
    }
    return played.failing.empty() ? 0 : 1;
}

// authlab lessons play FILE --progress OUT [--learner NAME]
int play_command(const Args& args) {
    std::optional<std::string> file, out;
    std::string learner = "AuthLab";
    bool hints = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        bool valued = i + 1 < args.size();
        if (args[i] == "--hints") hints = true;
        else if (args[i] == "--progress" && valued) out = args[++i];
        else if (args[i] == "--learner" && valued) learner = args[++i];
        else if (!file && !args[i].starts_with("--")) file = args[i];
        else {
            std::cerr << lessons_usage;
            return 2;
        }
    }
    if (!file || !out) {
        std::cerr << lessons_usage;
        return 2;
    }
    return check_file(*file, out, learner, hints);
}

}  // namespace

int lessons_command(const Args& args) {
    if (!args.empty() && args[0] == "play") return play_command(args);
    if (args.size() < 2 || args[0] != "check") {
        std::cerr << lessons_usage;
        return 2;
    }
    int passed = 0, failed = 0, worst = 0;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (is_index(args[i])) {
            std::optional<std::string> bytes = read_bytes(args[i]);
            worst = std::max(worst, bytes ? check_index(args[i], *bytes) : 2);
            if (!bytes) std::cout << args[i] << ": cannot read the file\n";
            continue;
        }
        int code = check_file(args[i]);
        ++(code == 0 ? passed : failed);
        worst = std::max(worst, code);
    }
    std::cout << passed << " passed, " << failed << " failed\n" << std::flush;
    return worst;
}

}  // namespace authlab::cli
