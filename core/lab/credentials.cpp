#include "lab/credentials.hpp"

#include "django/csrf.hpp"
#include "django/sessions.hpp"
#include "jwt/tokens.hpp"

namespace authlab::lab {

std::variant<Credentials, std::string> issue_credentials(Backend& backend, const std::string& username,
                                                         const std::string& mechanism) {
    World& world = backend.world();
    const User* user = world.find_user(std::string_view(username));
    if (!user) return "no user named \"" + username + "\"";
    Credentials credentials;
    if (mechanism == "token") {
        credentials.authorization = "Token " + world.get_or_create_token(user->id, backend.random(), backend.now()).key;
    } else if (mechanism == "bearer") {
        pyjson::Value payload = jwt::for_user(jwt::TokenType::access, *user, backend.now(), backend.random());
        credentials.authorization = "Bearer " + jwt::sign(payload, world.secret_key);
    } else if (mechanism == "session") {
        const std::map<std::string, std::string> no_cookies;
        django::SessionStore session(world, backend.random(), backend.now(), no_cookies);
        session.login(*user);
        if (auto cookie = session.process_response().cookie) credentials.cookies.push_back(*cookie);
        django::CsrfMiddleware csrf(no_cookies, backend.random());
        csrf.rotate_token();
        if (auto cookie = csrf.process_response(backend.now())) credentials.cookies.push_back(*cookie);
    } else {
        return "unknown mechanism \"" + mechanism + "\" (token, bearer or session)";
    }
    return credentials;
}

}  // namespace authlab::lab
