#pragma once
// DRF's SimpleMetadata (rest_framework/metadata.py), the body of an OPTIONS answer: the view's
// name and description, the media types it renders and parses, and, for POST and PUT, the
// serializer's fields, offered only where the user passes the permission checks.
#include <string>

#include <nlohmann/json.hpp>

#include "drf/api_view.hpp"
#include "drf/serializer.hpp"

namespace authlab::drf {

class SimpleMetadata {
public:
    nlohmann::ordered_json determine_metadata(RequestContext& request, const ApiView& view, const PathArgs& args) const;
    // POST and PUT, each only when check_permissions (and, for PUT, get_object with its object
    // permissions) passes as if the request used that method; a refusal just leaves it out.
    nlohmann::ordered_json determine_actions(RequestContext& request, const ApiView& view, const PathArgs& args) const;
    nlohmann::ordered_json get_serializer_info(const Serializer& serializer) const;
    nlohmann::ordered_json get_field_info(const Field& field) const;
};

// APIView.get_view_name: a ViewSet route's own name, else the class name without "View" or
// "ViewSet", in words, and the route's suffix ("BookViewSet", "List" → "Book List").
std::string get_view_name(const ApiView& view);

}  // namespace authlab::drf
