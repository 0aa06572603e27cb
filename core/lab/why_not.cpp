#include "lab/why_not.hpp"

#include <algorithm>
#include <functional>

#include "lab/admin_commands.hpp"
#include "lab/jwt_inspect.hpp"
#include "lab/replay.hpp"
#include "export/world_json.hpp"

namespace authlab::lab {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t max_suggestions = 6;

// Each try replays the request on a copy of the world, so trying costs about the world's size
// per try: the tries stop once they have copied `copy_budget` users' worth of world (in a world
// of 10,000 users where nobody passes, every user is a candidate: about 100 tries, not 10,000
// copies of 10,000 users), and the answer says how many were left untried. A world of a few
// hundred users is never cut short.
constexpr std::size_t copy_budget = 1'000'000;

// A refusal "Why not?" explains: who you are (401), what you may do (403), how often (429).
bool let_through(int status) { return status != 401 && status != 403 && status != 429; }

// One candidate change: how to try it on a scratch backend, and what to offer if it works.
struct Candidate {
    std::string text;
    ordered_json change;
    std::function<int(Backend&)> attempt;  // the status the request gets after the change
    bool wants_401 = false;                // success is the refusal becoming a 401
};

struct Original {
    explicit Original(const http::Request& r) : request(r) {}
    const http::Request& request;
    const User* user = nullptr;  // who the request authenticated as, in the real world
    std::string authenticator;
    std::optional<std::vector<std::string>> missing;  // what DjangoModelPermissions needed and lacked
    std::string kind;
    std::vector<std::string> authenticators;  // the view's, in order (from the trace)
    std::string object_refusal;               // the failing has_object_permission step's summary
    std::optional<ordered_json> is_owner;     // what IsOwner saw when it refused: {object, owner, user}
};

Candidate admin_change(const Original& original, std::string text, ordered_json command) {
    std::optional<drf::ForcedAuthentication> forced;
    if (original.user) forced = drf::ForcedAuthentication{original.user->id, original.authenticator};
    return {std::move(text), {{"kind", "admin"}, {"command", command}}, [&original, command, forced](Backend& b) {
                if (apply_admin_command(b, command).contains("error")) return 0;
                return b.handle(original.request, forced).response.status;
            }};
}

std::vector<std::string> with(std::vector<std::string> names, const std::string& name) {
    names.push_back(name);
    return names;
}

std::vector<std::string> group_names(const World& world, const User& user) {
    std::vector<std::string> names;
    for (Id id : user.groups) names.push_back(world.find_group(id)->name);
    return names;
}

// The permission changes an admin would make for a known user.
void permission_candidates(const World& world, const Original& original, std::vector<Candidate>& out) {
    const User& user = *original.user;
    std::vector<std::string> mine = group_names(world, user);
    for (const std::string& perm : original.missing.value_or(std::vector<std::string>{})) {
        for (const std::string& name : mine) {
            std::set<std::string> perms = world.find_group(std::string_view(name))->permissions;
            perms.insert(perm);
            out.push_back(admin_change(original, "Add " + perm + " to group " + name,
                                       {{"op", "save_group"}, {"name", name}, {"permissions", perms}}));
        }
        std::set<std::string> direct = user.permissions;
        direct.insert(perm);
        out.push_back(admin_change(original, "Give " + user.username + " " + perm + " directly",
                                   {{"op", "edit_user"}, {"id", user.id}, {"permissions", direct}}));
    }
    for (const Group& group : world.groups) {
        if (std::find(mine.begin(), mine.end(), group.name) != mine.end()) {
            std::vector<std::string> rest;
            for (const std::string& n : mine) if (n != group.name) rest.push_back(n);
            out.push_back(admin_change(original, "Remove " + user.username + " from group " + group.name,
                                       {{"op", "edit_user"}, {"id", user.id}, {"groups", rest}}));
        } else {
            out.push_back(admin_change(original, "Add " + user.username + " to group " + group.name,
                                       {{"op", "edit_user"}, {"id", user.id}, {"groups", with(mine, group.name)}}));
        }
    }
    if (!user.is_staff)
        out.push_back(admin_change(original, "Make " + user.username + " staff (is_staff)", {{"op", "edit_user"}, {"id", user.id}, {"is_staff", true}}));
    if (!user.is_superuser)
        out.push_back(admin_change(original, "Make " + user.username + " a superuser",
                                   {{"op", "edit_user"}, {"id", user.id}, {"is_superuser", true}}));
}

const std::map<std::string, std::string> mechanism_of = {
    {"TokenAuthentication", "token"}, {"JWTAuthentication", "bearer"}, {"SessionAuthentication", "session"}};

// The view's first authenticator that can be given credentials without a password, and the
// "send as" mechanism for it; empty when it has none.
std::pair<std::string, std::string> send_as_mechanism(const Original& original) {
    for (const std::string& name : original.authenticators) {
        if (auto it = mechanism_of.find(name); it != mechanism_of.end()) return {it->second, name};
    }
    return {};
}

Candidate send_as(const Original& original, std::string text, const std::string& username, const std::string& mechanism) {
    return {std::move(text), {{"kind", "send_as"}, {"username", username}, {"mechanism", mechanism}},
            [&original, username, mechanism](Backend& b) {
                auto credentials = issue_credentials(b, username, mechanism);
                return b.handle(with_credentials(original.request, std::get<Credentials>(credentials))).response.status;
            }};
}

// Credentials to send: each active user the view would let through, by the view's first
// authenticator that can be given credentials without a password.
void credential_candidates(const World& world, const Original& original, std::vector<Candidate>& out) {
    auto [mechanism, via] = send_as_mechanism(original);
    if (mechanism.empty()) return;
    for (const User& user : world.users) {
        if (user.is_active) out.push_back(send_as(original, "Send credentials: the request as " + user.username + " (" + via + ")", user.username, mechanism));
    }
}

// An access JWT that was good until it expired: the fix a client makes is to refresh it (POST
// the refresh token to /api/token/refresh/ and send the new access token), not to become
// somebody else. Offered when the token is signed here, is an access token, has expired and
// names an active user.
void refresh_candidate(const Backend& backend, const Original& original, std::vector<Candidate>& out) {
    const std::string header = original.request.headers.get("Authorization");
    const std::string prefix = "Bearer ";
    if (header.rfind(prefix, 0) != 0) return;
    ordered_json seen = inspect_jwt(backend, std::string_view(header).substr(prefix.size()));
    const ordered_json& payload = seen["payload"];
    if (seen["signature"] != "valid" || !payload.is_object() || payload.value("token_type", "") != "access") return;
    if (!seen["expires_in"].is_number() || seen["expires_in"].get<double>() > 0) return;
    if (!payload.contains("user_id") || !payload["user_id"].is_number_integer()) return;
    const User* user = backend.world().find_user(payload["user_id"].get<Id>());
    if (!user || !user->is_active) return;
    const std::string username = user->username;
    out.push_back({"Refresh the access token (it expired): POST the refresh token to /api/token/refresh/ and send the new access token",
                   {{"kind", "refresh_jwt"}, {"username", username}},
                   [&original, username](Backend& b) {
                       auto credentials = issue_credentials(b, username, "bearer");
                       if (!std::holds_alternative<Credentials>(credentials)) return 0;
                       http::Request request = original.request;
                       request.headers.set("Authorization", *std::get<Credentials>(credentials).authorization);
                       return b.handle(request).response.status;
                   }});
}

// A 403 "credentials were not provided" comes from a first authenticator without a challenge:
// putting TokenAuthentication first makes it the 401 it means.
void challenge_candidate(const World& world, const Original& original, std::vector<Candidate>& out) {
    if (original.authenticators.empty() || original.authenticators.front() != "SessionAuthentication") return;
    const std::string first = "TokenAuthentication";
    auto reorder = [&](std::vector<std::string>& list) {
        std::erase(list, first);
        list.insert(list.begin(), first);
    };
    // The view's own list when it has one (the one the trace shows), else the global one.
    Policies policies = world.policies;
    bool view_has_own = false;
    for (auto& [name, view] : policies.views) {
        if (view.authentication && *view.authentication == original.authenticators) {
            reorder(*view.authentication);
            view_has_own = true;
        }
    }
    if (!view_has_own) reorder(policies.authentication);
    ordered_json command = {{"op", "set_policies"}, {"policies", policies_to_json(policies)}};
    Candidate c = admin_change(original, "Put " + first + " first, so the refusal is a 401 with a challenge", command);
    c.wants_401 = true;
    out.push_back(std::move(c));
}

void csrf_candidates(const Original& original, std::vector<Candidate>& out) {
    std::string cookie;
    for (const auto& [name, value] : http::parse_cookie_header(original.request.headers.get("Cookie"))) {
        if (name == "csrftoken") cookie = value;
    }
    if (cookie.empty()) return;
    out.push_back({"Send the csrftoken cookie's value in the X-CSRFToken header",
                   {{"kind", "header"}, {"name", "X-CSRFToken"}, {"value", cookie}},
                   [&original, cookie](Backend& b) {
                       http::Request request = original.request;
                       request.headers.set("X-CSRFToken", cookie);
                       return b.handle(request).response.status;
                   }});
}

// What IsOwner saw, {object, owner, user}, where it failed inside a composed step's data: the
// operators nest each operand's Check as {expression, result, summary, data}.
std::optional<ordered_json> failed_is_owner(const ordered_json& data) {
    if (data.is_object() && data.value("expression", json()) == "IsOwner" && data.value("result", json()) == "fail" &&
        data.value("data", json()).contains("owner")) {
        return data["data"];
    }
    if (data.is_structured()) {
        for (const auto& item : data) {
            if (auto found = failed_is_owner(item)) return found;
        }
    }
    return std::nullopt;
}

// The owner of the object IsOwner refused: sending the same request as them is the first way
// through to offer.
void owner_candidate(const World& world, const Original& original, std::vector<Candidate>& out) {
    if (!original.is_owner || !original.is_owner->value("owner", json()).is_number_integer()) return;
    const User* owner = world.find_user(original.is_owner->value("owner", Id{0}));
    auto [mechanism, via] = send_as_mechanism(original);
    if (!owner || !owner->is_active || mechanism.empty()) return;
    out.insert(out.begin(), send_as(original, "Send the request as " + owner->username + ", the owner (" + via + ")", owner->username, mechanism));
}

// "carol is not the owner of order 1 (admin is): IsOwner refuses."
std::string object_reason(const World& world, const Original& original) {
    if (!original.is_owner) return original.object_refusal;
    const ordered_json& seen = *original.is_owner;
    const User* owner = seen.value("owner", json()).is_number_integer() ? world.find_user(seen.value("owner", Id{0})) : nullptr;
    std::string who = original.user ? original.user->username : "The anonymous user";
    std::string object = seen.value("object", std::string("the object"));
    return who + " is not the owner of " + object + (owner ? " (" + owner->username + " is)" : "") +
           ": IsOwner refuses it, whatever the model permissions allow.";
}

// A 429: waiting out Retry-After lets it through on the moved clock; and when an
// AnonRateThrottle refused, logging in does (user requests are not counted there).
void wait_candidate(const http::Request& request, const ordered_json& retry_after, std::vector<Candidate>& out) {
    if (!retry_after.is_number_integer()) return;  // no wait to offer (the scope holds more than the rate)
    const std::int64_t seconds = retry_after.get<std::int64_t>();
    out.push_back({"Wait " + std::to_string(seconds) + " s (Retry-After), then send it again",
                   {{"kind", "wait"}, {"seconds", seconds}},
                   [&request, seconds](Backend& b) {
                       b.advance(seconds * micros_per_second);
                       return b.handle(request).response.status;
                   }});
}

// The longest wait among the throttles that refused, as Retry-After carries it.
ordered_json retry_after(const ordered_json& trace) {
    ordered_json longest;
    for (const auto& step : trace["steps"]) {
        if (step.value("stage", "") != "throttle" || step.value("result", "") != "fail") continue;
        const ordered_json wait = step["data"].value("wait", ordered_json());
        if (wait.is_number_integer() && (longest.is_null() || wait > longest)) longest = wait;
    }
    return longest;
}

Original read_trace(const World& world, const http::Request& request, const ordered_json& trace) {
    Original original(request);
    original.kind = trace["outcome"].value("kind", "");
    for (const auto& step : trace["steps"]) {
        const std::string stage = step.value("stage", "");
        if (stage == "authentication") original.authenticators.push_back(step.value("component", ""));
        if (stage == "user" && step["data"].value("user", json()).is_string()) {
            original.user = world.find_user(std::string_view(step["data"]["user"].get_ref<const std::string&>()));
            original.authenticator = step["data"].value("authenticator", "");
        }
        if ((stage == "permission" || stage == "object_permission") && step.value("result", "") == "fail" &&
            step["data"].contains("needs")) {
            std::vector<std::string> missing;
            for (const auto& need : step["data"]["needs"]) {
                const auto& has = step["data"]["has"];
                if (std::find(has.begin(), has.end(), need) == has.end()) missing.push_back(need);
            }
            original.missing = missing;
        }
        if (stage == "object_permission" && step.value("result", "") == "fail") {
            original.object_refusal = step.value("summary", "");
            original.is_owner = step.value("component", "") == "IsOwner" ? std::optional<ordered_json>(step["data"])
                                                                           : failed_is_owner(step["data"]);
        }
    }
    return original;
}

}  // namespace

