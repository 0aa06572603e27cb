#include "pyjson/dump.hpp"

#include <cmath>

#include "python/utf8.hpp"

namespace authlab::pyjson {
namespace {

// "\u00e9": one UTF-16 unit, in lower case as Python writes it.
void append_escape(std::string& out, char32_t unit) {
    static constexpr char hex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(unit >> shift) & 0xF];
}

// encode_basestring(_ascii): the same escapes in C and Python implementations.
void dump_string(std::string& out, const std::string& text, const DumpStyle& style) {
    out += '"';
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t c = python::next_code_point(text, pos, true);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            default: break;
        }
        bool surrogate = c >= 0xD800 && c <= 0xDFFF;
        if (c < 0x20 || (style.ensure_ascii && c > 0x7E) || (surrogate && style.escape_lone_surrogates)) {
            if (c >= 0x10000) {
                append_escape(out, 0xD800 + ((c - 0x10000) >> 10));
                append_escape(out, 0xDC00 + ((c - 0x10000) & 0x3FF));
            } else {
                append_escape(out, c);
            }
        } else {
            python::append_utf8(out, surrogate ? 0xFFFD : c);
        }
    }
    out += '"';
}

std::string dump_float(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    return float_repr(d);
}

void dump(std::string& out, const Value& value, const DumpStyle& style) {
    const char* item_separator = style.compact ? "," : ", ";
    const char* key_separator = style.compact ? ":" : ": ";
    switch (value.kind()) {
        case Value::Kind::None: out += "null"; return;
        case Value::Kind::Bool: out += value.as_bool() ? "true" : "false"; return;
        case Value::Kind::Int: out += value.int_digits(); return;
        case Value::Kind::Float: out += dump_float(value.as_float()); return;
        case Value::Kind::Str: dump_string(out, value.as_str(), style); return;
        case Value::Kind::List: {
            out += '[';
            bool first = true;
            for (const Value& item : value.as_list()) {
                if (!first) out += item_separator;
                first = false;
                dump(out, item, style);
            }
            out += ']';
            return;
        }
        case Value::Kind::Dict: {
            out += '{';
            bool first = true;
            for (const auto& [key, item] : value.as_dict()) {
                if (!first) out += item_separator;
                first = false;
                dump_string(out, key, style);
                out += key_separator;
                dump(out, item, style);
            }
            out += '}';
            return;
        }
    }
}

}  // namespace

std::string dumps(const Value& value, DumpStyle style) {
    std::string out;
    dump(out, value, style);
    return out;
}

}  // namespace authlab::pyjson
