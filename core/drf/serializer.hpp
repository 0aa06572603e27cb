#pragma once
// DRF's Serializer.is_valid over request.data (rest_framework/serializers.py): the data must be
// a dict (or a form's QueryDict), every writable field is validated in order, and every failing
// field is reported at once as {"field": ["message", …]}.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "drf/fields.hpp"

namespace authlab::drf {

struct Validated {
    nlohmann::ordered_json errors = nlohmann::ordered_json::object();  // serializer.errors
    std::vector<std::pair<std::string, pyjson::Value>> data;            // serializer.validated_data

    bool valid() const { return errors.empty(); }
    const pyjson::Value* get(const std::string& name) const;
};

class Serializer {
public:
    // validate_method is the serializer's validate_<field name>, run on the field's native value.
    Serializer& add(std::unique_ptr<Field> field, Validator validate_method = nullptr);
    Validated is_valid(const RequestData& data, bool partial = false) const;
    // serializer.fields, in declaration order, read-only ones too.
    std::vector<const Field*> fields() const;

private:
    std::vector<std::pair<std::unique_ptr<Field>, Validator>> fields_;
};

// A view's serializer.is_valid(raise_exception=True) on request.data, recording a handler trace
// step that names the failing fields.
Validated validate_request(RequestContext& request, const Serializer& serializer, const std::string& view,
                           bool partial = false);

}  // namespace authlab::drf
