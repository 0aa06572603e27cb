// authlab world [--admin COMMANDS.json] [WORLD.json]: prints the world's JSON (the default world
// when none is given) after the page's admin commands in COMMANDS.json (a list, wasm/API.md),
// applied in order; the first refused command stops it with its message.
#include <iostream>

#include "backend.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "lab/admin_commands.hpp"
#include "scenario/scenario_run.hpp"
#include "export/world_json.hpp"
#include "world_files.hpp"

namespace authlab::cli {

int world_command(const Args& args) {
    std::optional<std::string> commands_file, world_file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--admin" && i + 1 < args.size()) commands_file = args[++i];
        else if (!world_file && !args[i].starts_with("-")) world_file = args[i];
        else {
            std::cerr << "usage: authlab world [--admin COMMANDS.json] [WORLD.json]\n";
            return 2;
        }
    }
    crypto::SeededRandom random(scenario::scenario_seed);
    FixedClock clock(scenario::scenario_start);
    django::Cache cache;
    Backend backend(load_world(world_file, &cache), clock, random);
    backend.cache() = std::move(cache);
    if (commands_file) {
        auto commands = nlohmann::json::parse(read_text_file(*commands_file));
        if (!commands.is_array()) throw std::runtime_error(*commands_file + ": expected a list of admin commands");
        for (std::size_t i = 0; i < commands.size(); ++i) {
            auto answer = lab::apply_admin_command(backend, commands[i]);
            if (answer.contains("error")) {
                std::cerr << "authlab: " << *commands_file << ": command " << i + 1 << ": " << answer["error"].get<std::string>() << "\n";
                return 1;
            }
        }
    }
    std::cout << world_to_json(backend.world(), backend.cache()).dump(2) << "\n";
    return 0;
}

}  // namespace authlab::cli
