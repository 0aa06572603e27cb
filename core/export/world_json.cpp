#include "export/world_json.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "auth/passwords.hpp"
#include "auth/permission.hpp"
#include "drf/policy_check.hpp"
#include "json_input/reader.hpp"
#include "python/codecs.hpp"
#include "python/utf8.hpp"

namespace authlab {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Reading with a path, so every error says where it is.
using json_input::Reader;

bool made_of(std::string_view text, std::string_view alphabet) {
    return std::all_of(text.begin(), text.end(), [&](char c) { return alphabet.find(c) != std::string_view::npos; });
}

constexpr std::string_view digits = "0123456789";

// "7.99": up to four digits, a point, two digits (DecimalField(max_digits=6, decimal_places=2)).
bool is_price(std::string_view text) {
    std::size_t point = text.find('.');
    return point >= 1 && point <= 4 && text.size() == point + 3 && made_of(text.substr(0, point), digits) &&
           made_of(text.substr(point + 1), digits);
}

constexpr std::int64_t max_id = (std::int64_t{1} << 53) - 1;  // exact in JavaScript too
constexpr std::int64_t max_micros = std::int64_t{253402300799} * micros_per_second;  // year 9999

std::vector<std::string> strings(const Reader& r, std::size_t max_length) {
    std::vector<std::string> out;
    for (const Reader& item : r.items(world_limits::list_entries)) out.push_back(item.text(max_length));
    return out;
}

std::set<std::string> permission_keys(const Reader& r) {
    std::set<std::string> keys;
    for (const Reader& item : r.items(world_limits::list_entries)) {
        std::string key = item.text(255);
        if (!auth::find_permission(key)) item.fail("no permission \"" + key + "\"");
        keys.insert(key);
    }
    return keys;
}

// The rows' ids, each once; a repeated id fails at that row.
template <typename Row>
std::set<Id> unique_ids(const std::vector<Row>& rows, const Reader& r) {
    std::set<Id> seen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!seen.insert(rows[i].id).second) r.items(rows.size())[i].field("id").fail("duplicate id " + std::to_string(rows[i].id));
    }
    return seen;
}

Policies read_policies(const Reader& r) {
    Policies policies;
    policies.authentication = strings(r.field("authentication"), 64);
    if (r.has("throttle")) policies.throttle = strings(r.field("throttle"), 200);
    for (const auto& [name, entry] : r.value().items()) {
        if (name == "authentication" || name == "throttle") continue;
        Reader view(entry, r.path() + "." + name);
        ViewPolicy policy;
        if (view.has("authentication")) policy.authentication = strings(view.field("authentication"), 64);
        if (view.has("permissions")) policy.permissions = strings(view.field("permissions"), 1000);
        if (view.has("throttle")) policy.throttle = strings(view.field("throttle"), 200);
        policies.views[name] = std::move(policy);
    }
    if (std::string problem = drf::policies_problem(policies); !problem.empty()) r.fail(problem);
    return policies;
}

auth::Argon2Cost read_cost(const Reader& r) {
    auth::Argon2Cost cost;
    cost.memory_kib = static_cast<std::uint32_t>(r.field("memory_kib").integer(8, auth::max_argon2_memory_kib));
    cost.time_cost = static_cast<std::uint32_t>(r.field("time_cost").integer(1, auth::max_argon2_time_cost));
    cost.parallelism = static_cast<std::uint32_t>(r.field("parallelism").integer(1, auth::max_argon2_parallelism));
    if (cost.memory_kib < 8 * cost.parallelism) r.fail("memory_kib must be at least 8 × parallelism");
    return cost;
}

// A cache key's bytes as Latin-1 text (each byte one character), as WSGI hands Django a
// header: an X-Forwarded-For that is not UTF-8 still makes a key a JSON file can hold.
std::string key_text(std::string_view bytes) { return *python::decode_strict(bytes, python::Codec::latin1); }

std::string key_bytes(const Reader& r) {
    std::string bytes;
    for (char32_t c : python::decode(r.text(world_limits::throttle_key, false))) {
        if (c > 0xFF) r.fail("expected characters up to U+00FF, one per byte of the key");
        bytes += static_cast<char>(c);
    }
    return bytes;
}

