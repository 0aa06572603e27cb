#pragma once
// DRF's permission classes and its composition with &, |, ~ (DRF 3.14's OperandHolder
// semantics, including has_object_permission), built from one expression string such as
// "IsAdminUser | IsInGroup:Manager".
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drf/request_context.hpp"

namespace authlab::drf {

class Permission {
public:
    virtual ~Permission() = default;
    virtual std::string describe() const = 0;  // the expression it came from, normalised
    // Both record what they checked in request.trace.
    virtual bool has_permission(RequestContext& request) const = 0;
    virtual bool has_object_permission(RequestContext& request) const = 0;
};

struct PermissionParse {
    std::unique_ptr<Permission> permission;  // null on error
    std::string error;                       // e.g. "unexpected ')' at column 14"
};

PermissionParse parse_permission(std::string_view expression);
const std::vector<std::string>& permission_class_names();  // "IsInGroup" takes ":<name>"

}  // namespace authlab::drf
