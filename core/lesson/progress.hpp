#pragma once
// The progress file a learner hands in (authlab-progress.json, web/lessons/README.md,
// "Progress"), and its verification: every lesson's evidence done again from the lesson's setup
// (lesson/session.hpp) and compared with what the file claims. No server: the core is
// deterministic, so the evidence alone proves what it achieves.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/password_hashers.hpp"
#include "lesson/lesson.hpp"
#include "pyjson/value.hpp"
#include "time/clock.hpp"

namespace authlab::lesson {

// The limits a progress file is held to: those of a world file, and a class's worth of lessons.
inline constexpr std::size_t max_progress_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t max_progress_lessons = 200;
inline constexpr int max_progress_depth = 48;  // a lesson (32) inside an entry inside the file
inline constexpr std::size_t max_learner_characters = 200;

// One learner's one lesson, as verified.
struct ProgressRow {
    std::string learner, lesson, mode;
    std::size_t steps = 0, claimed = 0, verified = 0;
    int hints = 0, solutions = 0, predictions = 0, predictions_right = 0;
    double minutes = 0;
    std::vector<std::string> problems;  // "step 3 "Carol tries again": …"; empty when every claim holds
};

// The file's learner and lesson entries in the file's format (a learner's name as typed; the
// entries as lesson::Session::progress_entry gives them). Throws std::invalid_argument for a
// name or entries that cannot be a progress file.
pyjson::Value progress_file(const std::string& learner, const pyjson::Value& entries, const std::string& exported_at);

// A lesson that is shipped, by its id (nullopt: not one).
using ShippedLessons = std::function<std::optional<Lesson>(const std::string& id)>;

// Every lesson of the file verified, a row each; or why the bytes are not a progress file.
// `cost` hashes the setup's passwords: Django's, as the page did (a fuzz target's is cheap).
std::variant<std::vector<ProgressRow>, std::string> verify_progress(std::string_view file_bytes, const ShippedLessons& shipped,
                                                                    auth::Argon2Cost cost = auth::Argon2Cost::django32());

// CSV (RFC 4180), one line each, ending in "\r\n"; a cell a spreadsheet would run as a formula
// is quoted with a leading '.
std::string progress_csv_header();
std::string progress_csv_row(const ProgressRow& row);

}  // namespace authlab::lesson
