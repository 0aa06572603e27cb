// authlab run [--json] FILE...: reads the scenario files and prints what the core's runner
// answers (core/scenario/runner.hpp), with its exit code.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

#include "commands.hpp"
#include "scenario/runner.hpp"
#include "world_files.hpp"

namespace authlab::cli {
namespace {

std::string errno_name(int error) {
    switch (error) {
        case ENOENT: return "ENOENT";
        case EACCES: return "EACCES";
        case EPERM: return "EPERM";
        case EISDIR: return "EISDIR";
        default: return "EIO";
    }
}

scenario::ScenarioFile read_file(const std::string& name) {
    scenario::ScenarioFile file{name, std::nullopt, ""};
    int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        file.read_error = scenario::read_error_text(errno_name(errno));
        return file;
    }
    std::string bytes;
    char buffer[65536];
    ssize_t got;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0) bytes.append(buffer, static_cast<std::size_t>(got));
    int error = errno;
    ::close(fd);
    if (got < 0) file.read_error = scenario::read_error_text(errno_name(error));
    else file.bytes = std::move(bytes);
    return file;
}

}  // namespace

int run_command(const Args& args) {
    bool json = false;
    std::optional<World> start;
    std::size_t first = 0;
    for (; first < args.size(); ++first) {
        if (args[first] == "--json") json = true;
        else if (args[first] == "--world" && first + 1 < args.size()) start = load_world(args[++first]);
        else break;
    }
    if (first == args.size()) {
        std::cerr << "usage: authlab run [--json] [--world WORLD.json] FILE...\n";
        return 2;
    }
    std::vector<scenario::ScenarioFile> files;
    for (std::size_t i = first; i < args.size(); ++i) files.push_back(read_file(args[i]));
    scenario::RunnerOutput output = scenario::run_scenario_files(files, json, start ? &*start : nullptr);
    std::cout << output.out << std::flush;
    std::cerr << output.err << std::flush;
    return output.exit_code;
}

}  // namespace authlab::cli
