#pragma once
// web/lessons/index.json, the shipped lessons in teaching order:
// [{"id", "title", "summary", "concepts", "mode"?, "file"}] ("mode" may be left out for a
// guided lesson). The page lists lessons from it, so each
// entry must say what its lesson file says, and each id appear once.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lesson/lesson.hpp"

namespace authlab::lesson {

// `read_file(name)`: the bytes of a lesson file named in the index (none: it cannot be read).
std::vector<Problem> check_lesson_index(std::string_view index_bytes,
                                        const std::function<std::optional<std::string>(const std::string&)>& read_file);

// The valid lessons the index names, by id (what a progress report checks against).
std::map<std::string, Lesson> shipped_lessons(std::string_view index_bytes,
                                              const std::function<std::optional<std::string>(const std::string&)>& read_file);

}  // namespace authlab::lesson
