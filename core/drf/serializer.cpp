#include "drf/serializer.hpp"

#include "drf/errors.hpp"

namespace authlab::drf {

using Kind = pyjson::Value::Kind;

const pyjson::Value* Validated::get(const std::string& name) const {
    for (const auto& [key, value] : data) {
        if (key == name) return &value;
    }
    return nullptr;
}

Serializer& Serializer::add(std::unique_ptr<Field> field, Validator validate_method) {
    fields_.emplace_back(std::move(field), std::move(validate_method));
    return *this;
}

Validated Serializer::is_valid(const RequestData& data, bool partial) const {
    Validated result;
    // The serializer is a required, non-null field itself; the errors property rewords its
    // "may not be null" for a missing body.
    if (data.value.is(Kind::None)) {
        result.errors["non_field_errors"] = {"No data provided"};
        return result;
    }
    if (!data.value.is(Kind::Dict)) {
        result.errors["non_field_errors"] = {"Invalid data. Expected a dictionary, but got " + data.value.type_name() + "."};
        return result;
    }
    for (const auto& [field, validate_method] : fields_) {
        if (field->read_only) continue;  // _writable_fields
        try {
            // get_value on a form: a key whose last value is an uploaded file hands over the file.
            const std::string* file = data.html_input ? data.file(field->name) : nullptr;
            std::optional<pyjson::Value> value =
                file ? field->run_file_validation(*file) : field->run_validation(field->get_value(data, partial), partial);
            if (!value) continue;  // SkipField
            if (validate_method) {
                if (std::optional<std::string> message = validate_method(*value)) throw FieldError{{std::move(*message)}};
            }
            result.data.emplace_back(field->name, std::move(*value));
        } catch (const FieldError& error) {
            result.errors[field->name] = error.messages;
        }
    }
    if (!result.valid()) result.data.clear();
    return result;
}

std::vector<const Field*> Serializer::fields() const {
    std::vector<const Field*> out;
    for (const auto& [field, validate_method] : fields_) out.push_back(field.get());
    return out;
}

Validated validate_request(RequestContext& request, const Serializer& serializer, const std::string& view, bool partial) {
    const RequestData& data = request.data();
    Validated result = serializer.is_valid(data, partial);
    if (!result.valid()) {
        std::string fields;
        for (const auto& [field, messages] : result.errors.items()) fields += (fields.empty() ? "" : ", ") + field;
        request.fail(validation_error(result.errors), "handler", view, "validation failed: " + fields + ".", {{"errors", result.errors}});
    }
    return result;
}

}  // namespace authlab::drf
