#include "lab/admin_commands.hpp"

#include "admin/admin.hpp"
#include "export/world_json.hpp"
#include "unicode/nfkc.hpp"
#include "world/seed.hpp"

namespace authlab::lab {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// A field of the command, with a message naming it when it has the wrong type.
template <typename T>
std::optional<T> optional_field(const json& command, const char* name) {
    if (!command.contains(name) || command[name].is_null()) return std::nullopt;
    try {
        return command[name].get<T>();
    } catch (const json::exception&) {
        throw std::invalid_argument(std::string("\"") + name + "\" has the wrong type");
    }
}

template <typename T>
T field(const json& command, const char* name) {
    auto value = optional_field<T>(command, name);
    if (!value) throw std::invalid_argument(std::string("\"") + name + "\" is missing");
    return *value;
}

std::string create_user(Backend& backend, const json& command) {
    admin::UserSpec spec;
    spec.username = unicode::nfkc(field<std::string>(command, "username"));  // the admin form's UsernameField
    if (std::string problem = admin::username_problem(spec.username); !problem.empty()) return problem;
    if (backend.world().find_user(std::string_view(spec.username))) return "A user with that username already exists.";
    spec.password = optional_field<std::string>(command, "password");
    spec.email = optional_field<std::string>(command, "email").value_or("");
    spec.is_active = optional_field<bool>(command, "is_active").value_or(true);
    spec.is_staff = optional_field<bool>(command, "is_staff").value_or(false);
    spec.is_superuser = optional_field<bool>(command, "is_superuser").value_or(false);
    spec.groups = optional_field<std::vector<std::string>>(command, "groups").value_or(std::vector<std::string>{});
    spec.permissions = optional_field<std::set<std::string>>(command, "permissions").value_or(std::set<std::string>{});
    return admin::save_user(backend.world(), backend.passwords(), spec);
}

std::string edit_user(Backend& backend, const json& command) {
    admin::UserEdit edit;
    edit.username = optional_field<std::string>(command, "username");
    if (edit.username) edit.username = unicode::nfkc(*edit.username);
    edit.email = optional_field<std::string>(command, "email");
    edit.is_active = optional_field<bool>(command, "is_active");
    edit.is_staff = optional_field<bool>(command, "is_staff");
    edit.is_superuser = optional_field<bool>(command, "is_superuser");
    edit.groups = optional_field<std::vector<std::string>>(command, "groups");
    edit.permissions = optional_field<std::set<std::string>>(command, "permissions");
    return admin::edit_user(backend.world(), field<Id>(command, "id"), edit);
}

std::string reset(Backend& backend, const std::string& which) {
    if (which != "default" && which != "empty") return "reset to \"default\" or \"empty\"";
    auth::Argon2Cost cost = backend.world().password_cost;
    backend.world() = which == "default" ? default_world(backend.random(), cost) : empty_world(backend.random(), cost);
    return "";
}

std::string set_password_cost(Backend& backend, const std::string& preset) {
    if (preset == "django32") backend.world().password_cost = auth::Argon2Cost::django32();
    else if (preset == "owasp_minimum") backend.world().password_cost = auth::Argon2Cost::owasp_minimum();
    else return "unknown preset \"" + preset + "\" (django32 or owasp_minimum)";
    return "";
}

std::string run(Backend& backend, const json& command) {
    if (!command.is_object()) return "a command is an object with an \"op\"";
    const std::string op = field<std::string>(command, "op");
    World& world = backend.world();
    if (op == "save_group")
        return admin::save_group(world, field<std::string>(command, "name"),
                                 optional_field<std::set<std::string>>(command, "permissions").value_or(std::set<std::string>{}));
    if (op == "rename_group") return admin::rename_group(world, field<Id>(command, "id"), field<std::string>(command, "name"));
    if (op == "delete_group") return admin::delete_group(world, field<Id>(command, "id"));
    if (op == "create_user") return create_user(backend, command);
    if (op == "edit_user") return edit_user(backend, command);
    if (op == "set_password")
        return admin::set_password(world, backend.passwords(), field<Id>(command, "id"), optional_field<std::string>(command, "password"));
    if (op == "delete_user") return admin::delete_user(world, field<Id>(command, "id"));
    if (op == "set_policies") {
        auto policies = policies_from_json(command.contains("policies") ? command["policies"] : json());
        if (auto* error = std::get_if<LoadError>(&policies)) return error->message;
        return admin::set_policies(world, std::get<Policies>(policies));
    }
    if (op == "reset") return reset(backend, field<std::string>(command, "world"));
    if (op == "set_password_cost") return set_password_cost(backend, field<std::string>(command, "preset"));
    return "unknown command \"" + op + "\"";
}

}  // namespace

ordered_json apply_admin_command(Backend& backend, const json& command) {
    std::string problem;
    World before = backend.world();
    try {
        problem = run(backend, command);
    } catch (const std::invalid_argument& error) {
        problem = error.what();
    }
    // A change the world file could not hold is not kept: the page would lose it on reload.
    if (problem.empty() && backend.world() != before) {
        if (std::string full = world_save_problem(backend.world(), backend.cache()); !full.empty()) {
            backend.world() = std::move(before);
            problem = "AuthLab's simulator cannot keep this change (a limit of the simulator, not of Django): " + full;
        }
    }
    if (problem.empty()) return {{"ok", true}};
    return {{"error", problem}};
}

}  // namespace authlab::lab
