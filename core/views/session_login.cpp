// Django 3.2's LoginView (django/contrib/auth/views.py) as rest_framework.urls mounts it at
// /api-auth/login/, inside the middleware that matters to it: SessionMiddleware,
// CsrfViewMiddleware (this view is not csrf_exempt) and the never_cache and csrf_protect
// decorators; the form is AuthenticationForm.
#include <optional>
#include <set>

#include "backends/model_backend.hpp"
#include "django/csrf.hpp"
#include "django/middleware.hpp"
#include "django/pages.hpp"
#include "django/query_dict.hpp"
#include "django/redirects.hpp"
#include "django/sessions.hpp"
#include "drf/auth_classes.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"
#include "unicode/nfkc.hpp"
#include "views/django_request.hpp"
#include "views/login_page.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {


constexpr std::string_view login_redirect_url = "/accounts/profile/";  // settings.LOGIN_REDIRECT_URL
constexpr std::string_view invalid_login =
    "Please enter a correct username and password. Note that both fields may be case-sensitive.";

class LoginRequest {
public:
    explicit LoginRequest(drf::RequestContext& request)
        : request_(request),
          session_(request.session),
          csrf_(request.cookies(), request.random),
          forms_(request.http) {}

    http::Response run();

private:
    const django::QueryDict& post() { return forms_.post(); }  // request.POST; throws BadRequest
    std::string redirect_url();       // get_redirect_url()
    http::Response render(LoginPage page);
    http::Response post_form();
    http::Response finish(http::Response response, bool in_view);
    http::Response conclude(http::Response response, std::string kind, const std::string& sentence);

    drf::RequestContext& request_;
    django::SessionStore& session_;
    django::CsrfMiddleware csrf_;
    DjangoRequest forms_;
};

std::string LoginRequest::redirect_url() {
    // POST's next, else GET's; kept only when it stays on this host (request.get_host()).
    const std::optional<std::string> posted = post().get("next");
    const std::string target = posted ? *posted : forms_.get().get("next").value_or("");
    return django::url_has_allowed_host_and_scheme(target, {forms_.host()}) ? target : "";
}

http::Response LoginRequest::render(LoginPage page) {
    page.csrf_token = csrf_.get_token();
    page.next = redirect_url();
    http::Response response;
    response.body = render_login_page(page);
    response.headers.add("Content-Type", "text/html; charset=utf-8");
    return response;
}

// ProcessFormView.post: AuthenticationForm(request, data=request.POST), then form_valid or
// form_invalid. PUT lands here too, with the empty POST Django gives any other method.
http::Response LoginRequest::post_form() {
    const django::QueryDict& data = post();
    LoginPage page;
    page.username_value = data.get("username").value_or("");
    const auto not_empty = [](const std::optional<std::string>& v) { return v && !v->empty(); };

    // UsernameField: str.strip(), then NFKC; CharField(strip=False) for the password.
    std::optional<std::string> username = data.get("username");
    if (username) username = unicode::nfkc(python::encode(python::strip(python::decode(*username))));
    const std::optional<std::string> password = data.get("password");
    const auto clean = [&](const std::optional<std::string>& value, std::vector<std::string>& errors) {
        if (!not_empty(value)) errors.push_back("This field is required.");
        else if (value->find('\0') != std::string::npos) errors.push_back("Null characters are not allowed.");
        return errors.empty();
    };
    const bool username_ok = clean(username, page.username_errors);
    const bool password_ok = clean(password, page.password_errors);

    // AuthenticationForm.clean: authenticate only with both fields clean.
    if (username_ok && password_ok) {
        const auth::LoginResult result = auth::authenticate(request_.world, request_.passwords, username, password);
        if (result.user) {
            // login(): the session is kept, flushed or given a new key; the CSRF token rotates.
            session_.login(*result.user);
            csrf_.rotate_token();
            std::string location = redirect_url();
            if (location.empty()) location = login_redirect_url;
            request_.trace.add("handler", "LoginView", "pass",
                               result.user->username + "'s credentials are right: login() stores the user in the session, "
                               "rotates the CSRF token and redirects.",
                               {{"user", result.user->username}, {"location", drf::trace_text(location)}});
            http::Response response;
            response.status = 302;
            response.headers.add("Content-Type", "text/html; charset=utf-8");
            response.headers.add("Location", django::iri_to_uri(location));
            return conclude(finish(std::move(response), true), "redirect",
                            "302: " + result.user->username + " is logged in (sessionid cookie) and sent on to " +
                                drf::trace_text(location) + ".");
        }
        page.non_field_errors.push_back(std::string(invalid_login));
        request_.trace.add("handler", "AuthenticationForm", "fail",
                           "authenticate() refuses '" + drf::trace_text(*username) + "' (unknown user, wrong password or "
                           "inactive user: one message for all).");
    } else {
        request_.trace.add("handler", "AuthenticationForm", "fail", "The form is incomplete, so nobody is authenticated.",
                           {{"username", page.username_errors}, {"password", page.password_errors}});
    }
    return conclude(finish(render(std::move(page)), true), "form_invalid",
                    "200: the login form comes back with its errors; nobody is logged in.");
}

