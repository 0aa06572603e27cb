#include "python/decimal.hpp"

#include <cctype>
#include <limits>

#include "python/str.hpp"

namespace authlab::python {
namespace {

// libmpdec's limits for 64-bit builds: Decimal(str) converts exactly in a context with these,
// and anything that would need rounding or clamping there raises InvalidOperation.
constexpr WideInt max_emax = 999'999'999'999'999'999;
constexpr WideInt min_etiny = -max_emax - (max_emax - 1);

// _decimal's numeric_as_ascii(strip_ws=1, ignore_underscores=1): "" means a syntax error.
std::string numeric_as_ascii(const std::u32string& text) {
    std::size_t first = 0, last = text.size();
    while (first < last && is_space(text[first])) ++first;
    while (last > first && is_space(text[last - 1])) --last;
    std::string out;
    for (std::size_t i = first; i < last; ++i) {
        char32_t c = text[i];
        if (c == U'_') continue;
        if (c > 0 && c <= 127) {
            out += static_cast<char>(c);
        } else if (is_space(c)) {
            out += ' ';
        } else if (int d = decimal_value(c); d >= 0) {
            out += static_cast<char>('0' + d);
        } else {
            return "";
        }
    }
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Decimal> Decimal::parse(const std::u32string& text) {
    const std::string s = numeric_as_ascii(text);
    std::size_t i = 0;
    Decimal d;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) d.negative = s[i++] == '-';
    std::string whole, fraction;
    while (i < s.size() && is_digit(s[i])) whole += s[i++];
    bool point = i < s.size() && s[i] == '.';
    if (point) {
        ++i;
        while (i < s.size() && is_digit(s[i])) fraction += s[i++];
    }
    // NaN, sNaN, Inf, Infinity and every syntax error end here: DRF answers "invalid" for all.
    if (whole.empty() && fraction.empty()) return std::nullopt;
    WideInt exponent = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool negative_exponent = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative_exponent = s[i++] == '-';
        if (i >= s.size() || !is_digit(s[i])) return std::nullopt;
        constexpr WideInt saturated = std::numeric_limits<std::int64_t>::max();  // mpd_strtossize's ERANGE
        for (; i < s.size() && is_digit(s[i]); ++i) {
            exponent = exponent * 10 + (s[i] - '0');
            if (exponent > saturated) exponent = saturated + 1;
        }
        if (negative_exponent) exponent = -exponent;
        if (exponent > saturated) exponent = saturated;
    }
    if (i != s.size()) return std::nullopt;
    std::string coefficient = whole + fraction;
    std::size_t nonzero = coefficient.find_first_not_of('0');
    d.digits = nonzero == std::string::npos ? "0" : coefficient.substr(nonzero);
    d.exponent = exponent - static_cast<WideInt>(fraction.size());
    WideInt adjusted = d.exponent + static_cast<WideInt>(d.digits.size()) - 1;
    if ((d.is_zero() ? d.exponent : adjusted) > max_emax || d.exponent < min_etiny) return std::nullopt;
    return d;
}

Decimal Decimal::from_int(long long v) {
    Decimal d;
    d.negative = v < 0;
    std::string text = std::to_string(v);
    d.digits = d.negative ? text.substr(1) : text;
    return d;
}

Decimal Decimal::quantize(int places) const {
    Decimal q = *this;
    WideInt target = -places;
    if (exponent >= target) {
        if (!is_zero()) q.digits.append(static_cast<std::size_t>(exponent - target), '0');
    } else {
        // ROUND_HALF_EVEN, the default context's rounding.
        auto drop = static_cast<std::size_t>(target - exponent);
        std::string kept = drop >= digits.size() ? "0" : digits.substr(0, digits.size() - drop);
        std::string gone = drop >= digits.size() ? std::string(drop - digits.size(), '0') + digits
                                                 : digits.substr(digits.size() - drop);
        int first = gone[0] - '0';
        bool rest = gone.find_first_not_of('0', 1) != std::string::npos;
        bool up = first > 5 || (first == 5 && (rest || (kept.back() - '0') % 2 == 1));
        if (up) {
            int carry = 1;
            for (auto it = kept.rbegin(); it != kept.rend() && carry; ++it) {
                int v = *it - '0' + carry;
                *it = static_cast<char>('0' + v % 10);
                carry = v / 10;
            }
            if (carry) kept.insert(kept.begin(), '1');
        }
        std::size_t nz = kept.find_first_not_of('0');
        q.digits = nz == std::string::npos ? "0" : kept.substr(nz);
    }
    q.exponent = target;
    return q;
}

std::string Decimal::to_fixed() const {
    std::string out = negative ? "-" : "";
    if (exponent >= 0) {
        out += digits;
        if (!is_zero()) out.append(static_cast<std::size_t>(exponent), '0');
        return out;
    }
    auto places = static_cast<std::size_t>(-exponent);
    std::string padded = digits.size() <= places ? std::string(places + 1 - digits.size(), '0') + digits : digits;
    return out + padded.substr(0, padded.size() - places) + "." + padded.substr(padded.size() - places);
}

int compare(const Decimal& a, const Decimal& b) {
    if (a.is_zero() && b.is_zero()) return 0;
    int sign_a = a.is_zero() ? 0 : a.negative ? -1 : 1;
    int sign_b = b.is_zero() ? 0 : b.negative ? -1 : 1;
    if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
    WideInt adjusted_a = a.exponent + static_cast<WideInt>(a.digits.size());
    WideInt adjusted_b = b.exponent + static_cast<WideInt>(b.digits.size());
    int magnitude = 0;
    if (adjusted_a != adjusted_b) {
        magnitude = adjusted_a < adjusted_b ? -1 : 1;
    } else {
        std::string da = a.digits, db = b.digits;
        if (da.size() < db.size()) da.append(db.size() - da.size(), '0');
        if (db.size() < da.size()) db.append(da.size() - db.size(), '0');
        magnitude = da < db ? -1 : da > db ? 1 : 0;
    }
    return sign_a < 0 ? -magnitude : magnitude;
}

}  // namespace authlab::python
