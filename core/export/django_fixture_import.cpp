#include "export/django_fixture_import.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "auth/foreign_hashers.hpp"
#include "auth/passwords.hpp"
#include "auth/permission.hpp"
#include "json_input/reader.hpp"
#include "time/iso8601.hpp"

namespace authlab::exporting {
namespace {

using nlohmann::json;

using json_input::Invalid;
using json_input::Reader;

// An id: a positive integer, exact in JavaScript too.
Id id(const Reader& r) {
    if (!r.holds_integer(1, std::int64_t{1} << 53)) r.fail("expected an id (a positive integer)");
    return r.value().get<Id>();
}

// A natural key: a list of `size` strings.
std::vector<std::string> natural_key(const Reader& r, std::size_t size) {
    std::vector<std::string> out;
    for (const Reader& part : r.items(size)) out.push_back(part.text(255));
    if (out.size() != size) r.fail("expected a natural key of " + std::to_string(size) + " strings");
    return out;
}

struct PermissionRef {
    std::string codename, app_label, model;
};

std::set<std::string> known_apps() {
    std::set<std::string> apps;
    for (const auth::Permission& p : auth::all_permissions()) apps.insert(p.app_label);
    return apps;
}

std::string join(const std::set<std::string>& words) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

struct ImportedGroup {
    std::string name;
    std::set<std::string> permissions;
};

struct ImportedUser {
    User user;                       // id unset; groups unset
    std::vector<std::string> groups; // by name
};

struct ImportedToken {
    std::string key;
    std::string username;
    Micros created = 0;
};

class FixtureReader {
public:
    explicit FixtureReader(const json& document) {
        Reader top(document, "the file");
        auto records = top.items(max_fixture_records);
        for (std::size_t i = 0; i < records.size(); ++i) {
            const Reader& r = records[i];
            std::string model = r.field("model").text(100, false);
            Reader record(r.value(), "record " + std::to_string(i + 1) + " (" + model + ")");
            by_model_[model].push_back(record);
        }
        if (count("auth.group") > max_imported_groups)
            throw Invalid{"the file has more than " + std::to_string(max_imported_groups) + " groups"};
        if (count("auth.user") > max_imported_users)
            throw Invalid{"the file has more than " + std::to_string(max_imported_users) + " users"};
        for (const Reader& r : of("contenttypes.contenttype")) {
            Reader f = r.field("fields");
            content_types_[id(r.field("pk"))] = {f.field("app_label").text(100, false), f.field("model").text(100, false)};
        }
        for (const Reader& r : of("auth.permission")) {
            Reader f = r.field("fields");
            PermissionRef ref{f.field("codename").text(100, false), "", ""};
            Reader ct = f.field("content_type");
            if (ct.value().is_array()) {
                auto key = natural_key(ct, 2);
                ref.app_label = key[0], ref.model = key[1];
            } else {
                auto it = content_types_.find(id(ct));
                if (it == content_types_.end()) ct.fail("content type " + std::to_string(id(ct)) + " is not among the file's contenttypes.contenttype records");
                ref.app_label = it->second.first, ref.model = it->second.second;
            }
            if (r.has("pk")) permissions_[id(r.field("pk"))] = ref;
        }
        read_groups();
        read_users();
        read_tokens();
    }

    std::vector<ImportedGroup> groups;
    std::vector<ImportedUser> users;
    std::vector<ImportedToken> tokens;
    std::vector<std::string> notes;  // permissions left out, and why

    std::size_t count(const std::string& model) const {
        auto it = by_model_.find(model);
        return it == by_model_.end() ? 0 : it->second.size();
    }
    // Models read for nothing but lookups, or not at all.
    std::map<std::string, std::size_t> left_out() const {
        static const std::set<std::string> read = {"auth.group", "auth.user", "authtoken.token", "auth.permission",
                                                   "contenttypes.contenttype"};
        std::map<std::string, std::size_t> out;
        for (const auto& [model, records] : by_model_) {
            if (!read.contains(model)) out[model] = records.size();
        }
        return out;
    }

private:
    const std::vector<Reader>& of(const std::string& model) const {
        static const std::vector<Reader> none;
        auto it = by_model_.find(model);
        return it == by_model_.end() ? none : it->second;
    }

    // The lab's keys of a permissions list; the ones it does not have become notes.
    std::set<std::string> permission_keys(const Reader& list, const std::string& owner) {
        std::set<std::string> keys;
        for (const Reader& item : list.items(1000)) {
            PermissionRef ref;
            if (item.value().is_array()) {
                auto key = natural_key(item, 3);
                ref = {key[0], key[1], key[2]};
            } else {
                auto it = permissions_.find(id(item));
                if (it == permissions_.end())
                    item.fail("permission " + std::to_string(id(item)) + " is not among the file's auth.permission records");
                ref = it->second;
            }
            std::string key = ref.app_label + "." + ref.codename;
            const auth::Permission* known = auth::find_permission(key);
            if (known && known->model == ref.model) {
                keys.insert(key);
                continue;
            }
            static const std::set<std::string> apps = known_apps();
            notes.push_back(owner + ": permission " + key + " (model " + ref.app_label + "." + ref.model + ") is not in the lab" +
                            (apps.contains(ref.app_label) ? "" : " (its apps are " + join(apps) + ")") + ": left out.");
        }
        return keys;
    }

