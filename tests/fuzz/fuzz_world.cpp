// A world file as the page imports it. What loads must export and load again to the same
// JSON: an import that accepts what its own export cannot read would lose the learner's world.
#include <cstdlib>

#include "export/world_json.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    auto loaded = world_from_json_text(fuzz::as_text(data, size));
    const World* world = std::get_if<World>(&loaded);
    if (!world) return 0;
    std::string exported = world_to_json(*world).dump();
    auto again = world_from_json_text(exported);
    if (!std::holds_alternative<World>(again) || world_to_json(std::get<World>(again)).dump() != exported) std::abort();
    return 0;
}
