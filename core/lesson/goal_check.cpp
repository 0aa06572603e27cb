#include "lesson/goal_check.hpp"

#include <algorithm>
#include <set>

#include "backends/model_backend.hpp"
#include "lab/credentials.hpp"
#include "lab/replay.hpp"
#include "lesson/failure_words.hpp"
#include "lesson/nearest_name.hpp"
#include "pyjson/dump.hpp"
#include "scenario/expectations.hpp"
#include "scenario/json_equality.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/step_record.hpp"
#include "scenario/substitute.hpp"

namespace authlab::lesson {
namespace {

using pyjson::Value;

std::string text_or(const Value& condition, const char* key, const std::string& otherwise) {
    const Value* value = condition.find(key);
    return value && value->is(Value::Kind::Str) ? value->as_str() : otherwise;
}

std::vector<std::string> expect_words(const Value& expect, const Value& record) {
    std::vector<std::string> words;
    for (const scenario::ExpectFailure& failure : scenario::expect_failures(expect, record)) words.push_back(failure_words(failure));
    return words;
}

std::string joined(const std::vector<std::string>& parts, const char* between) {
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : between) + part;
    return out;
}

// {"check": request, "as"?, "with"?, "expect"}: the request tried on a copy of the world now.
std::optional<std::string> check_failure(const Value& condition, const lab::Desk& desk) {
    const Backend& backend = desk.backend();
    Micros now = backend.now();
    http::Request request = scenario::build_request(scenario::substitute(*condition.find("check"), {}, desk.browser().jar(), now));
    std::string said = request.method + " " + request.path;
    lab::Scratch scratch(backend);
    if (const Value* as = condition.find("as")) {
        auto issued = lab::issue_credentials(scratch.backend(), as->as_str(), text_or(condition, "with", "token"));
        if (auto* problem = std::get_if<std::string>(&issued)) {
            std::vector<std::string> usernames;
            for (const User& user : backend.world().users) usernames.push_back(user.username);
            return said + " as " + as->as_str() + ": " + *problem + did_you_mean(as->as_str(), usernames);
        }
        request = lab::with_credentials(std::move(request), std::get<lab::Credentials>(issued));
        said += " as " + as->as_str();
    } else {
        desk.browser().jar().add_cookie_header(request, now);
    }
    Value record = scenario::record_response(scratch.backend().handle(request).response, now);
    std::vector<std::string> words = expect_words(*condition.find("expect"), record);
    if (words.empty()) return std::nullopt;
    return said + ": " + joined(words, ", ");
}

// A path pattern: `*` is one segment; the query is not part of it.
bool path_matches(std::string_view pattern, std::string_view path) {
    path = path.substr(0, path.find('?'));
    while (!pattern.empty() && !path.empty()) {
        if (pattern.front() == '*') {
            pattern.remove_prefix(1);
            std::size_t end = path.find('/');
            if (end == 0) return false;  // a segment is never empty
            path.remove_prefix(end == std::string_view::npos ? path.size() : end);
            continue;
        }
        if (pattern.front() != path.front()) return false;
        pattern.remove_prefix(1);
        path.remove_prefix(1);
    }
    return pattern.empty() && path.empty();
}

std::string pattern_words(const Value& pattern) {
    std::string words = text_or(pattern, "method", "a request") + " " + text_or(pattern, "path", "");
    if (const Value* user = pattern.find("user")) words += user->is(Value::Kind::None) ? " sent anonymously" : " by " + user->as_str();
    if (const Value* by = pattern.find("authenticator")) words += " through " + by->as_str();
    if (const Value* forged = pattern.find("forged")) words += forged->as_bool() ? " with a token you made yourself" : " with a token the server gave out";
    return words;
}

bool matches(const Value& pattern, const SentRequest& sent) {
    if (const Value* method = pattern.find("method"); method && method->as_str() != sent.request.method) return false;
    if (const Value* path = pattern.find("path"); path && !path_matches(path->as_str(), sent.request.path)) return false;
    if (const Value* user = pattern.find("user")) {
        if (user->is(Value::Kind::None) ? sent.user.has_value() : sent.user != user->as_str()) return false;
    }
    if (const Value* by = pattern.find("authenticator"); by && by->as_str() != sent.authenticator) return false;
    if (const Value* forged = pattern.find("forged"); forged && forged->as_bool() != sent.forged) return false;
    return true;
}

// {"sent": pattern, "expect"?, "json_not"?}: one of the step's requests was like that.
std::optional<std::string> sent_failure(const Value& condition, const std::vector<SentRequest>& sent) {
    const Value& pattern = *condition.find("sent");
    std::string why = "you have not sent " + pattern_words(pattern) + " in this step";
    for (const SentRequest& one : sent) {
        if (!matches(pattern, one)) continue;
        std::vector<std::string> words;
        if (const Value* expect = condition.find("expect")) words = expect_words(*expect, one.record);
        if (const Value* json_not = condition.find("json_not")) {
            const Value body = one.record.find("json") ? *one.record.find("json") : Value();
            for (const auto& [path, value] : json_not->as_dict()) {
                std::optional<Value> got = scenario::dig(body, path);
                if (got && scenario::same(*got, value)) words.push_back("its " + path + " is " + pyjson::dumps(value, {.ensure_ascii = false}));
            }
        }
        if (words.empty()) return std::nullopt;
        why = "your " + one.request.method + " " + one.request.path + ": " + joined(words, ", ");
    }
    return why;
}

// {"user": name, "exists"?, "is_active"?, "is_staff"?, "is_superuser"?, "has_token"?}
std::optional<std::string> user_failure(const Value& condition, const World& world) {
    const std::string& name = condition.find("user")->as_str();
    const User* user = world.find_user(name);
    bool should_exist = !condition.find("exists") || condition.find("exists")->as_bool();
    if (!user) {
        if (!should_exist) return std::nullopt;
        std::vector<std::string> usernames;
        for (const User& one : world.users) usernames.push_back(one.username);
        return name + " does not exist" + did_you_mean(name, usernames);
    }
    if (!should_exist) return name + " still exists";
    std::vector<std::string> wrong;
    auto flag = [&](const char* key, bool actual) {
        if (const Value* wanted = condition.find(key); wanted && wanted->as_bool() != actual)
            wrong.push_back(std::string(key) + " is " + (actual ? "true" : "false"));
    };
    flag("is_active", user->is_active);
    flag("is_staff", user->is_staff);
    flag("is_superuser", user->is_superuser);
    flag("has_token", std::any_of(world.tokens.begin(), world.tokens.end(), [&](const AuthToken& token) { return token.user == user->id; }));
    if (wrong.empty()) return std::nullopt;
    return name + ": " + joined(wrong, ", ");
}

bool listed(const Value& condition, const std::string& name) {
    const Value* except = condition.find("except");
    if (!except) return false;
    const auto& names = except->as_list();
    return std::any_of(names.begin(), names.end(), [&](const Value& item) { return item.as_str() == name; });
}

// What a user may do, as the permission classes read it.
struct Rights {
    bool is_active, is_staff, is_superuser;
    std::set<std::string> groups, permissions;
    bool operator==(const Rights&) const = default;
};

Rights rights_of(const World& world, const User& user) {
    std::set<std::string> groups;
    for (Id id : user.groups) {
        if (const Group* group = world.find_group(id)) groups.insert(group->name);
    }
    return {user.is_active, user.is_staff, user.is_superuser, groups, auth::get_all_permissions(world, &user)};
}

// {"unchanged": "users" | "policies", "except"?}: nothing else was touched since the step began.
std::optional<std::string> unchanged_failure(const Value& condition, const World& world, const World& at_start) {
    std::vector<std::string> changed;
    if (condition.find("unchanged")->as_str() == "policies") {
        Policies now = world.policies, before = at_start.policies;
        if (listed(condition, "authentication")) now.authentication = before.authentication;
        if (listed(condition, "throttle")) now.throttle = before.throttle;
        for (const auto& [view, policy] : before.views) {
            if (listed(condition, view)) now.views[view] = policy;
        }
        if (now == before) return std::nullopt;
        return "the policies changed beyond " + (condition.find("except") ? pyjson::dumps(*condition.find("except"), {.ensure_ascii = false}) : std::string("nothing"));
    }
    for (const User& before : at_start.users) {
        if (listed(condition, before.username)) continue;
        const User* now = world.find_user(before.username);
        if (!now) changed.push_back(before.username + " was deleted");
        else if (!(rights_of(world, *now) == rights_of(at_start, before))) changed.push_back(before.username + "'s rights changed");
    }
    if (changed.empty()) return std::nullopt;
    return joined(changed, ", ") + " (only the user the goal names may change)";
}

}  // namespace

std::vector<std::string> goal_failures(const LessonStep& step, const lab::Desk& desk, const World& at_start, const std::vector<SentRequest>& sent) {
    std::vector<std::string> failures;
    for (const Value& condition : step.goal().as_list()) {
        std::optional<std::string> failure;
        if (condition.find("check")) failure = check_failure(condition, desk);
        else if (condition.find("sent")) failure = sent_failure(condition, sent);
        else if (condition.find("user")) failure = user_failure(condition, desk.backend().world());
        else failure = unchanged_failure(condition, desk.backend().world(), at_start);
        if (failure) failures.push_back(std::move(*failure));
    }
    return failures;
}

}  // namespace authlab::lesson
