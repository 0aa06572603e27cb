// A lesson file as the page loads it (lab.parseLesson) and "Show me" plays it: checked, and
// when valid, played step by step on a world built from its setup, its passwords hashed at
// Argon2's least cost so a step costs microseconds.
#include "lesson/parse_lesson.hpp"
#include "lesson/play_lesson.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    auto parsed = lesson::parse_lesson(fuzz::as_text(data, size));
    if (const auto* lesson = std::get_if<lesson::Lesson>(&parsed)) lesson::play_lesson(*lesson, {.cost = auth::Argon2Cost{8, 1, 1}});
    return 0;
}
