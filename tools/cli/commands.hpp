#pragma once
// The subcommands of tools/authlab, one file each. Each takes the words after its name and
// returns the process exit code.
#include <string>
#include <vector>

namespace authlab::cli {

using Args = std::vector<std::string>;

int password_command(const Args& args);  // password hash|verify
int jwt_command(const Args& args);       // jwt mint|verify
int run_command(const Args& args);       // run [--json] FILE...

}  // namespace authlab::cli