// The response on its way out of the view and CsrfViewMiddleware: never_cache, then the
// csrftoken cookie (csrf_protect's process_response). The rest of the middleware follows in
// Backend::handle.
http::Response LoginRequest::finish(http::Response response, bool in_view) {
    if (in_view) add_never_cache_headers(response, request_.now);
    if (std::optional<http::SetCookie> cookie = csrf_.process_response(request_.now)) {
        response.cookies.push_back(std::move(*cookie));
        django::patch_vary(response, "Cookie");
    }
    return response;
}

http::Response LoginRequest::conclude(http::Response response, std::string kind, const std::string& sentence) {
    request_.trace.conclude(response.status, std::move(kind), sentence);
    return response;
}

http::Response LoginRequest::run() {
    const std::string& method = request_.http.method;
    csrf_.process_request();
    std::optional<std::string> reason;
    try {
        reason = csrf_.process_view(method, request_.http.headers.get("X-CSRFToken"),
                                    [&] { return post().get("csrfmiddlewaretoken").value_or(""); });
    } catch (const BadRequest& bad) {
        if (bad.suspicious) session_.get_user();
        request_.trace.add("csrf", "CsrfViewMiddleware", "fail", "Reading the form for its csrfmiddlewaretoken fails: " + bad.why + ".");
        http::Response response = django::bad_request_page();
        return conclude(finish(std::move(response), false), "bad_request", "400: Django cannot read the body (" + bad.why + ").");
    }
    if (reason) {
        request_.trace.add("csrf", "CsrfViewMiddleware", "fail",
                           method + " to a Django view needs a CSRF token, and " + csrf_.last_check + ": 403.",
                           {{"reason", *reason}, {"checked", csrf_.last_check}});
        return conclude(finish(django::csrf_failure_page(*reason), false), "csrf_failed",
                        "403: CsrfViewMiddleware refuses the " + method + " (\"" + *reason + "\"), before LoginView runs.");
    }
    request_.trace.add("csrf", "CsrfViewMiddleware", "pass", "CSRF check passed: " + csrf_.last_check + ".",
                       {{"checked", csrf_.last_check}});

    if (method == "GET" || method == "HEAD") {
        request_.trace.add("handler", "LoginView", "pass", "LoginView renders the login form, with a fresh masked CSRF token.");
        return conclude(finish(render({}), true), "success", "200: the login form, and a csrftoken cookie to post it with.");
    }
    if (method == "POST" || method == "PUT") return post_form();
    http::Response response;
    response.headers.add("Content-Type", "text/html; charset=utf-8");
    response.headers.add("Allow", "GET, POST, PUT, HEAD, OPTIONS");
    if (method == "OPTIONS") {
        response.headers.add("Content-Length", "0");
        return conclude(finish(std::move(response), true), "success", "200: the methods LoginView answers.");
    }
    response.status = 405;  // http_method_not_allowed
    request_.trace.add("handler", "LoginView", "fail", "LoginView has no " + method + " handler.");
    return conclude(finish(std::move(response), true), "method_not_allowed", "405: LoginView answers GET, POST and PUT only.");
}

}  // namespace

http::Response session_login(drf::RequestContext& request, const drf::PathArgs&) { return LoginRequest(request).run(); }

}  // namespace authlab::views