double time_value(const Reader& r) {
    if (!r.value().is_number()) r.fail("expected a number (seconds since 1970)");
    return r.value().get<double>();
}

django::Cache read_cache(const Reader& top) {
    if (!top.has("throttle_cache")) return {};  // a world saved before the cache was kept
    std::vector<django::Cache::Entry> entries;
    std::set<std::string> keys;
    for (const Reader& e : top.field("throttle_cache").items(world_limits::throttle_entries)) {
        django::Cache::Entry entry{key_bytes(e.field("key")), {}, time_value(e.field("expires"))};
        if (!keys.insert(entry.key).second) e.field("key").fail("a second entry with this key");
        for (const Reader& at : e.field("history").items(world_limits::throttle_history)) entry.value.push_back(time_value(at));
        entries.push_back(std::move(entry));
    }
    return django::Cache(std::move(entries));
}

World read_world(const Reader& top) {
    if (top.field("schema").text(64) != "authlab.world") top.field("schema").fail("expected \"authlab.world\"");
    std::int64_t version = top.field("version").integer(0, 1'000'000);
    if (version != world_schema_version)
        top.field("version").fail("version " + std::to_string(version) + " is not supported (this page reads " +
                                   std::to_string(world_schema_version) + ")");
    World world;
    world.secret_key = top.field("secret_key").text(1000, false);
    world.password_cost = read_cost(top.field("password_cost"));
    world.clock_offset = top.field("clock_offset_micros").integer(-max_micros, max_micros);

    // Lookups by name and id through maps: a world of 10,000 users is read in one pass, not
    // 10,000 scans of the users before it.
    std::map<std::string, Id, std::less<>> group_ids;
    for (const Reader& g : top.field("groups").items(world_limits::groups)) {
        Group group{g.field("id").integer(1, max_id), g.field("name").text(150, false), permission_keys(g.field("permissions"))};
        if (!group_ids.emplace(group.name, group.id).second) g.field("name").fail("another group is named \"" + group.name + "\"");
        world.groups.push_back(std::move(group));
    }
    unique_ids(world.groups, top.field("groups"));

    std::set<std::string, std::less<>> usernames;
    for (const Reader& u : top.field("users").items(world_limits::users)) {
        User user;
        user.id = u.field("id").integer(1, max_id);
        user.username = u.field("username").text(150, false);
        if (!usernames.insert(user.username).second) u.field("username").fail("another user is named \"" + user.username + "\"");
        user.email = u.field("email").text(254);
        user.password = u.field("password").text(1000);
        if (std::string problem = auth::encoded_password_problem(user.password); !problem.empty()) u.field("password").fail(problem);
        user.is_active = u.field("is_active").boolean();
        user.is_staff = u.field("is_staff").boolean();
        user.is_superuser = u.field("is_superuser").boolean();
        user.permissions = permission_keys(u.field("permissions"));
        for (const Reader& g : u.field("groups").items(world_limits::groups)) {
            std::string name = g.text(150);
            auto group = group_ids.find(name);
            if (group == group_ids.end()) g.fail("no group named \"" + name + "\"");
            if (std::find(user.groups.begin(), user.groups.end(), group->second) == user.groups.end()) user.groups.push_back(group->second);
        }
        world.users.push_back(std::move(user));
    }
    const std::set<Id> user_ids = unique_ids(world.users, top.field("users"));

    for (const Reader& b : top.field("books").items(world_limits::books)) {
        Book book{b.field("id").integer(1, max_id), b.field("title").text(255, false), b.field("author").text(255, false),
                  b.field("price").text(8), static_cast<int>(b.field("inventory").integer(0, 32767))};
        if (!is_price(book.price)) b.field("price").fail("expected a price like \"7.99\" (at most 9999.99)");
        world.books.push_back(std::move(book));
    }
    const std::set<Id> book_ids = unique_ids(world.books, top.field("books"));

    for (const Reader& o : top.field("orders").items(world_limits::orders)) {
        Order order{o.field("id").integer(1, max_id), o.field("book").integer(1, max_id),
                    static_cast<int>(o.field("quantity").integer(1, 32767)), o.field("owner").integer(1, max_id)};
        if (!book_ids.count(order.book)) o.field("book").fail("no book with id " + std::to_string(order.book));
        if (!user_ids.count(order.owner)) o.field("owner").fail("no user with id " + std::to_string(order.owner));
        world.orders.push_back(order);
    }
    unique_ids(world.orders, top.field("orders"));

    std::set<Id> users_with_tokens;
    for (const Reader& t : top.field("tokens").items(world_limits::users)) {
        AuthToken token{t.field("key").text(40), t.field("user").integer(1, max_id), t.field("created").integer(0, max_micros)};
        if (token.key.size() != 40 || !made_of(token.key, "0123456789abcdef")) t.field("key").fail("expected 40 lowercase hex characters");
        if (!user_ids.count(token.user)) t.field("user").fail("no user with id " + std::to_string(token.user));
        if (!users_with_tokens.insert(token.user).second) t.field("user").fail("a user has one token at most");
        world.tokens.push_back(std::move(token));
    }

    for (const Reader& s : top.field("sessions").items(world_limits::sessions)) {
        Session session{s.field("key").text(32), s.field("user").integer(1, max_id), s.field("auth_hash").text(128),
                        s.field("expires").integer(0, max_micros)};
        if (session.key.size() != 32 || !made_of(session.key, "abcdefghijklmnopqrstuvwxyz0123456789")) s.field("key").fail("expected 32 characters a-z, 0-9");
        if (!user_ids.count(session.user)) s.field("user").fail("no user with id " + std::to_string(session.user));
        world.sessions.push_back(std::move(session));
    }

    world.policies = read_policies(top.field("policies"));

    Reader next = top.field("next_ids");
    auto next_id = [&](const char* key, auto& rows) {
        Id id = next.field(key).integer(1, max_id);
        for (const auto& row : rows) {
            if (row.id >= id) next.field(key).fail("must be greater than every " + std::string(key) + " id");
        }
        return id;
    };
    world.next_ids = {next_id("user", world.users), next_id("group", world.groups), next_id("book", world.books),
                      next_id("order", world.orders)};
    return world;
}

}  // namespace

