#include "django/query_dict.hpp"

#include <algorithm>

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

std::optional<QueryDict> parse_query_dict(std::string_view bytes, const python::FoundCodec& encoding) {
    if (bytes.empty()) return QueryDict();
    const python::Codec codec = python::modelled(encoding);
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

}  // namespace authlab::django
