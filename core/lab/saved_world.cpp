#include "lab/saved_world.hpp"

#include "lab/page_json.hpp"
#include "lab/world_json.hpp"

namespace authlab::lab {

std::optional<std::string> SavedWorld::text_if_changed(const World& world) {
    if (last_ && *last_ == world) return std::nullopt;
    std::string text = json_text(world_to_json(world));
    last_ = world;
    return text;
}

}  // namespace authlab::lab
