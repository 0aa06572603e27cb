#include "drf/serializer_validators.hpp"

#include <algorithm>
#include <vector>

#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::drf::validators {
namespace {

// With re.IGNORECASE, Python lets these match [A-Z] (they case-fold to ASCII letters).
bool folds_to_ascii_letter(char32_t c) { return c == 0x130 || c == 0x131 || c == 0x17F || c == 0x212A; }

bool ascii_alnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// [A-Z0-9] under re.IGNORECASE
bool alnum_ignorecase(char32_t c) { return ascii_alnum(c) || folds_to_ascii_letter(c); }

// [-!#$%&'*+/=?^_`{}|~0-9A-Z] under re.IGNORECASE
bool atext(char32_t c) {
    return alnum_ignorecase(c) || std::u32string_view(U"-!#$%&'*+/=?^_`{}|~").find(c) != std::u32string_view::npos;
}

// ^[-!#…]+(\.[-!#…]+)*\Z
bool dot_atom(std::u32string_view s) {
    if (s.empty()) return false;
    bool previous_dot = true;  // a dot may not lead, trail or repeat
    for (char32_t c : s) {
        if (c == '.') {
            if (previous_dot) return false;
            previous_dot = true;
        } else if (atext(c)) {
            previous_dot = false;
        } else {
            return false;
        }
    }
    return !previous_dot;
}

// ^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*"\Z, re.IGNORECASE
bool quoted_string(std::u32string_view s) {
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
    auto qtext = [](char32_t c) {
        return (c >= 1 && c <= 8) || c == 11 || c == 12 || (c >= 14 && c <= 31) || c == '!' || (c >= '#' && c <= '[') ||
               (c >= ']' && c <= 127) || folds_to_ascii_letter(c);
    };
    auto quoted = [](char32_t c) {
        return (c >= 1 && c <= 9) || c == 11 || c == 12 || (c >= 14 && c <= 127) || folds_to_ascii_letter(c);
    };
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        // A backslash is no qtext: it must start a quoted pair, which may not take the closing quote.
        if (s[i] == '\\' && i + 2 < s.size() && quoted(s[i + 1])) {
            ++i;
        } else if (!qtext(s[i])) {
            return false;
        }
    }
    return true;
}

std::vector<std::u32string_view> split(std::u32string_view s, char32_t separator) {
    std::vector<std::u32string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == separator) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

// ((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))\Z, re.IGNORECASE
bool domain_regex(std::u32string_view domain) {
    std::vector<std::u32string_view> labels = split(domain, '.');
    if (labels.size() < 2) return false;
    auto label_char = [](char32_t c) { return alnum_ignorecase(c) || c == '-'; };
    for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
        std::u32string_view label = labels[i];
        if (label.empty() || label.size() > 63 || !alnum_ignorecase(label.front()) || !alnum_ignorecase(label.back()) ||
            !std::all_of(label.begin(), label.end(), label_char)) {
            return false;
        }
    }
    std::u32string_view top = labels.back();
    return top.size() >= 2 && top.size() <= 63 && top.back() != '-' && std::all_of(top.begin(), top.end(), label_char);
}

// \[([A-f0-9:.]+)\]\Z, re.IGNORECASE, then validate_ipv46_address
bool literal_address(std::u32string_view domain) {
    if (domain.size() < 3 || domain.front() != '[' || domain.back() != ']') return false;
    std::u32string_view inner = domain.substr(1, domain.size() - 2);
    auto allowed = [](char32_t c) {
        return (c >= 'A' && c <= 'z') || (c >= '0' && c <= ':') || c == '.' || folds_to_ascii_letter(c);
    };
    if (!std::all_of(inner.begin(), inner.end(), allowed)) return false;
    return valid_ipv4(inner) || valid_ipv6(inner);
}

bool validate_domain_part(std::u32string_view domain) { return domain_regex(domain) || literal_address(domain); }

bool hex_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// encodings.idna.ToASCII for one label; "" on UnicodeError (a label is never empty otherwise).
std::string to_ascii(std::u32string_view label) {
    auto is_ascii = [](std::u32string_view s) { return std::all_of(s.begin(), s.end(), [](char32_t c) { return c < 128; }); };
    auto sized = [](std::string s) { return !s.empty() && s.size() < 64 ? s : std::string(); };
    if (is_ascii(label)) return sized(python::encode(label));
    std::u32string mapped;
    for (char32_t c : label) {
        if (python::nameprep_maps_to_nothing(c)) continue;
        mapped += c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    if (std::any_of(mapped.begin(), mapped.end(), python::nameprep_prohibited)) return "";
    if (std::any_of(mapped.begin(), mapped.end(), python::bidi_randal)) {
        if (std::any_of(mapped.begin(), mapped.end(), python::bidi_l)) return "";
        if (!python::bidi_randal(mapped.front()) || !python::bidi_randal(mapped.back())) return "";
    }
    if (is_ascii(mapped)) return sized(python::encode(mapped));
    if (mapped.starts_with(U"xn--")) return "";
    return sized("xn--" + punycode(mapped));
}

}  // namespace

bool valid_email(std::string_view value) {
    std::u32string text = python::decode(value);
    if (text.empty() || text.find('@') == std::u32string::npos || text.size() > 320) return false;
    std::size_t at = text.rfind('@');
    std::u32string_view user = std::u32string_view(text).substr(0, at);
    std::u32string_view domain = std::u32string_view(text).substr(at + 1);
    if (!dot_atom(user) && !quoted_string(user)) return false;
    if (domain == U"localhost" || validate_domain_part(domain)) return true;
    std::optional<std::string> ascii = idna_encode(domain);  // "Try for possible IDN domain-part"
    return ascii && validate_domain_part(python::decode(*ascii));
}

