#include "drf/explain.hpp"

namespace authlab::drf {
namespace {

std::string who(const RequestContext& request) {
    return request.user ? request.user->username + " (authenticated by " + request.authenticator + ")" : "the anonymous user";
}

// The last permission step that failed, as recorded by the permission classes.
const TraceStep* refusing_permission(const Trace& trace) {
    for (auto it = trace.steps().rbegin(); it != trace.steps().rend(); ++it) {
        if ((it->stage == "permission" || it->stage == "object_permission") && it->result == "fail") return &*it;
    }
    return nullptr;
}

// The throttle that refused with the longest wait (the one the Retry-After comes from).
const TraceStep* refusing_throttle(const Trace& trace) {
    const TraceStep* found = nullptr;
    for (const TraceStep& step : trace.steps()) {
        if (step.stage != "throttle" || step.result != "fail") continue;
        const auto& wait = step.data.contains("wait") ? step.data["wait"] : nlohmann::ordered_json();
        if (!found || (wait.is_number() && (!found->data["wait"].is_number() || wait > found->data["wait"]))) found = &step;
    }
    return found;
}

// Whether authentication has run: the trace says who request.user is.
bool authenticated_yet(const Trace& trace) {
    for (const TraceStep& step : trace.steps()) {
        if (step.stage == "user") return true;
    }
    return false;
}

const TraceStep* failed_authenticator(const Trace& trace) {
    for (auto it = trace.steps().rbegin(); it != trace.steps().rend(); ++it) {
        if (it->stage == "authentication" && it->result == "fail") return &*it;
    }
    return nullptr;
}

std::string challenge_clause(const std::string& first, const std::optional<std::string>& challenge) {
    // simplejwt's token views have no authenticators and name their own challenge.
    if (challenge && first.empty()) return "the view answers with its own challenge, WWW-Authenticate: " + *challenge;
    if (challenge) return "the view's first authenticator, " + first + ", asks for credentials with WWW-Authenticate: " + *challenge;
    if (first.empty()) return "the view has no authenticator to send a WWW-Authenticate challenge";
    return "the view's first authenticator, " + first + ", has no WWW-Authenticate challenge, so DRF answers 403 instead of 401";
}

}  // namespace

void explain_success(RequestContext& request, const std::string& view, int status) {
    request.trace.conclude(status, "success",
                           std::to_string(status) + ": " + who(request) + " passed every permission check and " + view +
                               " answered.");
}

void explain_error(RequestContext& request, const std::string& view, const ApiError& error,
                   const std::string& first_authenticator, const std::optional<std::string>& challenge) {
    std::string status = std::to_string(error.status);
    std::string detail = error.body.contains("detail") && error.body["detail"].is_string()
                             ? error.body["detail"].get<std::string>() : error.body.dump();
    const TraceStep* permission = refusing_permission(request.trace);
    std::string refused_by = permission ? permission->component : "a permission class";
    std::string kind, sentence;
    switch (error.kind) {
        case ApiError::Kind::not_authenticated:
            kind = "not_authenticated";
            sentence = status + " because no credentials were sent (none that an authenticator recognised), " + refused_by +
                       " refused the anonymous user, and " + challenge_clause(first_authenticator, challenge) + ".";
            break;
        case ApiError::Kind::authentication_failed: {
            kind = "authentication_failed";
            const TraceStep* failed = failed_authenticator(request.trace);
            // No authenticator refused: the view itself did (simplejwt's token views check the
            // token or the password in the body).
            sentence = failed ? status + " because " + failed->component + " found credentials it could not accept (\"" +
                                    detail + "\"); later authenticators did not run, and " +
                                    challenge_clause(first_authenticator, challenge) + "."
                              : status + " because " + view + " refused what the body carried (\"" + detail +
                                    "\"): the view raised AuthenticationFailed itself, and " +
                                    challenge_clause(first_authenticator, challenge) + ".";
            break;
        }
        case ApiError::Kind::permission_denied:
            kind = "permission_denied";
            if (detail.starts_with("CSRF Failed")) {
                sentence = "403 because SessionAuthentication enforces CSRF on unsafe methods: \"" + detail +
                           "\". Send the csrftoken cookie's value in X-CSRFToken.";
            } else {
                // The class's summary starts with its own name, which the sentence has just said.
                std::string reason = permission ? permission->summary : "";
                if (reason.starts_with(refused_by + ": ")) reason.erase(0, refused_by.size() + 2);
                // Without authenticators DRF cannot ask who this is: the anonymous user gets 403.
                sentence = request.user ? "403 because " + who(request) + " is known, but " + refused_by + " refused" +
                                              (reason.empty() ? "." : ": " + reason)
                                        : "403 because the view has no authenticator, so DRF cannot ask who this is, and " +
                                              refused_by + " refused the anonymous user" + (reason.empty() ? "." : ": " + reason);
            }
            break;
        case ApiError::Kind::method_not_allowed:
            kind = "method_not_allowed";
            sentence = status + ": authentication and permissions passed, but " + view + " has no " + request.http.method +
                       " handler.";
            break;
        case ApiError::Kind::not_found:
            kind = "not_found";
            sentence = authenticated_yet(request.trace)
                           ? status + ": authentication and permissions passed, but the row does not exist."
                           : status + ": ?format= names no renderer of this view (DRF's URL_FORMAT_OVERRIDE raises Http404), "
                                      "before authentication.";
            break;
        case ApiError::Kind::not_acceptable:
            kind = "not_acceptable";
            sentence = status + ": no renderer satisfies the Accept header; DRF decides this before authentication.";
            break;
        case ApiError::Kind::throttled: {
            kind = "throttled";
            const TraceStep* throttle = refusing_throttle(request.trace);
            sentence = status + ": " + who(request) + " passed authentication and permissions, but " +
                       (throttle ? throttle->component + " refused: " + throttle->summary
                                 : std::string("a throttle refused.")) +
                       (error.wait ? " Retry-After says to wait " + std::to_string(*error.wait) + " s." : "");
            break;
        }
        case ApiError::Kind::unsupported_media_type:
        case ApiError::Kind::parse_error:
        case ApiError::Kind::validation_error:
            kind = error.kind == ApiError::Kind::validation_error ? "validation_error"
                   : error.kind == ApiError::Kind::parse_error      ? "parse_error"
                                                                    : "unsupported_media_type";
            sentence = status + ": " + who(request) + " got through, but " + view + " rejected the body: " + detail;
            break;
    }
    request.trace.add("response", view, "fail", sentence, {{"status", error.status}, {"body", error.body}});
    request.trace.conclude(error.status, kind, sentence);
}

}  // namespace authlab::drf
