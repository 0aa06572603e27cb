#pragma once
// Asking the real stack: a Python script, as text or as a file, run under Debian's
// /usr/bin/python3 (AUTHLAB_PYTHON, where the Django packages import) with what it reads on
// stdin and its arguments. Its stdout is the answer. A script that cannot run or exits
// non-zero fails the test with its stderr shown, never a skip.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>  // environ

#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "temp_file.hpp"

namespace authlab::testing::python {

// The {} initializers let a caller name only what it gives ({.args = …}) without a warning.
struct Run {
    std::string input{};              // the script's stdin
    std::vector<std::string> args{};  // its sys.argv[1:]
};

struct Result {
    int status = -1;  // the exit status; -1 when a signal ended the script
    std::string out;
    std::string err;
};

// Runs the script file and reports how it went, whatever the exit status: for the callers
// that judge the status themselves. No shell in between: arguments need no quoting.
inline Result execute(const std::filesystem::path& script, const Run& run = {}) {
    const TempDir streams;
    const std::filesystem::path in = streams.write("stdin", run.input);
    const std::filesystem::path out = streams.path() / "stdout", err = streams.path() / "stderr";

    std::vector<std::string> words = {AUTHLAB_PYTHON, script.string()};
    words.insert(words.end(), run.args.begin(), run.args.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    INFO("cannot start " << AUTHLAB_PYTHON << ": " << std::strerror(spawned));
    REQUIRE(spawned == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, streams.read("stdout"), streams.read("stderr")};
}

// Runs the script file; returns its stdout.
inline std::string run_file(const std::filesystem::path& script, const Run& run = {}) {
    const Result result = execute(script, run);
    INFO(script.string() << " exited with status " << result.status << ", its stderr:\n" << result.err);
    REQUIRE(result.status == 0);
    return result.out;
}

// Runs the script text; returns its stdout.
inline std::string run(const std::string& script, const Run& with = {}) {
    const TempDir dir;
    return run_file(dir.write("script.py", script), with);
}

// The lines of an output, without their '\n'.
inline std::vector<std::string> lines(const std::string& output) {
    std::vector<std::string> out;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// Runs the script text with the path of a file holding `inputs`, one a line, as argv[1];
// returns its output lines, which must be one an input.
inline std::vector<std::string> answer_lines(const std::string& script, const std::vector<std::string>& inputs) {
    std::string text;
    for (const std::string& input : inputs) text.append(input).append(1, '\n');
    const TempDir dir;
    const std::vector<std::string> answers = lines(run(script, {.args = {dir.write("inputs.txt", text).string()}}));
    REQUIRE(answers.size() == inputs.size());
    return answers;
}

// Asks a script of tests/oracle: `input` as JSON on its stdin, the JSON it prints back.
inline nlohmann::json ask_oracle(const std::string& name, const nlohmann::json& input) {
    const std::string output =
        run_file(std::filesystem::path(AUTHLAB_SOURCE_DIR) / "tests" / "oracle" / name, {.input = input.dump()});
    INFO(name << " printed:\n" << output);
    return nlohmann::json::parse(output);
}

}  // namespace authlab::testing::python
