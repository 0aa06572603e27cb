// rest_framework.authentication.TokenAuthentication: "Authorization: Token <key>", the key
// looked up in DRF's authtoken table.
#include <algorithm>

#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"
#include "python/codecs.hpp"

namespace authlab::drf {
namespace {

constexpr std::string_view component = "TokenAuthentication";

class TokenAuthentication final : public Authenticator {
public:
    std::string_view name() const override { return component; }
    std::optional<std::string> authenticate_header() const override { return "Token"; }

    std::optional<Authenticated> authenticate(RequestContext& request) const override {
        const std::vector<std::string> auth = authorization_parts(request);
        if (auth.empty() || !keyword_matches(auth[0], "token")) {
            request.trace.add("authentication", std::string(component), "no_credentials",
                              "No 'Authorization: Token …' header, so TokenAuthentication steps aside.",
                              {{"header", auth.empty() ? "" : trace_text(auth[0]) + (auth.size() > 1 ? " …" : "")}});
            return std::nullopt;
        }
        if (auth.size() == 1) fail(request, "Invalid token header. No credentials provided.", "names no key");
        if (auth.size() > 2) {
            fail(request, "Invalid token header. Token string should not contain spaces.",
                 "holds " + std::to_string(auth.size() - 1) + " words after the keyword, not one");
        }
        const std::string& key = auth[1];
        if (!python::decode_strict(key, python::Codec::utf8)) {
            fail(request, "Invalid token header. Token string should not contain invalid characters.", "is not UTF-8");
        }
        return authenticate_credentials(request, key);
    }

private:
    // The key looked up in DRF's authtoken table; its user must be active.
    static Authenticated authenticate_credentials(RequestContext& request, const std::string& key) {
        auto token = std::find_if(request.world.tokens.begin(), request.world.tokens.end(),
                                  [&](const AuthToken& t) { return t.key == key; });
        User* user = token == request.world.tokens.end() ? nullptr : request.world.find_user(token->user);
        if (!user) fail(request, "Invalid token.", "'Token " + redact(key) + "' names no token in DRF's token table");
        if (!user->is_active) {
            fail(request, "User inactive or deleted.", "'Token " + redact(key) + "' belongs to " + user->username + ", who is inactive");
        }
        request.trace.add("authentication", std::string(component), "authenticated",
                          "Token " + redact(key) + " belongs to " + user->username + ", who is active: authenticated.",
                          {{"token", redact(key)}, {"user", user->username}});
        return Authenticated{user, key};
    }

    [[noreturn]] static void fail(RequestContext& request, const std::string& message, const std::string& why) {
        request.fail(authentication_failed(message), "authentication", std::string(component),
                     "The Authorization header " + why + ": AuthenticationFailed(\"" + message + "\").", {{"detail", message}});
    }
};

}  // namespace

std::unique_ptr<Authenticator> make_token_authentication() { return std::make_unique<TokenAuthentication>(); }

}  // namespace authlab::drf
