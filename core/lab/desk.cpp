#include "lab/desk.hpp"

#include "export/world_json.hpp"
#include "lab/admin_commands.hpp"
#include "lab/credentials.hpp"
#include "lab/page_json.hpp"
#include "pyjson/dump.hpp"

namespace authlab::lab {
namespace {

using pyjson::Value;

Acted answered(std::string answer, bool ok) {
    Acted acted;
    acted.answer = std::move(answer);
    acted.ok = ok;
    return acted;
}
Acted refused(const std::string& message) { return answered(json_text({{"error", message}}), false); }
Acted done(std::string answer) { return answered(std::move(answer), true); }
const std::string ok_json = R"({"ok": true})";

std::string text_of(const Value& value, const char* what) {
    if (!value.is(Value::Kind::Str)) throw std::invalid_argument(std::string(what) + " must be text");
    return value.as_str();
}

double seconds_of(const Value& value) {
    if (value.is(Value::Kind::Float)) return value.as_float();
    if (value.is(Value::Kind::Int) && value.int_digits().size() <= 15) return std::stod(value.int_digits());
    return -1;  // refused by advance()
}

}  // namespace

Desk::Desk(std::unique_ptr<crypto::RandomSource> random, const Clock& live, const std::function<World(crypto::RandomSource&)>& make_world)
    : random_(std::move(random)), live_(live), clock_(live), backend_(make_world(*random_), clock_, *random_), browser_(backend_) {
    backend_.set_world_check(world_save_problem);  // whoever keeps the world can save it again
}

Acted Desk::act(const Value& action) {
    std::optional<Instant> now;
    if (!clock_.pinned()) now.emplace(*this, live_.now());
    try {
        return act_now(action);
    } catch (const std::exception& error) {
        return refused(error.what());
    }
}

Acted Desk::act_now(const Value& action) {
    if (!action.is(Value::Kind::Dict) || action.as_dict().size() != 1) return refused("an action is one of request, admin, advance, credentials, world, cookies, clear_cookies");
    const auto& [kind, body] = action.as_dict().front();
    if (kind == "request") {
        http::Request request = request_from_json(pyjson::dumps(body, {.ensure_ascii = false}));
        BrowserSession::Sent sent = browser_.send(request);
        Acted acted = done(sent_to_json(sent));
        acted.sent = std::move(sent);
        acted.request = std::move(request);
        return acted;
    }
    if (kind == "admin") {
        auto command = nlohmann::json::parse(pyjson::dumps(body), nullptr, false);
        if (command.is_discarded()) return refused("the command is not JSON");
        nlohmann::ordered_json answer = apply_admin_command(backend_, command);
        return answered(json_text(answer), !answer.contains("error"));
    }
    if (kind == "advance") {
        if (auto problem = browser_.advance(seconds_of(body))) return refused(*problem);
        return done(json_text({{"ok", true}, {"now", static_cast<double>(browser_.now()) / 1000.0}}));
    }
    if (kind == "credentials") {
        if (!body.is(Value::Kind::Dict) || !body.find("username") || !body.find("mechanism")) return refused("credentials need a username and a mechanism");
        World before = backend_.world();  // a token or session more may be one more than a world file keeps
        auto issued = issue_credentials(backend_, text_of(*body.find("username"), "the username"), text_of(*body.find("mechanism"), "the mechanism"));
        if (auto* problem = std::get_if<std::string>(&issued)) return refused(*problem);
        if (std::string problem = world_save_problem(backend_.world(), backend_.cache()); !problem.empty()) {
            backend_.world() = std::move(before);
            return refused("the simulator cannot keep another credential: " + problem);
        }
        const Credentials& credentials = std::get<Credentials>(issued);
        if (credentials.authorization) {
            Acted acted = done(json_text({{"header", *credentials.authorization}}));
            acted.authorization = credentials.authorization;
            return acted;
        }
        nlohmann::ordered_json names = nlohmann::ordered_json::array();
        browser_.receive(credentials.cookies);
        for (const http::SetCookie& cookie : credentials.cookies) names.push_back(cookie.name);
        return done(json_text({{"cookies", names}}));
    }
    if (kind == "world") {
        django::Cache cache;  // the throttles' history the world kept (none in an older file)
        auto loaded = world_from_json_text(text_of(body, "a world"), &cache);
        if (auto* error = std::get_if<LoadError>(&loaded)) return refused(error->message);
        if (auto problem = browser_.replace_world(std::move(std::get<World>(loaded)))) return refused(*problem);
        backend_.cache() = std::move(cache);
        return done(ok_json);
    }
    if (kind == "cookies") {
        if (auto problem = browser_.import_cookies(text_of(body, "the cookies"))) return refused(*problem);
        return done(ok_json);
    }
    if (kind == "clear_cookies") {
        browser_.clear_cookies();
        return done(ok_json);
    }
    return refused("unknown action \"" + kind + "\"");
}

}  // namespace authlab::lab