ordered_json why_not(const Backend& backend, const http::Request& request) {
    Scratch first(backend);
    Exchange exchange = first.backend().handle(request);
    int status = exchange.response.status;
    ordered_json out = {{"status", status}, {"suggestions", ordered_json::array()}};
    if (let_through(status)) return out;

    const World& world = backend.world();
    Original original = read_trace(world, request, exchange.trace);
    std::vector<Candidate> candidates;
    bool csrf = exchange.trace["outcome"].value("sentence", "").find("CSRF") != std::string::npos;
    if (status == 429) {
        wait_candidate(request, retry_after(exchange.trace), candidates);
        if (!original.user) credential_candidates(world, original, candidates);
    } else if (csrf) csrf_candidates(original, candidates);
    else if (original.user) permission_candidates(world, original, candidates);
    else {
        refresh_candidate(backend, original, candidates);
        credential_candidates(world, original, candidates);
    }
    if (status == 403 && original.kind == "not_authenticated") challenge_candidate(world, original, candidates);
    if (!original.object_refusal.empty()) {
        out["reason"] = object_reason(world, original);
        owner_candidate(world, original, candidates);
    }

    const std::size_t max_tries = std::max<std::size_t>(1, copy_budget / (world.users.size() + 1));
    std::size_t tried = 0;
    for (Candidate& candidate : candidates) {
        if (out["suggestions"].size() >= max_suggestions) break;
        if (tried == max_tries) {
            out["untried"] = candidates.size() - tried;
            break;
        }
        ++tried;
        Scratch scratch(backend);
        int after = candidate.attempt(scratch.backend());
        bool works = candidate.wants_401 ? after == 401 : (after != 0 && let_through(after));
        if (works) out["suggestions"].push_back({{"text", candidate.text}, {"change", candidate.change}, {"outcome", {{"status", after}}}});
    }
    return out;
}

}  // namespace authlab::lab
