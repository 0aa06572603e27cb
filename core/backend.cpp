#include "backend.hpp"

#include <optional>

#include "django/handler_errors.hpp"
#include "django/middleware.hpp"
#include "django/pages.hpp"
#include "django/redirects.hpp"
#include "django/unquote.hpp"
#include "drf/request_context.hpp"
#include "http/limits.hpp"
#include "routes.hpp"

namespace authlab {
namespace {

// The view's response, before the middleware's headers; `frame_options` is cleared for the
// APPEND_SLASH redirect.
http::Response route_and_run(drf::RequestContext& context, const std::string& path, bool& frame_options) {
    std::optional<RouteMatch> match = resolve(path);
    if (!match) {
        // CommonMiddleware's APPEND_SLASH: redirect when only the slash is missing.
        if (!path.ends_with('/') && resolve(path + "/")) {
            std::string location = django::get_full_path_with_slash(path, context.http.query);
            context.trace.add("route", "CommonMiddleware", "info", "No URL pattern matches " + path +
                              ", but one matches with a trailing slash: APPEND_SLASH redirects (301).");
            context.trace.conclude(301, "redirect", "301: Django's APPEND_SLASH sends the client to " + location + ".");
            frame_options = false;
            return django::append_slash_redirect(location);
        }
        context.trace.add("route", "URLconf", "fail", "No URL pattern matches " + path + ".");
        context.trace.conclude(404, "no_route", "404: no view is mounted at " + path + " (Django's own page, not DRF's).");
        return django::not_found_page();
    }
    if (const auto* view = std::get_if<drf::ApiView>(&match->route->view)) {
        context.trace.add("route", view->name, "pass", path + " is served by " + view->name + ".",
                          {{"pattern", match->route->pattern}, {"args", match->args}});
        return drf::dispatch(*view, context, match->args);
    }
    const auto& django_view = std::get<views::DjangoView>(match->route->view);
    context.trace.add("route", django_view.name, "pass", path + " is served by Django's " + django_view.name + " (not a DRF view).",
                      {{"pattern", match->route->pattern}});
    return django_view.run(context, match->args);
}

}  // namespace

Backend::Backend(World world, const Clock& clock, crypto::RandomSource& random)
    : world_(std::move(world)), clock_(clock), random_(random) {}

std::string Backend::advance(Micros by) {
    if (by < 0 || by > max_clock_step) return "the clock moves forward by 0 seconds to a century at a time";
    if (std::string problem = virtual_time_problem(clock_.now(), world_.clock_offset + by); !problem.empty()) return problem;
    world_.clock_offset += by;
    return "";
}

Exchange Backend::handle(const http::Request& request, const std::optional<drf::ForcedAuthentication>& forced) {
    if (auto refusal = http::request_limit_refusal(request)) {  // the front server's bounds: Django never sees it
        drf::Trace trace;
        trace.add("request", "RequestLimits", "fail", "The request is too large: " + refusal->message + ".");
        trace.conclude(refusal->status, "request_too_large",
                       std::to_string(refusal->status) + ": refused before Django: " + refusal->message + ".");
        return {http::limit_response(*refusal), std::move(trace).to_json()};
    }
    auth::Passwords hasher = passwords();
    drf::RequestContext context(world_, request, now(), random_, hasher, &cache_);
    context.forced = forced;
    http::Response response;
    std::optional<World> before;  // restored if we fail half-way, so state is never corrupted
    if (atomic_requests_) before = world_;
    std::optional<django::Cache> cache_before;  // only to undo a change the world check refuses
    if (world_check_ && before) cache_before = cache_;
    bool frame_options = true;
    try {
        // The WSGI server hands Django a percent-decoded PATH_INFO.
        response = route_and_run(context, django::unquote_to_bytes(request.path), frame_options);
    } catch (const django::UncaughtException& error) {
        context.trace.add("response", "Django", "error", std::string("The view raises, and nothing catches it: ") + error.what());
        context.trace.conclude(500, "server_error", std::string("500: Django's own error page (") + error.what() + ").");
        response = django::server_error_page();
    } catch (const django::HandlerFailure& error) {
        context.trace.add("response", "Django", "error",
                          std::string("The view raises ") + error.what() + ", and so does Django's own 500 page: the exception leaves Django.");
        context.trace.conclude(500, "server_error", "500: the WSGI server's own error page; Django answered nothing.");
        return {django::wsgi_server_error_page(), std::move(context.trace).to_json()};
    } catch (const std::exception& error) {
        // A fault of ours, not of the request: answer like Django would (500), keep the world.
        if (before) world_ = std::move(*before);
        context.trace.add("response", "Backend", "error", std::string("Internal error: ") + error.what());
        context.trace.conclude(500, "server_error", std::string("500: the backend failed: ") + error.what());
        response = django::server_error_page();
    }
    django::process_response(response, context.session, frame_options);  // saves the session into the world
    if (cache_before && (world_ != *before || cache_ != *cache_before)) {
        if (std::string problem = world_check_(world_, cache_); !problem.empty()) {
            world_ = std::move(*before);
            cache_ = std::move(*cache_before);
            context.trace.add("response", "AuthLab", "fail",
                              "The simulator undid this request: its world file could not hold the result (" + problem +
                                  "). Django itself has no such limit.");
            context.trace.conclude(http::simulator_storage_status, "simulator_limit",
                                   std::to_string(http::simulator_storage_status) +
                                       ": a limit of AuthLab's simulator, not Django's answer: the world is full (" + problem + ").");
            response = http::simulator_limit_response(problem);
        }
    }
    // The server sends no body for HEAD, whatever the status; Content-Length stays GET's.
    if (request.method == "HEAD") response.body.clear();
    return {std::move(response), std::move(context.trace).to_json()};
}

}  // namespace authlab
