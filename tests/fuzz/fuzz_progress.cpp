// A learner's progress file as `progress report` and the teacher's grid read it: checked, and
// each lesson it carries replayed from the carried lesson's setup (no lesson is shipped here),
// its passwords hashed at Argon2's least cost so a replay costs microseconds.
#include "lesson/progress.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    lesson::verify_progress(fuzz::as_text(data, size), [](const std::string&) { return std::nullopt; }, auth::Argon2Cost{8, 1, 1});
    return 0;
}
