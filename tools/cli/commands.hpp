#pragma once
// The subcommands of tools/authlab, one file each. Each takes the words after its name and
// returns the process exit code.
#include <string>
#include <vector>

namespace authlab::cli {

using Args = std::vector<std::string>;

int password_command(const Args& args);  // password hash|verify
int jwt_command(const Args& args);       // jwt mint|verify
int run_command(const Args& args);       // run [--json] [--world WORLD.json] FILE...
int export_command(const Args& args);    // export fixture|code [WORLD.json]
int import_command(const Args& args);    // import fixture FIXTURE.json [WORLD.json]
int world_command(const Args& args);     // world [--admin COMMANDS.json] [WORLD.json]
int lessons_command(const Args& args);   // lessons check FILE... | lessons play FILE --progress OUT
int progress_command(const Args& args);  // progress report [--lessons DIR] FILE...

}  // namespace authlab::cli