    void read_groups() {
        std::set<std::string> names;
        for (const Reader& r : of("auth.group")) {
            Reader f = r.field("fields");
            ImportedGroup group{f.field("name").text(150, false), {}};
            if (!names.insert(group.name).second) f.field("name").fail("a second group named \"" + group.name + "\"");
            if (r.has("pk")) group_names_[id(r.field("pk"))] = group.name;
            if (f.has("permissions")) group.permissions = permission_keys(f.field("permissions"), "Group \"" + group.name + "\"");
            groups.push_back(std::move(group));
        }
    }

    std::string group_name(const Reader& ref) const {
        if (ref.value().is_array()) return natural_key(ref, 1)[0];
        auto it = group_names_.find(id(ref));
        if (it == group_names_.end()) ref.fail("group " + std::to_string(id(ref)) + " is not among the file's auth.group records");
        return it->second;
    }

    std::string username(const Reader& ref) const {
        if (ref.value().is_array()) return natural_key(ref, 1)[0];
        auto it = usernames_.find(id(ref));
        if (it == usernames_.end()) ref.fail("user " + std::to_string(id(ref)) + " is not among the file's auth.user records");
        return it->second;
    }

    void read_users() {
        std::set<std::string> names;
        for (const Reader& r : of("auth.user")) {
            Reader f = r.field("fields");
            ImportedUser in;
            User& user = in.user;
            user.username = f.field("username").text(150, false);
            if (!names.insert(user.username).second) f.field("username").fail("a second user named \"" + user.username + "\"");
            if (r.has("pk")) usernames_[id(r.field("pk"))] = user.username;
            user.password = f.has("password") ? f.field("password").text(1000) : "";
            if (std::string problem = auth::encoded_password_problem(user.password); !problem.empty()) f.field("password").fail(problem);
            user.email = f.has("email") ? f.field("email").text(254) : "";
            user.is_active = f.has("is_active") ? f.field("is_active").boolean() : true;
            user.is_staff = f.has("is_staff") ? f.field("is_staff").boolean() : false;
            user.is_superuser = f.has("is_superuser") ? f.field("is_superuser").boolean() : false;
            std::string owner = "User \"" + user.username + "\"";
            if (f.has("user_permissions")) user.permissions = permission_keys(f.field("user_permissions"), owner);
            if (f.has("groups")) {
                for (const Reader& g : f.field("groups").items(max_world_groups)) {
                    std::string name = group_name(g);
                    if (std::find(in.groups.begin(), in.groups.end(), name) == in.groups.end()) in.groups.push_back(name);
                }
            }
            users.push_back(std::move(in));
        }
    }

    void read_tokens() {
        std::set<std::string> keys, owners;
        for (const Reader& r : of("authtoken.token")) {
            Reader f = r.field("fields");
            ImportedToken token;
            Reader key = r.field("pk");
            token.key = key.text(40);
            if (token.key.size() != 40 || !std::all_of(token.key.begin(), token.key.end(), [](char c) {
                    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                }))
                key.fail("expected 40 lowercase hex characters, as DRF makes token keys");
            if (!keys.insert(token.key).second) key.fail("a second token with this key");
            token.username = username(f.field("user"));
            if (!owners.insert(token.username).second) f.field("user").fail("a second token for \"" + token.username + "\" (DRF allows one)");
            auto created = parse_iso_datetime(f.field("created").text(64));
            if (!created) f.field("created").fail("expected a date and time like \"2024-01-01T12:00:00.000Z\"");
            // The core's clock starts at 1970 (a world file's dates too), as Django's ends at 9999.
            if (*created < 0) f.field("created").fail("before 1970-01-01T00:00:00Z, where the lab's clock starts");
            token.created = *created;
            tokens.push_back(std::move(token));
        }
    }

