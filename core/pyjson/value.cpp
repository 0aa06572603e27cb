#include "pyjson/value.hpp"

#include "python/printable.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace authlab::pyjson {

Value Value::boolean(bool b) {
    Value v;
    v.kind_ = Kind::Bool;
    v.bool_ = b;
    return v;
}

Value Value::integer(std::string decimal_digits) {
    Value v;
    v.kind_ = Kind::Int;
    // Python's int has no "-0" and no leading zeros; keep the digits canonical whatever we get.
    bool negative = !decimal_digits.empty() && decimal_digits[0] == '-';
    std::size_t first = negative ? 1 : 0;
    while (first + 1 < decimal_digits.size() && decimal_digits[first] == '0') ++first;
    std::string digits = decimal_digits.substr(first);
    if (digits.empty() || digits == "0") {
        v.text_.assign(1, '0');
    } else {
        v.text_ = negative ? '-' + digits : std::move(digits);
    }
    return v;
}

Value Value::integer(long long i) { return integer(std::to_string(i)); }

Value Value::floating(double d) {
    Value v;
    v.kind_ = Kind::Float;
    v.float_ = d;
    return v;
}

Value Value::string(std::string utf8) {
    Value v;
    v.kind_ = Kind::Str;
    v.text_ = std::move(utf8);
    return v;
}

Value Value::list(std::vector<Value> items) {
    Value v;
    v.kind_ = Kind::List;
    v.list_ = std::make_shared<std::vector<Value>>(std::move(items));
    return v;
}

Value Value::dict(Items items) {
    Value v;
    v.kind_ = Kind::Dict;
    v.dict_ = std::make_shared<Items>(std::move(items));
    return v;
}

const std::vector<Value>& Value::as_list() const {
    static const std::vector<Value> empty;
    return list_ ? *list_ : empty;
}

const Value::Items& Value::as_dict() const {
    static const Items empty;
    return dict_ ? *dict_ : empty;
}

const Value* Value::find(const std::string& key) const {
    for (const auto& [k, v] : as_dict()) {
        if (k == key) return &v;
    }
    return nullptr;
}

void Value::set(const std::string& key, Value v) {
    if (kind_ != Kind::Dict) throw std::logic_error("pyjson::Value::set on a non-dict");
    if (dict_.use_count() > 1) dict_ = std::make_shared<Items>(*dict_);  // copy on write
    for (auto& [k, old] : *dict_) {
        if (k == key) {
            old = std::move(v);
            return;
        }
    }
    dict_->emplace_back(key, std::move(v));
}

std::string Value::type_name() const {
    switch (kind_) {
        case Kind::None: return "NoneType";
        case Kind::Bool: return "bool";
        case Kind::Int: return "int";
        case Kind::Float: return "float";
        case Kind::Str: return "str";
        case Kind::List: return "list";
        case Kind::Dict: return "dict";
    }
    return "NoneType";
}

std::string Value::str() const {
    switch (kind_) {
        case Kind::None: return "None";
        case Kind::Bool: return bool_ ? "True" : "False";
        case Kind::Int: return text_;
        case Kind::Float: return float_repr(float_);
        case Kind::Str: return text_;
        case Kind::List: {
            std::string out = "[";
            for (const Value& item : as_list()) {
                if (out.size() > 1) out += ", ";
                out += item.repr();
            }
            return out + "]";
        }
        case Kind::Dict: {
            std::string out = "{";
            for (const auto& [k, v] : as_dict()) {
                if (out.size() > 1) out += ", ";
                out += str_repr(k) + ": " + v.repr();
            }
            return out + "}";
        }
    }
    return "None";
}

std::string Value::repr() const { return kind_ == Kind::Str ? str_repr(text_) : str(); }

namespace {

// Decimal digits and exponent of |d| as "%.{precision}e" prints them: d ≈ 0.D × 10^(exp10+1).
struct Decimal {
    std::string digits;
    int exp10 = 0;  // exponent of the first digit
};

Decimal scientific(double magnitude, int precision) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*e", precision, magnitude);
    Decimal out;
    const char* p = buf;
    for (; *p != 'e'; ++p) {
        if (*p != '.') out.digits += *p;
    }
    out.exp10 = std::atoi(p + 1);
    return out;
}

