// authlab progress report [--lessons DIR] FILE...: replays every lesson of each learner's
// progress file (core/lesson/progress.hpp) and prints CSV on stdout: a header, then one row per
// learner and lesson. Each claim that does not hold goes to stderr as
// "FILE: learner, lesson, step: why". Exit 0 when every claim verifies, 1 when one does not,
// 2 when a file cannot be read or is not a progress file. The shipped lessons are those of DIR's
// index.json (web/lessons of this source tree by default).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "lesson/lesson_index.hpp"
#include "lesson/parse_lesson.hpp"
#include "lesson/progress.hpp"

namespace authlab::cli {
namespace {

constexpr const char* progress_usage = "usage: authlab progress report [--lessons DIR] FILE...\n";

std::optional<std::string> read_bytes(const std::filesystem::path& name) {
    std::ifstream in(name, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return in.bad() ? std::nullopt : std::optional<std::string>(bytes.str());
}

}  // namespace

int progress_command(const Args& args) {
    if (args.size() < 2 || args[0] != "report") {
        std::cerr << progress_usage;
        return 2;
    }
    std::filesystem::path dir = AUTHLAB_SHIPPED_LESSONS_DIR;
    std::vector<std::string> files;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--lessons" && i + 1 < args.size()) dir = args[++i];
        else files.push_back(args[i]);
    }
    std::optional<std::string> index = read_bytes(dir / "index.json");
    if (!index) {
        std::cerr << "authlab: cannot read the shipped lessons' " << (dir / "index.json").string() << "\n";
        return 2;
    }
    std::map<std::string, lesson::Lesson> shipped = lesson::shipped_lessons(*index, [&](const std::string& file) { return read_bytes(dir / file); });
    auto find = [&](const std::string& id) -> std::optional<lesson::Lesson> {
        auto it = shipped.find(id);
        return it == shipped.end() ? std::nullopt : std::optional<lesson::Lesson>(it->second);
    };
    int worst = 0;
    std::cout << lesson::progress_csv_header();
    for (const std::string& name : files) {
        std::optional<std::string> bytes = read_bytes(name);
        if (!bytes) {
            std::cerr << name << ": cannot read the file\n";
            worst = 2;
            continue;
        }
        auto verified = lesson::verify_progress(*bytes, find);
        if (auto* why = std::get_if<std::string>(&verified)) {
            std::cerr << name << ": not a progress file: " << *why << "\n";
            worst = 2;
            continue;
        }
        for (const lesson::ProgressRow& row : std::get<std::vector<lesson::ProgressRow>>(verified)) {
            std::cout << lesson::progress_csv_row(row);
            for (const std::string& problem : row.problems) std::cerr << name << ": learner " << row.learner << ", lesson " << row.lesson << ", " << problem << "\n";
            if (!row.problems.empty()) worst = std::max(worst, 1);
        }
    }
    std::cout << std::flush;
    return worst;
}

}  // namespace authlab::cli
