#include "drf/negotiation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "django/query_dict.hpp"
#include "drf/errors.hpp"

namespace authlab::drf {
namespace {

std::string trim(std::string_view s) {
    std::size_t start = s.find_first_not_of(" \t");
    if (start == std::string_view::npos) return "";
    return std::string(s.substr(start, s.find_last_not_of(" \t") - start + 1));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// rest_framework.utils.mediatypes._MediaType over Django's parse_header: the type in lower
// case, then name=value parameters (names in lower case, quotes removed), in order.
struct MediaType {
    std::string text;  // as the client wrote it, stripped
    std::string main_type, sub_type;
    std::vector<std::pair<std::string, std::string>> params;

    explicit MediaType(std::string_view written) : text(trim(written)) {
        std::size_t semicolon = text.find(';');
        std::string full = lower(trim(std::string_view(text).substr(0, semicolon)));
        std::size_t slash = full.find('/');
        main_type = full.substr(0, slash);
        sub_type = slash == std::string::npos ? "" : full.substr(slash + 1);
        while (semicolon != std::string::npos) {
            std::size_t next = text.find(';', semicolon + 1);
            std::string param = text.substr(semicolon + 1, next == std::string::npos ? std::string::npos : next - semicolon - 1);
            if (std::size_t eq = param.find('='); eq != std::string::npos) {
                std::string value = trim(std::string_view(param).substr(eq + 1));
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
                params.emplace_back(lower(trim(std::string_view(param).substr(0, eq))), value);
            }
            semicolon = next;
        }
    }
    const std::string* param(const std::string& name) const {
        for (const auto& [key, value] : params) {
            if (key == name) return &value;
        }
        return nullptr;
    }
    // 3: type/subtype;params, 2: type/subtype (or with q only), 1: type/*, 0: */*
    int precedence() const {
        if (main_type == "*") return 0;
        if (sub_type == "*") return 1;
        bool only_q = std::all_of(params.begin(), params.end(), [](const auto& p) { return p.first == "q"; });
        return only_q ? 2 : 3;
    }
    // A renderer's type (no parameters) satisfies this accepted type.
    bool accepts(const MediaType& renderer) const {
        if (renderer.sub_type != "*" && sub_type != "*" && sub_type != renderer.sub_type) return false;
        return renderer.main_type == "*" || main_type == "*" || main_type == renderer.main_type;
    }
};

// JSONRenderer.get_indent: int(params['indent']) clamped to 0..8, and 0 means none.
std::optional<int> indent_of(const MediaType& accepted) {
    const std::string* indent = accepted.param("indent");
    if (!indent) return std::nullopt;
    std::string digits = trim(*indent);
    std::size_t start = !digits.empty() && (digits[0] == '-' || digits[0] == '+') ? 1 : 0;
    if (digits.size() == start || digits.size() > 12 ||
        !std::all_of(digits.begin() + static_cast<long>(start), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;  // int() fails: no indent
    long long value = std::stoll(digits);
    int clamped = static_cast<int>(std::clamp(value, 0LL, 8LL));
    return clamped == 0 ? std::nullopt : std::optional<int>(clamped);
}

}  // namespace

Accepted negotiate_renderer(const http::Request& request) {
    // URL_FORMAT_OVERRIDE: request.query_params.get('format') keeps the renderers of that
    // format (JSONRenderer's "json", the browsable API's "api"); none left is Http404. Reading
    // request.GET parses the whole query string, so too many fields end it here (400).
    const std::optional<django::QueryDict> query = django::parse_query_dict(request.query);
    if (!query) throw BadRequest("TooManyFieldsSent: The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
    std::vector<const char*> renderers = {"application/json", "text/html"};
    if (const std::optional<std::string> format = query->get("format"); format && !format->empty()) {
        std::erase_if(renderers, [&](const char* type) { return *format != (std::string_view(type) == "text/html" ? "api" : "json"); });
        if (renderers.empty()) throw not_found();
    }
    const std::string* header = request.headers.find("Accept");
    std::string accept = header ? *header : "*/*";
    std::array<std::vector<MediaType>, 4> by_precedence;  // highest first, as order_by_precedence
    for (std::size_t start = 0; start <= accept.size();) {
        std::size_t end = std::min(accept.find(',', start), accept.size());
        MediaType wanted(std::string_view(accept).substr(start, end - start));
        by_precedence[static_cast<std::size_t>(3 - wanted.precedence())].push_back(std::move(wanted));
        start = end + 1;
    }
    for (const auto& same_precedence : by_precedence) {
        for (const char* renderer : renderers) {
            const MediaType renderer_type(renderer);
            for (const MediaType& wanted : same_precedence) {
                if (!wanted.accepts(renderer_type)) continue;
                return Accepted{renderer, indent_of(wanted)};
            }
        }
    }
    throw not_acceptable();
}

}  // namespace authlab::drf
