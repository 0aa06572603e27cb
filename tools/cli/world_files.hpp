#pragma once
// Reading the files the CLI's world commands take. Errors throw std::runtime_error with the
// file's name and the reason; main() prints them and exits 2.
#include <optional>
#include <string>

#include "django/cache.hpp"
#include "world/world.hpp"

namespace authlab::cli {

std::string read_text_file(const std::string& path);
// The world in WORLD.json, checked as the page checks a saved world (load_world_text), or the
// default world scenarios start from when no file is given.
// `cache`, when given, receives the throttles' history the file kept.
World load_world(const std::optional<std::string>& path, django::Cache* cache = nullptr);

}  // namespace authlab::cli
