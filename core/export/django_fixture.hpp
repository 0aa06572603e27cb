#pragma once
// The world as `manage.py dumpdata --natural-foreign auth.group auth.user authtoken bookshop`
// writes it, so `manage.py loaddata` of a project with the bookshop's models loads it as it is:
// permissions as natural keys (["add_book", "bookshop", "book"]), groups and users by primary
// key and referred to by their natural keys (["Manager"], ["mary"]), password hashes as stored.
// Sessions are not exported (they belong to one browser), nor the AUTOINCREMENT counters: ids
// of rows deleted in the lab may be handed out again by the real database.
#include <nlohmann/json.hpp>

#include "world/world.hpp"

namespace authlab::exporting {

nlohmann::ordered_json django_fixture(const World& world);

// ["add_book", "bookshop", "book"] for "bookshop.add_book" (Permission.natural_key()).
nlohmann::ordered_json permission_natural_key(const std::string& key);

}  // namespace authlab::exporting
