// A scenario file as `tools/authlab run` plays it: parsed, its setup built, every step run.
#include "support.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    try {
        scenario::run_scenario(fuzz::as_text(data, size), nullptr, auth::Argon2Cost{8, 1, 1});
    } catch (const scenario::ScenarioError&) {
    }
    return 0;
}