ordered_json policies_to_json(const Policies& policies) {
    ordered_json out;
    out["authentication"] = policies.authentication;
    if (!policies.throttle.empty()) out["throttle"] = policies.throttle;
    for (const auto& [name, policy] : policies.views) {
        ordered_json view = ordered_json::object();
        if (policy.authentication) view["authentication"] = *policy.authentication;
        view["permissions"] = policy.permissions;
        if (policy.throttle) view["throttle"] = *policy.throttle;
        out[name] = view;
    }
    return out;
}

ordered_json user_to_json(const World& world, const User& u) {
    ordered_json groups = ordered_json::array();
    for (Id id : u.groups) groups.push_back(world.find_group(id)->name);
    return {{"id", u.id}, {"username", u.username}, {"email", u.email}, {"password", u.password},
            {"is_active", u.is_active}, {"is_staff", u.is_staff}, {"is_superuser", u.is_superuser},
            {"groups", groups}, {"permissions", u.permissions}};
}

ordered_json books_to_json(const World& world) {
    ordered_json books = ordered_json::array();
    for (const Book& b : world.books)
        books.push_back({{"id", b.id}, {"title", b.title}, {"author", b.author}, {"price", b.price}, {"inventory", b.inventory}});
    return books;
}

ordered_json orders_to_json(const World& world) {
    ordered_json orders = ordered_json::array();
    for (const Order& o : world.orders)
        orders.push_back({{"id", o.id}, {"book", o.book}, {"quantity", o.quantity}, {"owner", o.owner}});
    return orders;
}

