#include "scenario/setup.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "auth/permission.hpp"
#include "drf/policy_check.hpp"
#include "export/world_json.hpp"
#include "python/utf8.hpp"
#include "scenario/check_keys.hpp"
#include "scenario/scenario_error.hpp"
#include "world/seed.hpp"

namespace authlab::scenario {
namespace {

using pyjson::Value;

// The base worlds' own random streams: their SECRET_KEY and password salts never change.
constexpr std::uint64_t empty_world_seed = 0xA17E'0001;
constexpr std::uint64_t default_world_seed = 0xA17E'0002;

// A list of at most `most` entries (a world's bounds, world_json.hpp).
const std::vector<Value>& list_of(const Value* value, const std::string& what, std::size_t most = world_limits::list_entries) {
    static const std::vector<Value> empty;
    if (!value) return empty;
    if (!value->is(Value::Kind::List)) throw ScenarioError(what + " must be a list");
    if (value->as_list().size() > most) {
        throw ScenarioError(what + " has " + std::to_string(value->as_list().size()) + " entries; at most " +
                            std::to_string(most) + " are allowed");
    }
    return value->as_list();
}

const std::string& text_of(const Value& value, const std::string& what) {
    if (!value.is(Value::Kind::Str)) throw ScenarioError(what + " must be a string, not " + value.repr());
    return value.as_str();
}

bool flag(const Value& spec, const std::string& key, bool fallback) {
    const Value* value = spec.find(key);
    if (!value) return fallback;
    if (!value->is(Value::Kind::Bool)) throw ScenarioError("user." + key + " must be true or false, not " + value->repr());
    return value->as_bool();
}

std::string permission_key(const Value& name) {
    const std::string& key = text_of(name, "a permission");
    if (!auth::find_permission(key)) throw ScenarioError("unknown permission " + name.repr());
    return key;
}

Id group_id(const World& world, const Value& name) {
    const Group* group = world.find_group(text_of(name, "a group"));
    if (!group) throw ScenarioError("unknown group " + name.repr());
    return group->id;
}

// set_group(): created, or its permissions replaced (members stay).
void set_group(World& world, const Value& spec) {
    check_keys(spec, {"name", "permissions"}, "group");
    if (!spec.find("name")) throw ScenarioError("a group needs a name");
    std::string name = text_of(*spec.find("name"), "group.name");
    std::set<std::string> permissions;
    for (const Value& p : list_of(spec.find("permissions"), "group.permissions")) permissions.insert(permission_key(p));
    if (const Group* existing = world.find_group(name)) {
        world.find_group(existing->id)->permissions = std::move(permissions);
    } else {
        world.add_group({0, name, std::move(permissions)});
    }
}

// set_user(): created, or every field of the existing one set anew (its id stays).
void set_user(World& world, const Value& spec, const auth::Passwords& passwords) {
    check_keys(spec, {"username", "password", "email", "groups", "permissions", "is_active", "is_staff", "is_superuser"}, "user");
    if (!spec.find("username")) throw ScenarioError("a user needs a username");
    User user;
    user.username = text_of(*spec.find("username"), "user.username");
    std::vector<Id> groups;
    for (const Value& g : list_of(spec.find("groups"), "user.groups")) groups.push_back(group_id(world, g));
    for (const Value& p : list_of(spec.find("permissions"), "user.permissions")) user.permissions.insert(permission_key(p));
    user.email = spec.find("email") ? text_of(*spec.find("email"), "user.email") : "";
    user.is_active = flag(spec, "is_active", true);
    user.is_staff = flag(spec, "is_staff", false);
    user.is_superuser = flag(spec, "is_superuser", false);
    const Value* password = spec.find("password");
    user.password = !password || password->is(Value::Kind::None) ? passwords.make_unusable_password()
                                                                  : passwords.make_password(text_of(*password, "user.password"));

    User* existing = world.find_user(user.username) ? world.find_user(world.find_user(user.username)->id) : nullptr;
    // groups.set(): the memberships that stay keep their place; new ones follow, in order.
    std::vector<Id> kept;
    if (existing) {
        std::copy_if(existing->groups.begin(), existing->groups.end(), std::back_inserter(kept),
                     [&](Id id) { return std::find(groups.begin(), groups.end(), id) != groups.end(); });
    }
    for (Id id : groups) {
        if (std::find(kept.begin(), kept.end(), id) == kept.end()) kept.push_back(id);
    }
    user.groups = std::move(kept);
    if (existing) {
        user.id = existing->id;
        *existing = std::move(user);
    } else {
        world.add_user(std::move(user));
    }
}

// A Python Decimal's digits and exponent: "7.990" → 7990, -3.
struct Decimal {
    bool negative = false;
    std::string coefficient;  // no leading zeros; "0" for zero
    long exponent = 0;
};

std::optional<Decimal> parse_decimal(std::string text) {
    const char* blanks = " \t\n\r\f\v";
    std::size_t start = text.find_first_not_of(blanks);
    if (start == std::string::npos) return std::nullopt;
    text = text.substr(start, text.find_last_not_of(blanks) - start + 1);
    Decimal d;
    std::size_t i = 0;
    if (text[i] == '+' || text[i] == '-') d.negative = text[i++] == '-';
    std::string digits;
    long fraction_digits = 0;
    bool point = false;
    for (; i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || (text[i] == '.' && !point)); ++i) {
        if (text[i] == '.') point = true;
        else {
            digits += text[i];
            if (point) ++fraction_digits;
        }
    }
    if (digits.empty()) return std::nullopt;
    long exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::string e = text.substr(i + 1);
        std::size_t sign = e.starts_with('+') || e.starts_with('-') ? 1 : 0;
        if (e.size() == sign || e.size() > sign + 6 ||
            !std::all_of(e.begin() + static_cast<long>(sign), e.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return std::nullopt;
        exponent = std::stol(e);
        i = text.size();
    }
    if (i != text.size()) return std::nullopt;
    d.coefficient = digits.substr(std::min(digits.find_first_not_of('0'), digits.size() - 1));
    d.exponent = exponent - fraction_digits;
    return d;
}

// Book.price: DecimalField(max_digits=6, decimal_places=2) with MinValueValidator(0), stored
// (and answered) with two places.
std::string book_price(const Value& value) {
    std::optional<Decimal> d = parse_decimal(value.str());  // Decimal(str(price))
    if (!d) throw ScenarioError("bad book price " + value.repr() + ": not a number");
    long length = static_cast<long>(d->coefficient.size());
    long digits = d->exponent >= 0 ? length + d->exponent : std::max(length, -d->exponent);
    long decimals = d->exponent >= 0 ? 0 : -d->exponent;
    if (digits > 6 || decimals > 2 || digits - decimals > 4)
        throw ScenarioError("bad book price " + value.repr() + ": at most 6 digits, 4 before the point and 2 after it");
    if (d->negative && d->coefficient != "0") throw ScenarioError("bad book price " + value.repr() + ": must be at least 0");
    std::string cents = d->coefficient + std::string(static_cast<std::size_t>(d->exponent + 2), '0');
    cents = std::string(cents.size() < 3 ? 3 - cents.size() : 0, '0') + cents;
    return cents.substr(0, cents.size() - 2) + "." + cents.substr(cents.size() - 2);
}

// int(text) for a string: blanks around, an optional sign, decimal digits.
std::optional<long long> parse_int(const std::string& text) {
    std::optional<Decimal> d = parse_decimal(text);
    if (!d || text.find_first_of(".eE") != std::string::npos) return std::nullopt;
    if (d->coefficient.size() > 9) return d->negative ? -1'000'000'000LL : 1'000'000'000LL;  // out of range either way
    return (d->negative ? -1 : 1) * std::stoll(d->coefficient);
}

// Book.inventory: int(value) as Django's IntegerField.to_python calls it (a float is
// truncated, "7" is read), then 0 to 32767.
int book_inventory(const Value& value) {
    std::optional<long long> number;
    if (value.is(Value::Kind::Bool)) number = value.as_bool() ? 1 : 0;
    if (value.is(Value::Kind::Float) && std::abs(value.as_float()) < 1e9) number = static_cast<long long>(value.as_float());
    if (value.is(Value::Kind::Int)) number = parse_int(value.int_digits());
    if (value.is(Value::Kind::Str)) number = parse_int(value.as_str());
    if (!number) throw ScenarioError("bad book inventory " + value.repr() + ": not an integer");
    if (*number < 0 || *number > 32767) throw ScenarioError("bad book inventory " + value.repr() + ": must be 0 to 32767");
    return static_cast<int>(*number);
}

std::string book_text(const Value* value, const std::string& what) {
    if (!value || value->is(Value::Kind::None)) throw ScenarioError("a book needs a " + what);
    std::string text = value->str();  // CharField.to_python
    if (text.empty()) throw ScenarioError("a book's " + what + " may not be blank");
    if (python::code_points(text) > 255)
        throw ScenarioError("a book's " + what + " has more than 255 characters");
    return text;
}

void add_book(World& world, const Value& spec) {
    check_keys(spec, {"title", "author", "price", "inventory"}, "book");
    Book book;
    book.title = book_text(spec.find("title"), "title");
    book.author = book_text(spec.find("author"), "author");
    book.price = book_price(spec.find("price") ? *spec.find("price") : Value());
    book.inventory = book_inventory(spec.find("inventory") ? *spec.find("inventory") : Value());
    world.add_book(std::move(book));
}

std::vector<std::string> class_names(const Value& value, const std::string& what) {
    std::vector<std::string> names;
    for (const Value& name : list_of(&value, what)) names.push_back(text_of(name, "an entry of " + what));
    return names;
}

// policies.merge(): the default policy with the given keys replacing whole entries.
Policies merge_policies(const Value& given) {
    Policies policies = default_policies();
    if (!given.is(Value::Kind::Dict)) throw ScenarioError("policies must be an object");
    for (const auto& [key, entry] : given.as_dict()) {
        if (key == "authentication") {
            policies.authentication = class_names(entry, "authentication");
            continue;
        }
        if (key == "throttle") {
            policies.throttle = class_names(entry, "throttle");
            continue;
        }
        if (!policies.views.contains(key)) throw ScenarioError("unknown policy key " + pyjson::str_repr(key));
        check_keys(entry, {"authentication", "permissions", "throttle"}, "policy " + pyjson::str_repr(key));
        ViewPolicy view;
        const Value* authentication = entry.find("authentication");
        if (authentication && !authentication->is(Value::Kind::None)) view.authentication = class_names(*authentication, key + ".authentication");
        if (const Value* permissions = entry.find("permissions")) view.permissions = class_names(*permissions, key + ".permissions");
        const Value* throttle = entry.find("throttle");
        if (throttle && !throttle->is(Value::Kind::None)) view.throttle = class_names(*throttle, key + ".throttle");
        policies.views[key] = std::move(view);
    }
    if (std::string problem = drf::policies_problem(policies); !problem.empty()) throw ScenarioError(problem);
    return policies;
}

}  // namespace

const World* base_world(const std::string& name) {
    static std::optional<World> empty, seeded;
    if (name == "empty") {
        if (!empty) {
            crypto::SeededRandom random(empty_world_seed);
            empty = empty_world(random);
        }
        return &*empty;
    }
    if (name == "default") {
        if (!seeded) {
            crypto::SeededRandom random(default_world_seed);
            seeded = default_world(random);
        }
        return &*seeded;
    }
    return nullptr;
}

World build_world(const Value& setup, const auth::Passwords& passwords, const World* start) {
    check_keys(setup, {"world", "groups", "users", "books", "policies"}, "setup");
    std::string name = setup.find("world") ? text_of(*setup.find("world"), "setup.world") : "default";
    const World* base = start && name == "default" ? start : base_world(name);
    if (!base) throw ScenarioError("unknown world " + pyjson::str_repr(name));
    World world = *base;
    for (const Value& spec : list_of(setup.find("groups"), "setup.groups", world_limits::groups)) set_group(world, spec);
    for (const Value& spec : list_of(setup.find("users"), "setup.users", world_limits::setup_users)) set_user(world, spec, passwords);
    for (const Value& spec : list_of(setup.find("books"), "setup.books", world_limits::books)) add_book(world, spec);
    const Value* policies = setup.find("policies");
    if (policies && !policies->is(Value::Kind::None)) world.policies = merge_policies(*policies);
    // A setup makes a world the page could save and load back, or none.
    if (std::string problem = world_save_problem(world); !problem.empty())
        throw ScenarioError("setup: the world it makes would not fit a world file: " + problem);
    return world;
}

}  // namespace authlab::scenario
