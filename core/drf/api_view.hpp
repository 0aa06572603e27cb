#pragma once
// DRF's APIView.dispatch: initial (content negotiation, perform_authentication,
// check_permissions, check_throttles), then the handler, with handle_exception's 401-versus-403
// rule and finalize_response's headers.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "drf/request_context.hpp"
#include "drf/serializer.hpp"

namespace authlab::drf {

// What a handler answers: DRF's Response(data, status). A null body is an empty one (204).
struct Reply {
    int status = 200;
    nlohmann::ordered_json body;
};

// Path arguments from the URL pattern, e.g. the "<pk>" of /api/books/<pk>/.
using PathArgs = std::vector<std::string>;
using Handler = std::function<Reply(RequestContext&, const PathArgs&)>;

struct ApiView {
    std::string name;  // the class, for the trace: "BookViewSet"
    // Which policies.views entry sets its authentication and permission classes; "" for views
    // whose classes are fixed (djoser's, simplejwt's).
    std::string policy;
    std::vector<std::string> fixed_permissions;  // used when policy is ""
    // A ViewSet's get_permissions by action: these methods use their own classes instead.
    std::map<std::string, std::vector<std::string>> method_permissions;
    // djoser's HIDE_USERS: for these methods an authenticated user who is refused gets 404.
    std::set<std::string> not_found_when_refused;
    bool without_authenticators = false;         // simplejwt's views: authentication_classes = ()
    std::optional<std::string> challenge;        // simplejwt's views always answer Bearer realm="api"
    std::string model;                           // the queryset's model for DjangoModelPermissions
    std::map<std::string, Handler> handlers;     // by method: "GET", "POST", …
    std::string allow;                           // the Allow header: "GET, POST, HEAD, OPTIONS"

    // What OPTIONS describes (SimpleMetadata). get_view_description: the class docstring,
    // dedented. get_view_name: a ViewSet route's `name` (an extra action's, "Set password"),
    // else words from `name` and the route's `suffix` ("List", "Instance").
    std::string description;
    std::string view_name;
    std::string suffix;
    // GenericAPIView.get_serializer(), as SimpleMetadata calls it; unset for a plain APIView.
    std::function<Serializer(RequestContext&)> get_serializer;
    // GenericAPIView.get_object() with check_object_permissions, which SimpleMetadata asks
    // before offering PUT; unset where the view has no detail route.
    std::function<void(RequestContext&, const PathArgs&)> get_object;
};

// APIView.permission_denied: with authenticators and none that succeeded, NotAuthenticated;
// otherwise PermissionDenied with DRF's default message (no class the bookshop can name sets
// a `message` of its own).
[[noreturn]] void permission_denied(const RequestContext& request);

// Runs the view; never throws for anything a request can contain.
http::Response dispatch(const ApiView& view, RequestContext& request, const PathArgs& args);

// Renders a JSON body as DRF's JSONRenderer does: compact (or indented), UTF-8, with U+2028
// and U+2029 escaped.
std::string render_json(const nlohmann::ordered_json& body, std::optional<int> indent = std::nullopt);

}  // namespace authlab::drf
