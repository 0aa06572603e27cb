#include "django/query_dict.hpp"

#include <algorithm>
#include <cctype>

#include "django/unquote.hpp"
#include "python/codecs.hpp"

namespace authlab::django {
namespace {

std::string plus_to_space(std::string_view s) {
    std::string out(s);
    std::replace(out.begin(), out.end(), '+', ' ');
    return out;
}

}  // namespace

std::optional<std::string> QueryDict::get(std::string_view key) const {
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
        if (it->first == key) return it->second;
    }
    return std::nullopt;
}

std::optional<QueryDict> parse_query_dict(std::string_view bytes, std::string_view charset) {
    const python::Codec codec = python::codec_named(charset);
    std::optional<std::string> text = python::decode_strict(bytes, codec);
    if (!text) text = python::decode_strict(bytes, python::Codec::latin1);
    const std::string& qs = *text;
    if (!qs.empty() && 1 + static_cast<std::size_t>(std::count(qs.begin(), qs.end(), '&')) > data_upload_max_number_fields) {
        return std::nullopt;
    }
    std::vector<std::pair<std::string, std::string>> items;
    for (std::size_t start = 0; !qs.empty() && start <= qs.size();) {
        const std::size_t end = std::min(qs.find('&', start), qs.size());
        const std::string_view field = std::string_view(qs).substr(start, end - start);
        start = end + 1;
        if (field.empty()) continue;
        const std::size_t eq = field.find('=');
        const std::string_view name = field.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view() : field.substr(eq + 1);
        items.emplace_back(unquote(plus_to_space(name), codec), unquote(plus_to_space(value), codec));
    }
    return QueryDict(std::move(items));
}

std::string content_type_charset(std::string_view content_type) {
    // cgi.parse_header as Django 3.2 uses it: "; "-separated parameters, names lower-cased,
    // values unquoted.
    std::size_t at = content_type.find(';');
    while (at != std::string_view::npos) {
        std::size_t next = content_type.find(';', at + 1);
        std::string_view param = content_type.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
        const std::size_t eq = param.find('=');
        if (eq != std::string_view::npos) {
            std::string name;
            for (char c : param.substr(0, eq)) {
                if (c != ' ' && c != '\t') name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            std::string_view value = param.substr(eq + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            if (name == "charset") return std::string(value);
        }
        at = next;
    }
    return "";
}

}  // namespace authlab::django
