// authlab import fixture FIXTURE.json [WORLD.json]: a project's dumpdata brought into the world
// (the default world when none is given); prints the new world's JSON, and the report on stderr.
#include <iostream>

#include "commands.hpp"
#include "export/django_fixture_import.hpp"
#include "export/world_json.hpp"
#include "world_files.hpp"

namespace authlab::cli {

int import_command(const Args& args) {
    if (args.size() < 2 || args.size() > 3 || args[0] != "fixture") {
        std::cerr << "usage: authlab import fixture FIXTURE.json [WORLD.json]\n";
        return 2;
    }
    django::Cache cache;  // the world's throttle history, kept as it was
    World world = load_world(args.size() == 3 ? std::optional(args[2]) : std::nullopt, &cache);
    auto imported = exporting::import_django_fixture(world, read_text_file(args[1]));
    if (auto* error = std::get_if<exporting::FixtureError>(&imported)) {
        std::cerr << "authlab: " << args[1] << ": " << error->message << "\n";
        return 1;
    }
    auto& done = std::get<exporting::FixtureImport>(imported);
    for (const std::string& line : done.report) std::cerr << line << "\n";
    std::cout << world_to_json(done.world, cache).dump(2) << "\n";
    return 0;
}

}  // namespace authlab::cli
