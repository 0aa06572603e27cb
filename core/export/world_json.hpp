#pragma once
// The whole world as JSON (export, import, the browser's saved state), with a schema version.
// Loading validates everything first and builds a new World, so a bad file never touches the
// current one.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "django/cache.hpp"
#include "http/limits.hpp"
#include "world/world.hpp"

namespace authlab {

constexpr int world_schema_version = 1;
constexpr std::size_t max_world_json_bytes = 4 * 1024 * 1024;

// How much one world may hold, so an imported file (or a scenario's setup) stays a bookshop a
// page can run: every list in the file is bounded, and so is its nesting.
namespace world_limits {
constexpr std::size_t users = 10000;        // and as many tokens (one per user): a world at scale
constexpr std::size_t setup_users = 1000;   // a scenario's setup hashes each user's password
constexpr std::size_t groups = 100;
constexpr std::size_t books = 1000;
constexpr std::size_t orders = 10000;
constexpr std::size_t sessions = 10000;
constexpr std::size_t list_entries = 100;   // a user's or group's permissions, a policy's classes
// Django's cache kept with the world (DRF's throttle histories): LocMemCache's own bound on
// entries, a key that holds a header's worth of X-Forwarded-For, and a throttle's history of
// up to 10,000 request times (a rate that allows more is kept until the history reaches it).
constexpr std::size_t throttle_entries = django::Cache::max_entries;
constexpr std::size_t throttle_key = http::max_request_header_bytes + 64;
constexpr std::size_t throttle_history = 10000;
constexpr int json_depth = 16;
}  // namespace world_limits

// With `cache` not empty, the world's JSON keeps it too ("throttle_cache"): the server's cache
// does not forget when the learner's page reloads.
nlohmann::ordered_json world_to_json(const World& world, const django::Cache& cache = django::Cache());
// One user as world_to_json writes it: groups by name, permissions as "app_label.codename".
nlohmann::ordered_json user_to_json(const World& world, const User& user);
// The world's books and its orders as world_to_json writes them (the snapshot shows them too).
nlohmann::ordered_json books_to_json(const World& world);
nlohmann::ordered_json orders_to_json(const World& world);

struct LoadError {
    std::string message;  // names the offending place, e.g. "users[2].groups[0]: no group named \"Staf\""
};

// `cache`, when given, receives the file's "throttle_cache" (empty when the file has none, as
// files saved before it was kept): it is read and checked either way.
std::variant<World, LoadError> world_from_json(const nlohmann::json& json, django::Cache* cache = nullptr);
std::variant<World, LoadError> world_from_json_text(std::string_view text, django::Cache* cache = nullptr);

// Why `world` could not be saved and loaded back as it is: its world file would be refused
// (a list or a text past the limits above, the file past max_world_json_bytes, a text that
// is not Unicode), or "" when it round-trips. Every path that changes the world keeps to it:
// requests (Backend::set_world_check), admin commands, fixture imports, setups.
std::string world_save_problem(const World& world, const django::Cache& cache = django::Cache());

// The page's checks on a world before anything runs on it, wherever it came from (a saved
// world, a link, a lesson, the native CLI's files): its clock, read at `clock_now`, stays
// within the dates Django can write. The problem naming the field, or "".
std::string world_run_problem(const World& world, Micros clock_now);
// A world file as the page loads one: world_from_json_text, then world_run_problem.
std::variant<World, LoadError> load_world_text(std::string_view text, Micros clock_now, django::Cache* cache = nullptr);

// Policies have the shape of api.md's defaults.
nlohmann::ordered_json policies_to_json(const Policies& policies);
std::variant<Policies, LoadError> policies_from_json(const nlohmann::json& json);

}  // namespace authlab
