#include "lab/saved_world.hpp"

#include "lab/page_json.hpp"
#include "export/world_json.hpp"

namespace authlab::lab {

std::optional<std::string> SavedWorld::text_if_changed(const World& world, const django::Cache& cache) {
    if (last_ && *last_ == world && last_cache_ == cache) return std::nullopt;
    std::string text = json_text(world_to_json(world, cache));
    last_ = world;
    last_cache_ = cache;
    return text;
}

}  // namespace authlab::lab