double read_back(const Decimal& dec) {
    std::string text = dec.digits + "e" + std::to_string(dec.exp10 - static_cast<int>(dec.digits.size()) + 1);
    return std::strtod(text.c_str(), nullptr);  // correctly rounded in glibc and musl
}

// The next decimal of the same length upwards (999 -> 1000 with the exponent bumped).
Decimal next_up(Decimal dec) {
    std::size_t i = dec.digits.size();
    while (i > 0 && dec.digits[i - 1] == '9') dec.digits[--i] = '0';
    if (i == 0) {
        dec.digits.insert(dec.digits.begin(), '1');
        dec.digits.pop_back();
        ++dec.exp10;
    } else {
        ++dec.digits[i - 1];
    }
    return dec;
}

// Shortest digits that read back to |d|, as David Gay's dtoa (mode 0) behind Python's repr
// gives them. std::to_chars would do, but Emscripten 3.1.6's libc++ lacks it for double.
// snprintf gives the correctly rounded digits for each length; at a power of two the
// rounding interval is wider above, so the next decimal up may round-trip when the nearest
// one does not.
Decimal shortest(double magnitude) {
    for (int precision = 0; precision < 17; ++precision) {
        Decimal nearest = scientific(magnitude, precision);
        if (read_back(nearest) == magnitude) return nearest;
        Decimal up = next_up(nearest);
        if (read_back(up) == magnitude) return up;
    }
    return scientific(magnitude, 16);  // 17 digits always round-trip
}

}  // namespace

std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    std::string sign = std::signbit(d) ? "-" : "";
    if (std::isinf(d)) return sign + "inf";
    if (d == 0) return sign + "0.0";
    Decimal dec = shortest(std::fabs(d));
    while (dec.digits.size() > 1 && dec.digits.back() == '0') dec.digits.pop_back();
    const std::string& digits = dec.digits;
    const int e = dec.exp10;
    // Appends only: GCC 12 warns falsely (-Wrestrict) about "literal" + std::string.
    std::string out = sign;
    if (e < -4 || e >= 16) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out.append(digits, 1);
        }
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
        return out += exp;
    }
    if (e < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-e - 1), '0');
        return out += digits;
    }
    const std::size_t int_digits = static_cast<std::size_t>(e) + 1;
    if (int_digits < digits.size()) {
        out.append(digits, 0, int_digits);
        out += '.';
        return out.append(digits, int_digits);
    }
    out += digits;
    out.append(int_digits - digits.size(), '0');
    return out += ".0";
}

namespace {

// One code point of generalized UTF-8 (surrogates allowed) at s[i]; advances i. An invalid
// byte comes back as itself, flagged.
char32_t next_code_point(const std::string& s, std::size_t& i, bool& invalid) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    invalid = false;
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t extra = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2
                        : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    bool ok = extra > 0 && i + extra < s.size();
    for (std::size_t k = 1; ok && k <= extra; ++k) ok = (byte(i + k) & 0xc0) == 0x80;
    if (!ok) {
        invalid = true;
        return byte(i++);
    }
    char32_t c = lead & (0x3f >> extra);
    for (std::size_t k = 1; k <= extra; ++k) c = (c << 6) | (byte(i + k) & 0x3f);
    i += extra + 1;
    return c;
}

}  // namespace

std::string str_repr(const std::string& utf8) {
    const bool has_single = utf8.find('\'') != std::string::npos;
    const bool has_double = utf8.find('"') != std::string::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t start = i;
        bool invalid = false;
        const char32_t c = next_code_point(utf8, i, invalid);
        char buf[16];
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (!invalid && python::is_printable(c)) {
            out.append(utf8, start, i - start);
        } else {
            const auto code = static_cast<unsigned long>(c);
            if (c <= 0xff) {
                std::snprintf(buf, sizeof buf, "\\x%02lx", code);
            } else if (c <= 0xffff) {
                std::snprintf(buf, sizeof buf, "\\u%04lx", code);
            } else {
                std::snprintf(buf, sizeof buf, "\\U%08lx", code);
            }
            out += buf;
        }
    }
    out += quote;
    return out;
}

}  // namespace authlab::pyjson
