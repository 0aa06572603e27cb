#include "python/str.hpp"

#include <cctype>
#include <cmath>
#include <limits>

namespace authlab::python {

std::u32string strip(std::u32string_view text) {
    std::size_t first = 0, last = text.size();
    while (first < last && is_space(text[first])) ++first;
    while (last > first && is_space(text[last - 1])) --last;
    return std::u32string(text.substr(first, last - first));
}

std::size_t length(std::string_view utf8) {
    std::size_t n = 0;
    for (char c : utf8) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

// PyLong_FromUnicodeObject: _PyUnicode_TransformDecimalAndSpaceToASCII (spaces → ' ', digits →
// ASCII, anything else non-ASCII ends the text with '?'), then PyLong_FromString.
std::optional<std::string> parse_int(std::u32string_view text) {
    std::string ascii;
    for (char32_t c : text) {
        if (c < 127) {
            ascii += static_cast<char>(c);
        } else if (is_space(c)) {
            ascii += ' ';
        } else if (int d = decimal_value(c); d >= 0) {
            ascii += static_cast<char>('0' + d);
        } else {
            return std::nullopt;
        }
    }
    auto ascii_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    std::size_t i = 0, n = ascii.size();
    while (i < n && ascii_space(ascii[i])) ++i;
    bool negative = false;
    if (i < n && (ascii[i] == '+' || ascii[i] == '-')) negative = ascii[i++] == '-';
    std::string digits;
    bool previous_underscore = false;
    for (; i < n && (std::isdigit(static_cast<unsigned char>(ascii[i])) || ascii[i] == '_'); ++i) {
        if (ascii[i] == '_') {
            if (digits.empty() || previous_underscore) return std::nullopt;
            previous_underscore = true;
        } else {
            digits += ascii[i];
            previous_underscore = false;
        }
    }
    if (digits.empty() || previous_underscore) return std::nullopt;
    while (i < n && ascii_space(ascii[i])) ++i;
    if (i != n || digits.size() > 4300) return std::nullopt;
    std::size_t nonzero = digits.find_first_not_of('0');
    if (nonzero == std::string::npos) return std::string("0");
    std::string canonical = negative ? "-" : "";
    canonical.append(digits, nonzero);
    return canonical;
}

int compare_int(std::string_view a, std::string_view b) {
    bool na = !a.empty() && a[0] == '-', nb = !b.empty() && b[0] == '-';
    if (na != nb) return na ? -1 : 1;
    std::string_view da = a.substr(na ? 1 : 0), db = b.substr(nb ? 1 : 0);
    int magnitude = da.size() != db.size() ? (da.size() < db.size() ? -1 : 1) : da.compare(db) < 0 ? -1 : da.compare(db) > 0 ? 1 : 0;
    return na ? -magnitude : magnitude;
}

std::optional<std::int64_t> to_int64(std::string_view canonical) {
    if (compare_int(canonical, "-9223372036854775808") < 0 || compare_int(canonical, "9223372036854775807") > 0) {
        return std::nullopt;
    }
    return std::stoll(std::string(canonical));
}

std::string float_to_int(double value) {
    double whole = std::trunc(value);
    bool negative = whole < 0;
    int exponent = 0;
    double mantissa = std::frexp(std::fabs(whole), &exponent);  // |whole| = mantissa * 2^exponent
    // The integer is mantissa * 2^53 (exact) shifted by exponent - 53.
    auto bits = static_cast<unsigned long long>(std::ldexp(mantissa, 53));
    int shift = exponent - 53;
    if (shift < 0) {
        bits >>= -shift;
        shift = 0;
    }
    std::string digits = std::to_string(bits);  // then double it `shift` times, in decimal
    for (int k = 0; k < shift; ++k) {
        int carry = 0;
        for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
            int d = (*it - '0') * 2 + carry;
            *it = static_cast<char>('0' + d % 10);
            carry = d / 10;
        }
        if (carry) digits.insert(digits.begin(), static_cast<char>('0' + carry));
    }
    return digits == "0" || !negative ? digits : "-" + digits;
}

std::size_t count(std::string_view text, std::string_view sub, std::size_t end) {
    std::size_t n = 0;
    for (std::size_t at = text.find(sub); at != std::string_view::npos && at + sub.size() <= end; at = text.find(sub, at + sub.size())) ++n;
    return n;
}

}  // namespace authlab::python
