// rest_framework.authentication.SessionAuthentication: the user Django's
// AuthenticationMiddleware found in the session (request._request.user), with CSRF enforced
// (DRF's CSRFCheck, i.e. CsrfViewMiddleware.process_view) on unsafe methods.
#include "django/csrf.hpp"
#include "django/sessions.hpp"
#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"

namespace authlab::drf {
namespace {

constexpr std::string_view component = "SessionAuthentication";

// request.POST.get("csrfmiddlewaretoken", "") on DRF's Request: the body DRF parses (which may
// raise its parse errors here), and only a form's.
std::string form_token(RequestContext& request) {
    const RequestData& data = request.data();
    if (!data.html_input) return "";
    const pyjson::Value* token = data.value.find("csrfmiddlewaretoken");
    return token && token->is(pyjson::Value::Kind::Str) ? token->as_str() : "";
}

class SessionAuthentication final : public Authenticator {
public:
    std::string_view name() const override { return component; }
    std::optional<std::string> authenticate_header() const override { return std::nullopt; }

    std::optional<Authenticated> authenticate(RequestContext& request) const override {
        // Reading request.user loads the session: SessionMiddleware then varies the answer by
        // Cookie, and deletes a sessionid cookie that leads nowhere.
        django::SessionStore& session = request.session;
        User* user = session.get_user();
        if (!user || !user->is_active) {
            request.trace.add("authentication", std::string(component), "no_credentials",
                              "No logged-in user in the session (" + session.describe() + "), so SessionAuthentication steps aside.",
                              {{"session", session.describe()}});
            return std::nullopt;
        }
        enforce_csrf(request, *user);
        request.trace.add("authentication", std::string(component), "authenticated",
                          "The session belongs to " + user->username + ", who is active: authenticated.",
                          {{"session", session.describe()}, {"user", user->username}});
        return Authenticated{user, nullptr};
    }

private:
    static void enforce_csrf(RequestContext& request, const User& user) {
        django::CsrfMiddleware check(request.cookies(), request.random);
        check.process_request();
        std::optional<std::string> reason;
        try {
            reason = check.process_view(request.http.method, request.http.headers.get("X-CSRFToken"),
                                        [&] { return form_token(request); });
        } catch (const ApiError& error) {
            request.trace.add("csrf", "CSRFCheck", "fail",
                              "Looking for csrfmiddlewaretoken in the body, DRF parsed it and failed: the error ends "
                              "authentication.",
                              {{"status", error.status}});
            throw;
        }
        if (reason) {
            const std::string message = "CSRF Failed: " + *reason;
            request.trace.add("csrf", "CSRFCheck", "fail",
                              "The session of " + user.username + " is only trusted with a CSRF token on " + request.http.method +
                                  ", and " + check.last_check + ": PermissionDenied(\"" + message + "\").",
                              {{"detail", message}, {"checked", check.last_check}});
            request.fail(permission_denied_error(message), "authentication", std::string(component),
                         "The session is " + user.username + "'s but the CSRF check failed.", {{"detail", message}});
        }
        request.trace.add("csrf", "CSRFCheck", "pass", "CSRF check passed: " + check.last_check + ".",
                          {{"checked", check.last_check}});
    }
};

}  // namespace

std::unique_ptr<Authenticator> make_session_authentication() { return std::make_unique<SessionAuthentication>(); }

}  // namespace authlab::drf
