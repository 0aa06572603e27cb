#pragma once
// The page's worker saves the world after every change, but most requests (a GET of the books)
// change nothing in it. SavedWorld remembers the world it last wrote out, so an unchanged world
// is not written again: comparing two worlds of 10,000 users takes about a millisecond, writing
// one out as JSON a few hundred.
#include <optional>
#include <string>

#include "django/cache.hpp"
#include "world/world.hpp"

namespace authlab::lab {

class SavedWorld {
public:
    // The world file's JSON text (world_to_json, the throttles' history with it) when `world`
    // or `cache` differs from what was last written out here, or nothing was; else nullopt.
    std::optional<std::string> text_if_changed(const World& world, const django::Cache& cache);

private:
    std::optional<World> last_;
    django::Cache last_cache_;
};

}  // namespace authlab::lab
