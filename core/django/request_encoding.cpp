#include "django/request_encoding.hpp"

#include <vector>

#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::django {
namespace {

std::string strip(std::string_view text) { return python::encode(python::strip(python::decode(text))); }

// cgi._parseparam: the parts between ';' outside quotes (escaped quotes do not count), stripped.
std::vector<std::string> parse_params(std::string_view line) {
    std::vector<std::string> parts;
    std::string s = ";" + std::string(line);
    while (!s.empty() && s[0] == ';') {
        s.erase(0, 1);
        std::size_t end = s.find(';');
        while (end != std::string::npos && end > 0 && (python::count(s, "\"", end) - python::count(s, "\\\"", end)) % 2 == 1) {
            end = s.find(';', end + 1);
        }
        if (end == std::string::npos) end = s.size();
        parts.push_back(strip(std::string_view(s).substr(0, end)));
        s.erase(0, end);
    }
    return parts;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
}

std::string ascii_lower(std::string text) {
    for (char& c : text) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return text;  // str.lower() too, for the one name asked for: no other character lowers to "charset"'s letters
}

}  // namespace

std::map<std::string, std::string> content_type_params(std::string_view content_type) {
    const std::vector<std::string> parts = parse_params(content_type);
    std::map<std::string, std::string> params;
    for (std::size_t k = 1; k < parts.size(); ++k) {
        const std::size_t eq = parts[k].find('=');
        if (eq == std::string::npos) continue;
        std::string value = strip(std::string_view(parts[k]).substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = replace_all(replace_all(value.substr(1, value.size() - 2), "\\\\", "\\"), "\\\"", "\"");
        }
        params[ascii_lower(strip(std::string_view(parts[k]).substr(0, eq)))] = value;
    }
    return params;
}

python::FoundCodec request_encoding(std::string_view content_type) {
    const std::map<std::string, std::string> params = content_type_params(content_type);
    if (const auto charset = params.find("charset"); charset != params.end()) {
        if (std::optional<python::FoundCodec> found = python::lookup(charset->second)) return *found;
    }
    return {"utf_8", python::Codec::utf8};
}

}  // namespace authlab::django
