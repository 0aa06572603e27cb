#pragma once
// The scenario runner both front ends share (tools/authlab run, tools/run-scenario.mjs): they
// read the files and print what this returns, so their output is the same byte for byte.
// Output as the reference runner prints it (tests/reference/run_scenarios.py): with `json`,
// one JSON array per file on one line; else a table per file and "N passed, N failed".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "world/world.hpp"

namespace authlab::scenario {

struct ScenarioFile {
    std::string name;                  // as given on the command line
    std::optional<std::string> bytes;  // the contents; none when the file could not be read
    std::string read_error;            // then why (read_error_text)
};

struct RunnerOutput {
    std::string out;    // for stdout
    std::string err;    // for stderr: in JSON mode, the files that cannot run
    int exit_code = 0;  // 2: a file cannot run; 1: an expectation failed (table mode); else 0
};

// `start`, when given, is the world a setup starts from instead of the "default" one (the
// CLI's --world: scenarios replayed on an exported world).
RunnerOutput run_scenario_files(const std::vector<ScenarioFile>& files, bool json, const World* start = nullptr);

// One wording for a failed read, whichever runner: the POSIX error name ("ENOENT", as errno
// and Node.js's error.code spell it) to a sentence.
std::string read_error_text(std::string_view code);

}  // namespace authlab::scenario