    std::map<std::string, std::vector<Reader>> by_model_;
    std::map<Id, std::pair<std::string, std::string>> content_types_;
    std::map<Id, PermissionRef> permissions_;
    std::map<Id, std::string> group_names_;
    std::map<Id, std::string> usernames_;
};

std::string password_note(const User& user) {
    const std::string who = "User \"" + user.username + "\"";
    if (!auth::is_password_usable(user.password)) return "";
    if (user.password.starts_with("pbkdf2_sha256$"))
        return who + ": a PBKDF2 hash; it works, and the first login rehashes it with Argon2 (the preferred hasher).";
    auto algorithm = auth::foreign_algorithm(user.password);
    if (!algorithm) return "";
    if (algorithm->empty()) return who + ": an empty password (saved without set_password()): no password matches it.";
    std::string made_by = who + ": a hash of " + auth::hasher_class_name(*algorithm) + " (" + *algorithm + "), kept as stored. ";
    if (*algorithm == "pbkdf2_sha1")
        return made_by + "It works, as the project lists it, and the first login rehashes it with Argon2.";
    if (auth::foreign_hash_fails_the_request(*algorithm))
        return made_by + "A login fails with a 500 as Django fails without the bcrypt library: ValueError: " +
               auth::foreign_hash_message(*algorithm);
    return made_by + "A login is refused as Django refuses it when the hasher is not installed: " +
           auth::foreign_hash_message(*algorithm);
}

FixtureImport apply(const World& current, FixtureReader& in) {
    FixtureImport out{current, {}};
    World& world = out.world;
    std::size_t groups_added = 0, users_added = 0, tokens_replaced = 0;
    for (ImportedGroup& g : in.groups) {
        auto it = std::find_if(world.groups.begin(), world.groups.end(), [&](const Group& x) { return x.name == g.name; });
        if (it != world.groups.end()) it->permissions = std::move(g.permissions);
        else world.add_group({0, std::move(g.name), std::move(g.permissions)}), ++groups_added;
    }
    std::vector<std::string> password_notes;
    for (ImportedUser& in_user : in.users) {
        User user = std::move(in_user.user);
        for (const std::string& name : in_user.groups) {
            const Group* group = world.find_group(name);
            if (!group) throw Invalid{"User \"" + user.username + "\": no group named \"" + name + "\" in the file or the lab"};
            user.groups.push_back(group->id);
        }
        if (std::string note = password_note(user); !note.empty()) password_notes.push_back(note);
        auto it = std::find_if(world.users.begin(), world.users.end(), [&](const User& x) { return x.username == user.username; });
        if (it != world.users.end()) user.id = it->id, *it = std::move(user);
        else world.add_user(std::move(user)), ++users_added;
    }
    for (const ImportedToken& t : in.tokens) {
        const User* user = world.find_user(t.username);
        if (!user) throw Invalid{"a token for \"" + t.username + "\", who is neither in the file nor in the lab"};
        Id owner = user->id;
        tokens_replaced += static_cast<std::size_t>(std::erase_if(world.tokens, [&](const AuthToken& x) { return x.user == owner; }));
        auto clash = std::find_if(world.tokens.begin(), world.tokens.end(), [&](const AuthToken& x) { return x.key == t.key; });
        if (clash != world.tokens.end())
            throw Invalid{"the token of \"" + t.username + "\" has the key of " + world.find_user(clash->user)->username + "'s token"};
        world.tokens.push_back({t.key, owner, t.created});
    }
    if (world.users.size() > max_world_users) throw Invalid{"the lab would hold more than " + std::to_string(max_world_users) + " users"};
    if (world.groups.size() > max_world_groups) throw Invalid{"the lab would hold more than " + std::to_string(max_world_groups) + " groups"};
    if (std::string problem = world_save_problem(world); !problem.empty())
        throw Invalid{"the lab's world would not fit its world file after this import: " + problem};

    auto& report = out.report;
    report.push_back("Imported " + std::to_string(in.groups.size()) + " groups (" + std::to_string(groups_added) + " new), " +
                     std::to_string(in.users.size()) + " users (" + std::to_string(users_added) + " new) and " +
                     std::to_string(in.tokens.size()) + " tokens" +
                     (tokens_replaced ? " (" + std::to_string(tokens_replaced) + " replaced a user's old token)" : "") + ".");
    report.insert(report.end(), password_notes.begin(), password_notes.end());
    report.insert(report.end(), in.notes.begin(), in.notes.end());
    std::string skipped;
    for (const auto& [model, n] : in.left_out()) skipped += (skipped.empty() ? "" : ", ") + model + " (" + std::to_string(n) + ")";
    if (!skipped.empty()) report.push_back("Left out records of models the import does not read: " + skipped + ".");
    return out;
}

}  // namespace

std::variant<FixtureImport, FixtureError> import_django_fixture(const World& world, std::string_view text) {
    const json_input::ParseLimits limits{max_fixture_bytes, static_cast<int>(max_fixture_depth),
                                         "nested deeper than " + std::to_string(max_fixture_depth) + " levels: not a fixture"};
    auto document = json_input::parse(text, limits);
    if (auto* error = std::get_if<Invalid>(&document)) return FixtureError{error->message};
    try {
        FixtureReader reader(std::get<json>(document));
        return apply(world, reader);
    } catch (const Invalid& error) {
        return FixtureError{error.message};
    }
}

}  // namespace authlab::exporting
