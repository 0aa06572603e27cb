#include "drf/parser_text.hpp"

#include <vector>

#include "django/unquote.hpp"
#include "drf/errors.hpp"
#include "python/codecs.hpp"
#include "python/str.hpp"

namespace authlab::drf {
namespace {

// str.isspace() for the 256 characters a Latin-1 header can hold.
bool latin1_space(unsigned char c) { return (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0; }
bool ascii_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }

template <typename Space>
std::string strip(std::string_view s, Space space) {
    std::size_t first = 0, last = s.size();
    while (first < last && space(static_cast<unsigned char>(s[first]))) ++first;
    while (last > first && space(static_cast<unsigned char>(s[last - 1]))) --last;
    return std::string(s.substr(first, last - first));
}

std::string ascii_lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return s;
}

std::size_t count(std::string_view s, std::string_view what, std::size_t end) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string_view::npos && at + what.size() <= end; at = s.find(what, at + 1)) ++n;
    return n;
}

// cgi._parseparam and Django's _parse_header_params: split at ';' outside quotes. cgi
// discounts escaped quotes, Django does not.
template <typename Space>
std::vector<std::string> split_params(std::string s, Space space, bool discount_escaped_quotes) {
    std::vector<std::string> parts;
    s = ";" + s;
    while (!s.empty() && s[0] == ';') {
        s.erase(0, 1);
        std::size_t end = s.find(';');
        auto open_quote = [&](std::size_t e) {
            std::size_t quotes = count(s, "\"", e) - (discount_escaped_quotes ? count(s, "\\\"", e) : 0);
            return quotes % 2 == 1;
        };
        while (end != std::string::npos && end > 0 && open_quote(end)) end = s.find(';', end + 1);
        if (end == std::string::npos) end = s.size();
        parts.push_back(strip(s.substr(0, end), space));
        s.erase(0, end);
    }
    return parts;
}

std::string unquote_value(std::string value) {
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
        std::string out;
        for (std::size_t i = 0; i < value.size(); ++i) {  // .replace('\\\\', '\\').replace('\\"', '"')
            if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == '\\') {
                out += '\\';
                ++i;
            } else {
                out += value[i];
            }
        }
        std::string unescaped;
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (out[i] == '\\' && i + 1 < out.size() && out[i + 1] == '"') {
                unescaped += '"';
                ++i;
            } else {
                unescaped += out[i];
            }
        }
        return unescaped;
    }
    return value;
}

bool has_non_ascii(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    }
    return false;
}

}  // namespace

std::string latin1_to_utf8(std::string_view bytes) { return python::decode_replace(bytes, python::Codec::latin1); }

std::map<std::string, std::string> cgi_header_params(std::string_view bytes) {
    std::vector<std::string> parts = split_params(std::string(bytes), latin1_space, true);
    std::map<std::string, std::string> params;
    for (std::size_t k = 1; k < parts.size(); ++k) {
        std::size_t eq = parts[k].find('=');
        if (eq == std::string::npos) continue;
        params[ascii_lower(strip(parts[k].substr(0, eq), latin1_space))] = unquote_value(strip(parts[k].substr(eq + 1), latin1_space));
    }
    return params;
}

HeaderValue parse_header(std::string_view bytes, bool wsgi_header) {
    std::vector<std::string> parts = split_params(std::string(bytes), ascii_space, false);
    HeaderValue header;
    header.key = ascii_lower(parts.front());
    if (has_non_ascii(header.key)) throw ServerError("UnicodeDecodeError: a non-ASCII media type in Content-Type");
    for (std::size_t k = 1; k < parts.size(); ++k) {
        const std::string& p = parts[k];
        std::size_t eq = p.find('=');
        if (eq == std::string::npos) continue;
        std::string name = ascii_lower(strip(p.substr(0, eq), ascii_space));
        if (has_non_ascii(name)) throw ServerError("UnicodeDecodeError: a non-ASCII parameter name in Content-Type");
        bool rfc2231 = false;
        if (name.ends_with('*')) {
            name.pop_back();
            rfc2231 = count(p, "'", p.size()) == 2;
        }
        std::string value = unquote_value(strip(p.substr(eq + 1), ascii_space));
        if (rfc2231) {
            // encoding, lang, value = value.split("'"); unquote(value, encoding=encoding)
            std::size_t first = value.find('\''), second = first == std::string::npos ? first : value.find('\'', first + 1);
            if (second == std::string::npos || value.find('\'', second + 1) != std::string::npos) {
                throw ServerError("ValueError: a malformed RFC 2231 parameter in Content-Type");
            }
            std::string charset = value.substr(0, first);
            value = value.substr(second + 1);
            std::string normal = ascii_lower(charset);
            bool known = normal == "utf-8" || normal == "utf8" || normal == "latin-1" || normal == "iso-8859-1" || normal == "ascii";
            if (value.find('%') != std::string::npos && !known) throw ServerError("LookupError: unknown encoding: " + charset);
            // value.decode(): a WSGI header's bytes are its Latin-1 text; a part header's are UTF-8.
            std::optional<std::string> text = wsgi_header ? latin1_to_utf8(value) : python::decode_strict(value, python::Codec::utf8);
            if (!text) throw ServerError("ValueError: an RFC 2231 parameter that is not UTF-8");
            value = django::unquote(*text, python::codec_named(charset));
        }
        header.params[name] = value;
    }
    return header;
}

}  // namespace authlab::drf
