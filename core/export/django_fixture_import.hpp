#pragma once
// A real project's `manage.py dumpdata auth.group auth.user authtoken` brought into the lab,
// with natural keys (["add_book", "bookshop", "book"], ["Manager"], ["mary"]) or with numeric
// ids and the contenttypes.contenttype and auth.permission records they point at.
//
// Groups and users are matched by name: an existing one is replaced (its id stays, so its
// orders stay), a new one is added. Tokens replace the user's token. Password hashes are kept
// as stored: Argon2 and PBKDF2 ones keep working; those of Django's other hashers are reported
// by name and answered at login as the reference project answers them (auth/foreign_hashers).
// Permissions the lab does not have (other apps, custom codenames) are reported and left out.
// The file is untrusted: size, nesting and counts are bounded, every field is checked, and
// the result is a new World, so an error leaves the current one untouched.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "export/world_json.hpp"
#include "world/world.hpp"

namespace authlab::exporting {

constexpr std::size_t max_fixture_bytes = 4 * 1024 * 1024;
constexpr std::size_t max_fixture_depth = 12;
constexpr std::size_t max_fixture_records = 20'000;
constexpr std::size_t max_imported_users = 5'000;
constexpr std::size_t max_imported_groups = 1'000;
// The world's own limits (a world file's): an import never makes a world the page cannot save.
constexpr std::size_t max_world_users = world_limits::users;
constexpr std::size_t max_world_groups = world_limits::groups;

struct FixtureImport {
    World world;
    std::vector<std::string> report;  // one sentence a line: what came in, what was kept aside and why
};

struct FixtureError {
    std::string message;  // where and why: "record 12 (auth.user): fields.username: must not be empty"
};

std::variant<FixtureImport, FixtureError> import_django_fixture(const World& world, std::string_view text);

}  // namespace authlab::exporting
