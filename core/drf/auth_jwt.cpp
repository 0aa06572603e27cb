// rest_framework_simplejwt.authentication.JWTAuthentication: "Authorization: Bearer <access
// token>" (the keyword exactly), validated as simplejwt's AccessToken, then the user_id claim
// looked up as Django's User.objects.get(id=…) does.
#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"
#include "jwt/python_json.hpp"
#include "jwt/python_numbers.hpp"
#include "jwt/tokens.hpp"

namespace authlab::drf {
namespace {

constexpr std::string_view component = "JWTAuthentication";

class JWTAuthentication final : public Authenticator {
public:
    std::string_view name() const override { return component; }
    std::optional<std::string> authenticate_header() const override { return "Bearer realm=\"api\""; }

    std::optional<Authenticated> authenticate(RequestContext& request) const override {
        const std::optional<std::string> raw = get_raw_token(request);
        if (!raw) return std::nullopt;
        const pyjson::Value claims = get_validated_token(request, *raw);
        User* user = get_user(request, claims, redact_jwt(*raw));
        nlohmann::ordered_json auth = jwt::to_ordered_json(claims);
        request.trace.add("authentication", std::string(component), "authenticated",
                          "Access token " + redact_jwt(*raw) + " is signed with the SECRET_KEY, unexpired, and names " +
                              user->username + ": authenticated.",
                          {{"token", redact_jwt(*raw)}, {"claims", auth}, {"user", user->username}});
        return Authenticated{user, std::move(auth)};
    }

private:
    // get_header and get_raw_token: AUTH_HEADER_TYPES is ("Bearer",), compared byte for byte;
    // none when the header is not this class's.
    static std::optional<std::string> get_raw_token(RequestContext& request) {
        const std::vector<std::string> parts = authorization_parts(request);
        if (parts.empty() || parts[0] != "Bearer") {
            request.trace.add("authentication", std::string(component), "no_credentials",
                              parts.empty() ? "No Authorization header, so JWTAuthentication steps aside."
                                            : "The Authorization header does not start with exactly 'Bearer', so "
                                              "JWTAuthentication steps aside.");
            return std::nullopt;
        }
        if (parts.size() != 2) {
            fail(request,
                 {{"detail", "Authorization header must contain two space-delimited values"},
                  {"code", "bad_authorization_header"}},
                 "'Bearer' is followed by " + std::to_string(parts.size() - 1) + " values, not one");
        }
        return parts[1];
    }

    // get_validated_token: AUTH_TOKEN_CLASSES is (AccessToken,).
    static pyjson::Value get_validated_token(RequestContext& request, const std::string& raw) {
        const std::string shown = redact_jwt(raw);
        const jwt::TokenCheck check = jwt::check_token(raw, jwt::TokenType::access, request.world.secret_key, request.now);
        if (check.uncaught) crash(request, shown, check.cause);
        if (!check.payload) {
            fail(request,
                 {{"detail", "Given token not valid for any token type"},
                  {"code", "token_not_valid"},
                  {"messages", {{{"token_class", jwt::token_class_name(jwt::TokenType::access)},
                                 {"token_type", jwt::token_type_name(jwt::TokenType::access)},
                                 {"message", check.error}}}}},
                 "the token " + shown + " is not a valid access token: " + check.error + " (" + check.cause + ")");
        }
        return *check.payload;
    }

    // get_user: the user_id claim looked up; the user must exist and be active.
    static User* get_user(RequestContext& request, const pyjson::Value& claims, const std::string& shown) {
        const pyjson::Value* user_id = claims.find("user_id");
        if (!user_id) {
            fail(request, {{"detail", "Token contained no recognizable user identification"}, {"code", "token_not_valid"}},
                 "the token " + shown + " is valid but has no user_id claim");
        }
        User* user = find_user(request, *user_id, shown);
        if (!user) {
            fail(request, {{"detail", "User not found"}, {"code", "user_not_found"}},
                 "the token " + shown + " is valid but no user has id " + user_id->repr());
        }
        if (!user->is_active) {
            fail(request, {{"detail", "User is inactive"}, {"code", "user_inactive"}},
                 "the token " + shown + " is valid but " + user->username + " is inactive");
        }
        return user;
    }

    // User.objects.get(id=claim): Django's IntegerField makes int(claim) of it (TypeError and
    // ValueError escape as 500s, as does an id past SQLite's 64 bits); None matches nothing.
    static User* find_user(RequestContext& request, const pyjson::Value& claim, const std::string& shown) {
        if (claim.is(pyjson::Value::Kind::None)) return nullptr;
        const jwt::PyInt id = jwt::python_int(claim);
        if (id.error != jwt::PyError::none) {
            crash(request, shown, jwt::py_error_name(id.error) + ": Field 'id' expected a number but got " + claim.repr() + ".");
        }
        if (id.clamped) crash(request, shown, "OverflowError: Python int too large to convert to SQLite INTEGER");
        return request.world.find_user(id.value);
    }

    [[noreturn]] static void fail(RequestContext& request, nlohmann::ordered_json body, const std::string& why) {
        nlohmann::ordered_json data = {{"detail", body["detail"]}, {"code", body["code"]}};
        request.fail(authentication_failed(std::move(body)), "authentication", std::string(component),
                     "JWTAuthentication refuses: " + why + ".", std::move(data));
    }

    [[noreturn]] static void crash(RequestContext& request, const std::string& shown, const std::string& cause) {
        request.trace.add("authentication", std::string(component), "error",
                          "Checking the token " + shown + " raises a Python error that neither simplejwt nor DRF catches (" +
                              cause + "): Django answers 500.",
                          {{"cause", cause}});
        throw ServerError(cause);
    }
};

}  // namespace

std::unique_ptr<Authenticator> make_jwt_authentication() { return std::make_unique<JWTAuthentication>(); }

}  // namespace authlab::drf
