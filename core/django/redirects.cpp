#include "django/redirects.hpp"

#include <cctype>
#include <optional>

#include "django/unquote.hpp"
#include "python/codecs.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::django {
namespace {

// unicodedata.category(c)[0] == 'C': controls, format characters, surrogates, private use and
// the noncharacters (Unicode 14, as Python 3.11 has it).
bool is_other(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;                      // Cc
    if (c >= 0xD800 && c <= 0xDFFF) return true;                                  // Cs
    if ((c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) || (c >= 0x100000 && c <= 0x10FFFD)) return true;  // Co
    if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) return true;     // noncharacters (Cn)
    static constexpr char32_t format[][2] = {
        {0x00AD, 0x00AD}, {0x0600, 0x0605}, {0x061C, 0x061C}, {0x06DD, 0x06DD}, {0x070F, 0x070F},
        {0x0890, 0x0891}, {0x08E2, 0x08E2}, {0x180E, 0x180E}, {0x200B, 0x200F}, {0x202A, 0x202E},
        {0x2060, 0x2064}, {0x2066, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD},
        {0x110CD, 0x110CD}, {0x13430, 0x13438}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
        {0xE0020, 0xE007F}};
    for (const auto& range : format) {
        if (c >= range[0] && c <= range[1]) return true;  // Cf
    }
    return false;
}

struct SplitUrl {
    std::string scheme;
    std::string netloc;
};

// django.utils.http._urlsplit, as far as the check needs it: the scheme and the netloc.
// nullopt for the ValueError of an unbalanced IPv6 bracket.
std::optional<SplitUrl> urlsplit(std::string_view url) {
    SplitUrl out;
    const std::size_t colon = url.find(':');
    if (colon != std::string_view::npos && colon > 0) {
        bool scheme_chars = true;
        for (char c : url.substr(0, colon)) {
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') scheme_chars = false;
        }
        if (scheme_chars) {
            for (char c : url.substr(0, colon)) out.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            url.remove_prefix(colon + 1);
        }
    }
    if (url.starts_with("//")) {
        const std::size_t end = url.find_first_of("/?#", 2);
        out.netloc = std::string(url.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2));
        const bool open = out.netloc.find('[') != std::string::npos, close = out.netloc.find(']') != std::string::npos;
        if (open != close) return std::nullopt;
    }
    return out;
}

bool allowed(std::string_view url, const std::set<std::string>& allowed_hosts) {
    if (url.starts_with("///")) return false;  // Chrome reads three slashes as an absolute URL
    const std::optional<SplitUrl> info = urlsplit(url);
    if (!info) return false;
    if (info->netloc.empty() && !info->scheme.empty()) return false;  // http:///example.com
    if (is_other(python::decode(url).front())) return false;          // browsers skip leading controls
    std::string scheme = info->scheme;
    if (scheme.empty() && !info->netloc.empty()) scheme = "http";     // //example.com/p
    return (info->netloc.empty() || allowed_hosts.contains(info->netloc)) &&
           (scheme.empty() || scheme == "http" || scheme == "https");
}

}  // namespace

bool url_has_allowed_host_and_scheme(std::string_view raw, const std::set<std::string>& allowed_hosts) {
    const std::string url = python::encode(python::strip(python::decode(raw)));
    if (url.empty()) return false;
    // Chrome treats \ as /; both readings must be safe.
    std::string slashed = url;
    for (char& c : slashed) {
        if (c == '\\') c = '/';
    }
    return allowed(url, allowed_hosts) && allowed(slashed, allowed_hosts);
}

std::string iri_to_uri(std::string_view iri) { return quote(iri, "/#%[]=:;$&()+,!?*@'~"); }

std::string repercent_broken_unicode(std::string_view bytes) {
    static constexpr std::string_view replacement = "\xEF\xBF\xBD";
    std::string out;
    for (std::size_t pos = 0; pos < bytes.size();) {
        const std::size_t start = pos;
        const char32_t code_point = python::next_code_point(bytes, pos);
        const std::string_view read = bytes.substr(start, pos - start);
        // An ill-formed sequence reads as U+FFFD too, but is not its three bytes.
        out += code_point == 0xFFFD && read != replacement ? quote(read, "") : std::string(read);
    }
    return out;
}

std::string get_full_path_with_slash(std::string_view path_bytes, std::string_view query_string) {
    // escape_uri_path: quote(path, safe="/:@&+$,-_.!~*'()"), where a repercented byte's "%" is
    // not safe ("%FF" → "%25FF").
    std::string full = quote(repercent_broken_unicode(path_bytes), "/:@&+$,-_.!~*'()");
    if (!full.ends_with('/')) full += '/';
    if (!query_string.empty()) full += "?" + iri_to_uri(python::decode_replace(query_string, python::Codec::latin1));
    if (full.starts_with("//")) full = "/%2F" + full.substr(2);  // escape_leading_slashes
    return full;
}

}  // namespace authlab::django
