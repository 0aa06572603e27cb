#include "drf/metadata.hpp"

#include <cctype>

#include "drf/errors.hpp"
#include "drf/permissions.hpp"

namespace authlab::drf {
namespace {

// SimpleMetadata.label_lookup, a ClassLookupDict: the most derived class that has an entry.
std::string label_lookup(const Field& field) {
    if (dynamic_cast<const EmailField*>(&field)) return "email";
    if (dynamic_cast<const CharField*>(&field)) return "string";
    if (dynamic_cast<const IntegerField*>(&field)) return "integer";
    if (dynamic_cast<const DecimalField*>(&field)) return "decimal";
    return "field";  // serializers.Field, which RelatedField is
}

// formatting.camelcase_to_spaces: a space before each capital that ends a lower-case run or
// starts a word, then str.title().
std::string camelcase_to_spaces(const std::string& name) {
    auto upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
    auto lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
    std::string spaced;
    for (std::size_t i = 0; i < name.size(); ++i) {
        bool boundary = upper(name[i]) && ((i > 0 && lower(name[i - 1])) || (i + 1 < name.size() && !upper(name[i + 1])));
        if (boundary) spaced += ' ';
        spaced += name[i] == '_' ? ' ' : name[i];
    }
    std::string titled;
    bool in_word = false;
    for (char c : spaced) {
        bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
        titled += static_cast<char>(letter ? (in_word ? std::tolower(static_cast<unsigned char>(c)) : std::toupper(static_cast<unsigned char>(c))) : c);
        in_word = letter;
    }
    std::size_t first = titled.find_first_not_of(' '), last = titled.find_last_not_of(' ');
    return first == std::string::npos ? "" : titled.substr(first, last - first + 1);
}

std::string remove_trailing_string(std::string content, const std::string& trailing) {
    if (content.ends_with(trailing) && content != trailing) content.resize(content.size() - trailing.size());
    return content;
}

// view.allowed_methods, from the Allow header the view answers with.
bool allows(const ApiView& view, const std::string& method) {
    std::string allow = ", " + view.allow + ",";
    return allow.find(" " + method + ",") != std::string::npos;
}

// clone_request(request, method) for the length of one question.
class ClonedMethod {
public:
    ClonedMethod(RequestContext& request, std::string method) : request_(request), original_(request.method) {
        request_.method = std::move(method);
    }
    ~ClonedMethod() { request_.method = original_; }
    ClonedMethod(const ClonedMethod&) = delete;
    ClonedMethod& operator=(const ClonedMethod&) = delete;

private:
    RequestContext& request_;
    std::string original_;
};

}  // namespace

std::string get_view_name(const ApiView& view) {
    if (!view.view_name.empty()) return view.view_name;
    std::string name = camelcase_to_spaces(remove_trailing_string(remove_trailing_string(view.name, "View"), "ViewSet"));
    return view.suffix.empty() ? name : name + " " + view.suffix;
}

nlohmann::ordered_json SimpleMetadata::determine_metadata(RequestContext& request, const ApiView& view, const PathArgs& args) const {
    nlohmann::ordered_json metadata;
    metadata["name"] = get_view_name(view);
    metadata["description"] = view.description;  // get_view_description: the class docstring, dedented
    // DEFAULT_RENDERER_CLASSES and DEFAULT_PARSER_CLASSES, which no view of the project changes.
    metadata["renders"] = {"application/json", "text/html"};
    metadata["parses"] = {"application/json", "application/x-www-form-urlencoded", "multipart/form-data"};
    if (view.get_serializer) {
        nlohmann::ordered_json actions = determine_actions(request, view, args);
        if (!actions.empty()) metadata["actions"] = std::move(actions);
    }
    return metadata;
}

nlohmann::ordered_json SimpleMetadata::determine_actions(RequestContext& request, const ApiView& view, const PathArgs& args) const {
    nlohmann::ordered_json actions = nlohmann::ordered_json::object();
    // {'PUT', 'POST'} & set(view.allowed_methods): no view of the project allows both.
    for (const std::string method : {"PUT", "POST"}) {
        if (!allows(view, method)) continue;
        request.trace.add("handler", "SimpleMetadata", "info",
                          "SimpleMetadata asks the permission classes as if the request were a " + method + ".", {{"method", method}});
        try {
            ClonedMethod cloned(request, method);
            if (request.permissions) {
                for (const auto& permission : *request.permissions) {
                    if (!permission->has_permission(request)) permission_denied(request);
                }
            }
            if (method == "PUT" && view.get_object) view.get_object(request, args);
        } catch (const ApiError&) {
            request.trace.add("handler", "SimpleMetadata", "info", method + " is refused, so the answer leaves it out of \"actions\".",
                              {{"method", method}});
            continue;
        }
        actions[method] = get_serializer_info(view.get_serializer(request));
        request.trace.add("handler", "SimpleMetadata", "pass", method + " would be allowed: \"actions\" describes its fields.",
                          {{"method", method}});
    }
    return actions;
}

nlohmann::ordered_json SimpleMetadata::get_serializer_info(const Serializer& serializer) const {
    nlohmann::ordered_json info = nlohmann::ordered_json::object();
    for (const Field* field : serializer.fields()) info[field->name] = get_field_info(*field);
    return info;
}

// Each attribute that is set and not '' (getattr(field, attr, None)); no field of the project
// has choices or children.
nlohmann::ordered_json SimpleMetadata::get_field_info(const Field& field) const {
    nlohmann::ordered_json info;
    info["type"] = label_lookup(field);
    info["required"] = field.required;
    info["read_only"] = field.read_only;
    if (!field.label.empty()) info["label"] = field.label;
    if (!field.help_text.empty()) info["help_text"] = field.help_text;
    if (field.max_length) info["max_length"] = *field.max_length;
    if (field.min_value) info["min_value"] = *field.min_value;
    if (field.max_value) info["max_value"] = *field.max_value;
    return info;
}

}  // namespace authlab::drf
