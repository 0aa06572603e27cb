#include "python/html.hpp"

#include <algorithm>
#include <stdexcept>

#include "python/codecs.hpp"
#include "python/utf8.hpp"

namespace authlab::python {
namespace {

bool ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool hex_digit(char32_t c) { return ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char32_t c) { return ascii_digit(c) ? static_cast<int>(c - '0') : static_cast<int>((c | 0x20) - 'a' + 10); }

// html._invalid_codepoints: C0 and C1 controls but tab, newline, form feed and carriage return,
// DEL, the noncharacters U+FDD0..FDEF and each plane's last two.
bool invalid_code_point(char32_t c) {
    return (c >= 0x1 && c <= 0x8) || c == 0xB || (c >= 0xE && c <= 0x1F) || (c >= 0x7F && c <= 0x9F) ||
           (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

// html._replace_charref for a number: the invalid references first (NUL, CR, and 0x80-0x9F read
// as cp1252, its holes as themselves), then what Unicode cannot hold, then HTML's forbidden ones.
std::u32string numeric_reference(char32_t number_or_max) {
    const char32_t n = number_or_max;
    if (n == 0) return U"\uFFFD";
    if (n == 0x0D) return U"\r";
    if (n >= 0x80 && n <= 0x9F) {
        const std::string byte(1, static_cast<char>(n));
        const std::optional<std::string> cp1252 = decode_strict(byte, Codec::cp1252);
        return cp1252 ? decode(*cp1252) : std::u32string(1, n);
    }
    if ((n >= 0xD800 && n <= 0xDFFF) || n > 0x10FFFF) return U"\uFFFD";
    if (invalid_code_point(n)) return U"";
    return std::u32string(1, n);
}

constexpr char32_t too_large = 0x110000;  // any number past U+10FFFF answers alike

// The named references that can make a file's name a path or a dot (see html.hpp).
std::u32string named_reference(std::u32string_view name) {
    if (name == U"period;") return U".";
    if (name == U"sol;") return U"/";
    if (name == U"bsol;") return U"\\";
    return U"&" + std::u32string(name);
}

bool name_character(char32_t c) { return c != '\t' && c != '\n' && c != '\f' && c != ' ' && c != '<' && c != '&' && c != '#' && c != ';'; }

}  // namespace

std::string html_unescape(std::string_view utf8) {
    if (utf8.find('&') == std::string_view::npos) return std::string(utf8);
    const std::u32string text = decode(utf8);
    std::u32string out;
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        if (text[i] != '&') {
            out += text[i++];
            continue;
        }
        std::size_t j = i + 1;
        if (j < n && text[j] == '#') {
            // &(#[0-9]+;? | #[xX][0-9a-fA-F]+;?)
            const bool hex = j + 1 < n && (text[j + 1] == 'x' || text[j + 1] == 'X');
            std::size_t k = j + (hex ? 2 : 1);
            const std::size_t digits_start = k;
            while (k < n && (hex ? hex_digit(text[k]) : ascii_digit(text[k]))) ++k;
            if (k == digits_start) {  // no digits: no reference here
                out += text[i++];
                continue;
            }
            if (!hex && k - digits_start > 4300) throw std::invalid_argument("ValueError: Exceeds the limit (4300 digits) for integer string conversion");
            char32_t number = 0;
            for (std::size_t d = digits_start; d < k; ++d) {
                const char32_t digit = static_cast<char32_t>(hex_value(text[d]));
                if (number < too_large) number = std::min<char32_t>(too_large, number * (hex ? 16 : 10) + digit);
            }
            if (k < n && text[k] == ';') ++k;
            out += numeric_reference(number);
            i = k;
            continue;
        }
        // &[^\t\n\f <&#;]{1,32};?
        while (j < n && j - (i + 1) < 32 && name_character(text[j])) ++j;
        if (j == i + 1) {
            out += text[i++];
            continue;
        }
        if (j < n && text[j] == ';') ++j;
        out += named_reference(std::u32string_view(text).substr(i + 1, j - i - 1));
        i = j;
    }
    return encode(out);
}

}  // namespace authlab::python
