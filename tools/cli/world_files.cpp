#include "world_files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "scenario/scenario_run.hpp"
#include "scenario/setup.hpp"
#include "export/world_json.hpp"

namespace authlab::cli {

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": " + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

World load_world(const std::optional<std::string>& path, django::Cache* cache) {
    if (!path) return *scenario::base_world("default");
    // The page's checks, on the clock the CLI's commands run on (scenario_start).
    auto loaded = load_world_text(read_text_file(*path), scenario::scenario_start, cache);
    if (auto* error = std::get_if<LoadError>(&loaded)) throw std::runtime_error(*path + ": " + error->message);
    return std::get<World>(std::move(loaded));
}

}  // namespace authlab::cli