bool valid_unicode_username(std::string_view value) {
    std::u32string text = python::decode(value);
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char32_t c) {
        return python::is_word(c) || c == '.' || c == '@' || c == '+' || c == '-';
    });
}

bool valid_ipv4(std::u32string_view text) {
    std::vector<std::u32string_view> octets = split(text, '.');
    if (text.empty() || octets.size() != 4) return false;
    for (std::u32string_view octet : octets) {
        if (octet.empty() || octet.size() > 3) return false;
        if (!std::all_of(octet.begin(), octet.end(), [](char32_t c) { return c >= '0' && c <= '9'; })) return false;
        if (octet.size() > 1 && octet[0] == '0') return false;
        int value = 0;
        for (char32_t c : octet) value = value * 10 + static_cast<int>(c - '0');
        if (value > 255) return false;
    }
    return true;
}

// ipaddress.IPv6Address._ip_int_from_string, after Django's 39-character limit.
bool valid_ipv6(std::u32string_view text) {
    if (text.empty() || text.size() > 39) return false;
    std::vector<std::u32string> parts;
    for (std::u32string_view part : split(text, ':')) parts.emplace_back(part);
    if (parts.size() < 3) return false;
    if (parts.back().find('.') != std::u32string::npos) {
        if (!valid_ipv4(parts.back())) return false;
        parts.pop_back();
        parts.emplace_back(U"0");  // two hextets stand for the IPv4 suffix
        parts.emplace_back(U"0");
    }
    if (parts.size() > 9) return false;
    std::size_t skip = 0;  // index of the empty part of '::', 0 for none
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
        if (parts[i].empty()) {
            if (skip) return false;
            skip = i;
        }
    }
    std::size_t hi = parts.size(), lo = 0;
    if (skip) {
        hi = skip;
        lo = parts.size() - skip - 1;
        if (parts.front().empty() && --hi) return false;
        if (parts.back().empty() && --lo) return false;
        if (8 < hi + lo + 1) return false;
    } else if (parts.size() != 8 || parts.front().empty() || parts.back().empty()) {
        return false;
    }
    auto hextet = [](const std::u32string& h) { return !h.empty() && h.size() <= 4 && std::all_of(h.begin(), h.end(), hex_digit); };
    for (std::size_t i = 0; i < hi; ++i) {
        if (!hextet(parts[i])) return false;
    }
    for (std::size_t i = parts.size() - lo; i < parts.size(); ++i) {
        if (!hextet(parts[i])) return false;
    }
    return true;
}

std::string punycode(std::u32string_view label) {
    constexpr std::uint32_t base = 36, tmin = 1, tmax = 26;
    const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    auto adapt = [](std::uint64_t delta, std::uint64_t count, bool first) {
        delta = first ? delta / 700 : delta / 2;
        delta += delta / count;
        std::uint64_t k = 0;
        while (delta > 455) {
            delta /= 35;
            k += base;
        }
        return k + (36 * delta) / (delta + 38);
    };
    std::string out;
    for (char32_t c : label) {
        if (c < 128) out += static_cast<char>(c);
    }
    const std::size_t basic = out.size();
    if (basic) out += '-';
    std::uint64_t n = 128, delta = 0, bias = 72, handled = basic;
    while (handled < label.size()) {
        std::uint64_t m = UINT64_MAX;
        for (char32_t c : label) {
            if (c >= n) m = std::min<std::uint64_t>(m, c);
        }
        delta += (m - n) * (handled + 1);
        n = m;
        for (char32_t c : label) {
            if (c < n) ++delta;
            if (c != n) continue;
            std::uint64_t q = delta;
            for (std::uint64_t k = base;; k += base) {
                std::uint64_t t = k <= bias ? tmin : k >= bias + tmax ? tmax : k - bias;
                if (q < t) break;
                out += alphabet[t + (q - t) % (base - t)];
                q = (q - t) / (base - t);
            }
            out += alphabet[q];
            bias = adapt(delta, handled + 1, handled == basic);
            delta = 0;
            ++handled;
        }
        ++delta;
        ++n;
    }
    return out;
}

std::optional<std::string> idna_encode(std::u32string_view domain) {
    if (domain.empty()) return std::string();
    if (std::all_of(domain.begin(), domain.end(), [](char32_t c) { return c < 128; })) {
        // The ASCII fast path: only label lengths are checked.
        std::vector<std::u32string_view> labels = split(domain, '.');
        for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
            if (labels[i].empty() || labels[i].size() >= 64) return std::nullopt;
        }
        if (labels.back().size() >= 64) return std::nullopt;
        return python::encode(domain);
    }
    // Labels split at any of the four dots IDNA knows.
    std::vector<std::u32string_view> labels;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain[i] == U'.' || domain[i] == U'\u3002' || domain[i] == U'\uFF0E' || domain[i] == U'\uFF61') {
            labels.push_back(domain.substr(start, i - start));
            start = i + 1;
        }
    }
    bool trailing_dot = !labels.empty() && labels.back().empty();
    if (trailing_dot) labels.pop_back();
    std::string out;
    for (std::u32string_view label : labels) {
        std::string ascii = to_ascii(label);
        if (ascii.empty()) return std::nullopt;
        if (!out.empty()) out += '.';
        out += ascii;
    }
    return trailing_dot ? out + "." : out;
}

}  // namespace authlab::drf::validators
