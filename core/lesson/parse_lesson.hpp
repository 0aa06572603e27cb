#pragma once
// Reads a lesson file (web/lessons/README.md) and checks all of it, so a teacher sees every
// problem at once, each with its JSON path and a reason in plain words. Nothing in a text
// field is interpreted: `code`, **bold** and anything that looks like HTML stay as written.
#include <string_view>
#include <variant>
#include <vector>

#include "lesson/lesson.hpp"

namespace authlab::lesson {

// The lesson with its defaults filled in, or every problem found (never throws for bad input).
std::variant<Lesson, std::vector<Problem>> parse_lesson(std::string_view file_bytes);

}  // namespace authlab::lesson
