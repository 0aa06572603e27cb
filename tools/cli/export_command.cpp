// authlab export fixture|code [WORLD.json]: the world as a Django fixture (manage.py loaddata)
// or as the Python of its policies (core/export/).
#include <iostream>

#include "commands.hpp"
#include "export/django_code.hpp"
#include "export/django_fixture.hpp"
#include "world_files.hpp"

namespace authlab::cli {

int export_command(const Args& args) {
    if (args.empty() || args.size() > 2 || (args[0] != "fixture" && args[0] != "code")) {
        std::cerr << "usage: authlab export fixture|code [WORLD.json]\n";
        return 2;
    }
    World world = load_world(args.size() == 2 ? std::optional(args[1]) : std::nullopt);
    if (args[0] == "fixture") std::cout << exporting::django_fixture(world).dump(2) << "\n";
    else std::cout << exporting::django_code(world);
    return 0;
}

}  // namespace authlab::cli