ordered_json world_to_json(const World& world, const django::Cache& cache) {
    ordered_json out;
    out["schema"] = "authlab.world";
    out["version"] = world_schema_version;
    out["secret_key"] = world.secret_key;
    out["password_cost"] = {{"memory_kib", world.password_cost.memory_kib},
                            {"time_cost", world.password_cost.time_cost},
                            {"parallelism", world.password_cost.parallelism}};
    out["clock_offset_micros"] = world.clock_offset;
    out["groups"] = ordered_json::array();
    for (const Group& g : world.groups) out["groups"].push_back({{"id", g.id}, {"name", g.name}, {"permissions", g.permissions}});
    out["users"] = ordered_json::array();
    for (const User& u : world.users) out["users"].push_back(user_to_json(world, u));
    out["books"] = books_to_json(world);
    out["orders"] = orders_to_json(world);
    out["tokens"] = ordered_json::array();
    for (const AuthToken& t : world.tokens) out["tokens"].push_back({{"key", t.key}, {"user", t.user}, {"created", t.created}});
    out["sessions"] = ordered_json::array();
    for (const Session& s : world.sessions)
        out["sessions"].push_back({{"key", s.key}, {"user", s.user}, {"auth_hash", s.auth_hash}, {"expires", s.expires}});
    out["policies"] = policies_to_json(world.policies);
    out["next_ids"] = {{"user", world.next_ids.user}, {"group", world.next_ids.group},
                       {"book", world.next_ids.book}, {"order", world.next_ids.order}};
    if (cache.size()) {
        ordered_json& entries = out["throttle_cache"] = ordered_json::array();
        for (const django::Cache::Entry& e : cache.entries())
            entries.push_back({{"key", key_text(e.key)}, {"history", e.value}, {"expires", e.expires}});
    }
    return out;
}

std::variant<World, LoadError> world_from_json(const json& value, django::Cache* cache) {
    try {
        World world = read_world(Reader(value, ""));
        django::Cache kept = read_cache(Reader(value, ""));
        if (cache) *cache = std::move(kept);
        return world;
    } catch (const json_input::Invalid& error) {
        return LoadError{error.message};
    }
}

std::variant<Policies, LoadError> policies_from_json(const json& value) {
    try {
        return read_policies(Reader(value, "policies"));
    } catch (const json_input::Invalid& error) {
        return LoadError{error.message};
    }
}

std::variant<World, LoadError> world_from_json_text(std::string_view text, django::Cache* cache) {
    // A world file is shallow: four levels of lists and objects.
    const json_input::ParseLimits limits{max_world_json_bytes, world_limits::json_depth,
                                         "the file nests lists and objects more than " +
                                             std::to_string(world_limits::json_depth) + " deep; a world file needs 4"};
    auto document = json_input::parse(text, limits);
    if (auto* error = std::get_if<json_input::Invalid>(&document)) return LoadError{error->message};
    return world_from_json(std::get<json>(document), cache);
}

std::string world_save_problem(const World& world, const django::Cache& cache) {
    std::string text;
    try {
        text = world_to_json(world, cache).dump();  // the page saves it compact (lab::json_text)
    } catch (const nlohmann::json::exception&) {  // invalid UTF-8: a lone surrogate Python kept
        return "a text in it is not valid Unicode (a lone surrogate?), which a world file cannot hold";
    }
    if (text.size() > max_world_json_bytes)
        return "its world file would be " + std::to_string(text.size()) + " bytes; at most " +
               std::to_string(max_world_json_bytes / (1024 * 1024)) + " MiB are kept";
    auto loaded = world_from_json_text(text);
    if (auto* error = std::get_if<LoadError>(&loaded)) return error->message;
    return "";
}

std::string world_run_problem(const World& world, Micros clock_now) {
    std::string late = virtual_time_problem(clock_now, world.clock_offset);
    return late.empty() ? "" : "clock_offset_micros: " + late;
}

std::variant<World, LoadError> load_world_text(std::string_view text, Micros clock_now, django::Cache* cache) {
    auto loaded = world_from_json_text(text, cache);
    if (auto* world = std::get_if<World>(&loaded)) {
        if (std::string problem = world_run_problem(*world, clock_now); !problem.empty()) return LoadError{problem};
    }
    return loaded;
}

}  // namespace authlab
