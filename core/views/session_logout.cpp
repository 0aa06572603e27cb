// Django 3.2's LogoutView (django/contrib/auth/views.py) as rest_framework.urls mounts it at
// /api-auth/logout/: a plain Django view, so CsrfViewMiddleware checks every unsafe method
// first. dispatch (wrapped in never_cache) logs out before it looks at the method, then
// redirects to `next` when one is given, else renders registration/logged_out.html.
#include "django/csrf.hpp"
#include "django/middleware.hpp"
#include "django/pages.hpp"
#include "django/redirects.hpp"
#include "django/sessions.hpp"
#include "drf/auth_classes.hpp"
#include "views/django_request.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {

constexpr std::string_view logout_path = "/api-auth/logout/";  // request.path (decoded)
constexpr std::string_view allow = "GET, POST, HEAD, OPTIONS";  // TemplateView's get, LogoutView's post

// registration/logged_out.html with its context: title "Logged out".
std::string logged_out_page() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Logged out</title></head>\n<body>\n<h1>Logged out</h1>\n"
           "<p>Thanks for spending some quality time with the Web site today.</p>\n</body>\n</html>\n";
}

class LogoutRequest {
public:
    explicit LogoutRequest(drf::RequestContext& request)
        : request_(request), csrf_(request.cookies(), request.random), forms_(request.http) {}

    http::Response run();

private:
    void logout();                            // django.contrib.auth.logout
    std::optional<std::string> next_page();   // LogoutView.get_next_page
    http::Response dispatch();
    http::Response finish(http::Response response, bool in_view, std::string kind, const std::string& sentence);

    drf::RequestContext& request_;
    django::CsrfMiddleware csrf_;
    DjangoRequest forms_;
};

// logout(): reads request.user (so the session), sends user_logged_out, flushes the session
// (its row is deleted; SessionMiddleware then deletes the client's cookie) and leaves
// request.user anonymous. Tokens and JWTs are untouched: they are not the session.
void LogoutRequest::logout() {
    const User* user = request_.session.get_user();
    const std::string who = user ? user->username : "";
    request_.session.flush();
    request_.trace.add("handler", "LogoutView", "pass",
                       user ? "logout() flushes " + who + "'s session: the row is deleted and the sessionid cookie with it."
                            : "logout() flushes the session; it held no user, so nobody is logged out.",
                       {{"user", user ? nlohmann::ordered_json(who) : nlohmann::ordered_json(nullptr)}});
}

// `next` from POST, else GET; a target off this host (or empty) becomes request.path.
std::optional<std::string> LogoutRequest::next_page() {
    std::optional<std::string> target = forms_.post().get("next");
    if (!target) target = forms_.get().get("next");
    if (!target) return std::nullopt;
    if (!django::url_has_allowed_host_and_scheme(*target, {forms_.host()})) {
        request_.trace.add("handler", "LogoutView", "info",
                           "next=" + drf::trace_text(*target) + " is not a URL on this host: the redirect goes to " +
                               std::string(logout_path) + " instead.");
        return std::string(logout_path);
    }
    return target;
}

http::Response LogoutRequest::dispatch() {
    logout();
    http::Response response;
    response.headers.add("Content-Type", "text/html; charset=utf-8");
    if (std::optional<std::string> next = next_page()) {
        response.status = 302;
        response.headers.add("Location", django::iri_to_uri(*next));
        return finish(std::move(response), true, "redirect", "302: logged out, and sent on to " + drf::trace_text(*next) + ".");
    }
    const std::string& method = request_.http.method;
    if (method == "GET" || method == "HEAD" || method == "POST") {
        response.body = logged_out_page();
        return finish(std::move(response), true, "success", "200: Django's \"Logged out\" page; the session is over.");
    }
    response.headers.add("Allow", std::string(allow));
    if (method == "OPTIONS") {
        response.headers.add("Content-Length", "0");
        return finish(std::move(response), true, "success", "200: the methods LogoutView answers (the logout happened anyway).");
    }
    response.status = 405;  // http_method_not_allowed, after the logout
    return finish(std::move(response), true, "method_not_allowed",
                  "405: LogoutView answers GET and POST only, but dispatch has already logged out.");
}

http::Response LogoutRequest::finish(http::Response response, bool in_view, std::string kind, const std::string& sentence) {
    if (in_view) add_never_cache_headers(response, request_.now);
    if (std::optional<http::SetCookie> cookie = csrf_.process_response(request_.now)) {
        response.cookies.push_back(std::move(*cookie));
        django::patch_vary(response, "Cookie");
    }
    request_.trace.conclude(response.status, std::move(kind), sentence);
    return response;
}

http::Response LogoutRequest::run() {
    const std::string& method = request_.http.method;
    csrf_.process_request();
    std::optional<std::string> reason;
    try {
        reason = csrf_.process_view(method, request_.http.headers.get("X-CSRFToken"),
                                    [&] { return forms_.post().get("csrfmiddlewaretoken").value_or(""); });
    } catch (const BadRequest& bad) {
        if (bad.suspicious) request_.session.get_user();
        request_.trace.add("csrf", "CsrfViewMiddleware", "fail", "Reading the form for its csrfmiddlewaretoken fails: " + bad.why + ".");
        return finish(django::bad_request_page(), false, "bad_request", "400: Django cannot read the body (" + bad.why + ").");
    }
    if (reason) {
        request_.trace.add("csrf", "CsrfViewMiddleware", "fail",
                           method + " to a Django view needs a CSRF token, and " + csrf_.last_check + ": 403.",
                           {{"reason", *reason}, {"checked", csrf_.last_check}});
        return finish(django::csrf_failure_page(*reason), false, "csrf_failed",
                      "403: CsrfViewMiddleware refuses the " + method + " (\"" + *reason +
                          "\") before LogoutView runs: the session stays.");
    }
    request_.trace.add("csrf", "CsrfViewMiddleware", "pass", "CSRF check passed: " + csrf_.last_check + ".",
                       {{"checked", csrf_.last_check}});
    try {
        return dispatch();
    } catch (const BadRequest& bad) {  // request.POST read for `next` on a body it cannot parse
        if (bad.suspicious) request_.session.get_user();
        request_.trace.add("handler", "LogoutView", "fail", "Reading the form for next fails: " + bad.why + ".");
        return finish(django::bad_request_page(), false, "bad_request", "400: Django cannot read the body (" + bad.why + ").");
    }
}

}  // namespace

http::Response session_logout(drf::RequestContext& request, const drf::PathArgs&) { return LogoutRequest(request).run(); }

}  // namespace authlab::views
