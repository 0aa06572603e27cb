#include "drf/parser_text.hpp"

#include <vector>

#include "django/unquote.hpp"
#include "drf/errors.hpp"
#include "python/codecs.hpp"
#include "python/str.hpp"

namespace authlab::drf {
namespace {

bool ascii_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }

// bytes.strip(): ASCII whitespace only.
std::string strip(std::string_view s) {
    std::size_t first = 0, last = s.size();
    while (first < last && ascii_space(static_cast<unsigned char>(s[first]))) ++first;
    while (last > first && ascii_space(static_cast<unsigned char>(s[last - 1]))) --last;
    return std::string(s.substr(first, last - first));
}

std::string ascii_lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return s;
}

// Django's _parse_header_params: split at ';' outside quotes (escaped quotes count too).
std::vector<std::string> split_params(std::string s) {
    std::vector<std::string> parts;
    s = ";" + s;
    while (!s.empty() && s[0] == ';') {
        s.erase(0, 1);
        std::size_t end = s.find(';');
        auto open_quote = [&](std::size_t e) {
            return python::count(s, "\"", e) % 2 == 1;
        };
        while (end != std::string::npos && end > 0 && open_quote(end)) end = s.find(';', end + 1);
        if (end == std::string::npos) end = s.size();
        parts.push_back(strip(s.substr(0, end)));
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

HeaderValue parse_header(std::string_view line, HeaderSource source) {
    if (source == HeaderSource::text && !python::decode_strict(line, python::Codec::utf8)) {
        throw ServerError("UnicodeEncodeError: 'utf-8' codec can't encode a lone surrogate in a header");
    }
    std::vector<std::string> parts = split_params(std::string(line));
    HeaderValue header;
    header.key = ascii_lower(parts.front());
    if (has_non_ascii(header.key)) throw ServerError("UnicodeDecodeError: a non-ASCII media type in Content-Type");
    for (std::size_t k = 1; k < parts.size(); ++k) {
        const std::string& p = parts[k];
        std::size_t eq = p.find('=');
        if (eq == std::string::npos) continue;
        std::string name = ascii_lower(strip(p.substr(0, eq)));
        if (has_non_ascii(name)) throw ServerError("UnicodeDecodeError: a non-ASCII parameter name in Content-Type");
        bool rfc2231 = false;
        if (name.ends_with('*')) {
            name.pop_back();
            rfc2231 = python::count(p, "'", p.size()) == 2;
        }
        std::string value = unquote_value(strip(p.substr(eq + 1)));
        if (rfc2231) {
            // encoding, lang, value = value.split("'"); unquote(value, encoding=encoding)
            std::size_t first = value.find('\''), second = first == std::string::npos ? first : value.find('\'', first + 1);
            if (second == std::string::npos || value.find('\'', second + 1) != std::string::npos) {
                throw ServerError("ValueError: a malformed RFC 2231 parameter in Content-Type");
            }
            const std::string charset = value.substr(0, first);
            value = value.substr(second + 1);
            // unquote(value.decode(), encoding=charset): the name is looked up only for a '%'.
            const std::optional<std::string> text = python::decode_strict(value, python::Codec::utf8);
            if (!text) throw ServerError("UnicodeDecodeError: an RFC 2231 parameter that is not UTF-8");
            if (text->find('%') != std::string::npos) {
                const std::optional<python::FoundCodec> codec = python::lookup(charset);
                if (!codec) throw ServerError("LookupError: unknown encoding: " + charset);
                value = django::unquote(*text, python::modelled(*codec));
            } else {
                value = *text;
            }
        }
        header.params[name] = value;
    }
    return header;
}

}  // namespace authlab::drf
