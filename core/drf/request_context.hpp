#pragma once
// One request as DRF's Request sees it: the HTTP message, the world it acts on, what
// authentication concluded (request.user, request.auth), the body parsed on first use
// (request.data), cookies to send back, and the trace of every decision.
#include <map>
#include <utility>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/passwords.hpp"
#include "crypto/random.hpp"
#include "django/cache.hpp"
#include "django/sessions.hpp"
#include "drf/errors.hpp"
#include "drf/trace.hpp"
#include "http/message.hpp"
#include "pyjson/value.hpp"
#include "world/world.hpp"

namespace authlab::drf {

class Permission;
struct ApiView;

// request.data: a dict from JSON, or a QueryDict from a form (DRF's fields read those differently).
struct RequestData {
    pyjson::Value value;      // for a form: each key's last value, as QueryDict.get gives it
    bool html_input = false;  // parsed from a form (is_html_input)
    // request.FILES, which Request._load_data_and_files merges into request.data: each key whose
    // last value is an uploaded file, with that file's name (str(file)). `value` holds only the
    // form's fields (request.POST), which is all CSRF and Django's own views read.
    std::vector<std::pair<std::string, std::string>> files;

    const std::string* file(const std::string& key) const;
};

// DRF's force_authenticate (APIRequestFactory's), for replaying a request on a copy of the
// world to ask "what if…": the user the original request authenticated as, and by which class.
struct ForcedAuthentication {
    Id user = 0;
    std::string authenticator;
};

// The obj that get_object found and check_object_permissions hands to each class's
// has_object_permission(request, view, obj).
struct ViewObject {
    std::string model;        // "bookshop.order", "bookshop.book", "auth.user"
    Id id = 0;
    std::optional<Id> owner;  // an order's owner (Order.owner); nullopt for rows without one
};

class RequestContext {
    std::map<std::string, std::string> cookies_;  // first: request.session is opened from it
    django::Cache own_cache_;                     // used when the caller has no cache to share

public:
    // `cache` is the backend's (Django's default cache, where throttles keep their history);
    // without one the request has a cache of its own.
    RequestContext(World& world, const http::Request& http, Micros now, crypto::RandomSource& random,
                   const auth::Passwords& passwords, django::Cache* cache = nullptr);

    World& world;
    const http::Request& http;
    // request.method: the HTTP method, or the one clone_request gives a copy (SimpleMetadata
    // asks the permission classes "could this user POST?" while answering OPTIONS).
    std::string method;
    const Micros now;
    crypto::RandomSource& random;
    const auth::Passwords& passwords;
    django::Cache& cache;
    Trace trace;

    const std::map<std::string, std::string>& cookies() const { return cookies_; }  // request.COOKIES

    // Set by authentication.
    User* user = nullptr;                 // nullptr: AnonymousUser
    std::string authenticator;            // the class that succeeded; "" when none did
    nlohmann::ordered_json auth;          // request.auth: the token key, the JWT's claims, or null
    std::optional<ForcedAuthentication> forced;  // set: the authenticators do not run

    // request.data, parsed on first use; throws ParseError / UnsupportedMediaType as DRF does.
    const RequestData& data();

    // The view being dispatched (APIView's self) and its permission classes, so a detail
    // handler can run check_object_permissions once it has found its row (DRF's get_object).
    const ApiView* view = nullptr;
    const std::vector<std::unique_ptr<Permission>>* permissions = nullptr;
    bool has_authenticators = false;  // request.authenticators is not empty
    std::string view_model;  // "bookshop.book": the queryset's model, "" when the view has none
    std::optional<ViewObject> object;  // set by a detail view's get_object, before the check
    void check_object_permissions();

    // A step that ends the request: recorded in the trace as failed, then `error` is raised.
    [[noreturn]] void fail(ApiError error, std::string stage, std::string component, std::string summary,
                           nlohmann::ordered_json data = nlohmann::ordered_json::object());

    // request.session, which SessionMiddleware opened from the sessionid cookie and will close
    // on the way out (Backend::handle).
    django::SessionStore session;

private:
    std::optional<RequestData> data_;
};

}  // namespace authlab::drf
