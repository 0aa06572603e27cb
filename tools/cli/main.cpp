// tools/authlab: the native command-line face of the core.
#include <cstring>
#include <iostream>

#include "commands.hpp"

namespace {

constexpr const char* usage =
    "usage: authlab <command> …\n"
    "  password hash [--pbkdf2] PASSWORD   print a Django-format hash (Argon2id by default)\n"
    "  password verify ENCODED PASSWORD    exit 0 on match, 1 on mismatch, 2 on a malformed hash\n"
    "  jwt mint --secret S --user-id N [--type access|refresh]\n"
    "  jwt verify --secret S TOKEN         print the claims, or the reason and exit 1\n"
    "  run [--json] [--world WORLD.json] FILE…\n"
    "                                      run scenario files against the core (WORLD.json in place\n"
    "                                      of the default world)\n"
    "  export fixture|code [WORLD.json]    the world as a Django fixture, or its policies as Python\n"
    "  import fixture FIXTURE.json [WORLD.json]\n"
    "                                      a project's dumpdata into the world; prints the new world\n"
    "  world [--admin COMMANDS.json] [WORLD.json]\n"
    "                                      print the world after the page's admin commands\n"
    "  lessons check FILE…                 play every step of each lesson; exit 1 on a failing step\n"
    "  lessons play FILE --progress OUT [--learner NAME]\n"
    "                                      play a lesson and write the progress file it earns\n"
    "  progress report [--lessons DIR] FILE…\n"
    "                                      verify learners' progress files by replay; CSV on stdout\n";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
        std::cerr << usage;
        return argc < 2 ? 2 : 0;
    }
    std::string command = argv[1];
    authlab::cli::Args args(argv + 2, argv + argc);
    try {
        if (command == "password") return authlab::cli::password_command(args);
        if (command == "jwt") return authlab::cli::jwt_command(args);
        if (command == "run") return authlab::cli::run_command(args);
        if (command == "export") return authlab::cli::export_command(args);
        if (command == "import") return authlab::cli::import_command(args);
        if (command == "world") return authlab::cli::world_command(args);
        if (command == "lessons") return authlab::cli::lessons_command(args);
        if (command == "progress") return authlab::cli::progress_command(args);
    } catch (const std::exception& error) {
        std::cerr << "authlab: " << error.what() << "\n";
        return 2;
    }
    std::cerr << "authlab: unknown command '" << command << "'\n" << usage;
    return 2;
}
