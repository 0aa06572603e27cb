#include "jwt/python_json.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "pyjson/parse.hpp"
#include "python/codecs.hpp"
#include "python/utf8.hpp"

namespace authlab::jwt {

nlohmann::ordered_json to_ordered_json(const pyjson::Value& v) {
    using Kind = pyjson::Value::Kind;
    switch (v.kind()) {
        case Kind::None: return nullptr;
        case Kind::Bool: return v.as_bool();
        case Kind::Int: {
            nlohmann::ordered_json number = nlohmann::ordered_json::parse(v.int_digits(), nullptr, false);
            return number.is_number_integer() ? number : nlohmann::ordered_json(v.int_digits());
        }
        case Kind::Float: return v.as_float();
        case Kind::Str: return python::decode_replace(v.as_str(), python::Codec::utf8);  // lone surrogates become U+FFFD
        case Kind::List: {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const pyjson::Value& item : v.as_list()) out.push_back(to_ordered_json(item));
            return out;
        }
        case Kind::Dict: {
            nlohmann::ordered_json out = nlohmann::ordered_json::object();
            for (const auto& [key, item] : v.as_dict()) out[python::decode_replace(key, python::Codec::utf8)] = to_ordered_json(item);
            return out;
        }
    }
    return nullptr;
}

namespace {

struct DecodeError {
    std::string message;  // UnicodeDecodeError's text
};

std::string decode_error(const std::string& codec, std::size_t start, std::size_t end, const std::string& reason,
                         unsigned char byte) {
    char where[96];
    if (end - start == 1) std::snprintf(where, sizeof where, "byte 0x%02x in position %zu", static_cast<unsigned>(byte), start);
    else std::snprintf(where, sizeof where, "bytes in position %zu-%zu", start, end - 1);
    return "'" + codec + "' codec can't decode " + where + ": " + reason;
}

// bytes.decode('utf-8', 'surrogatepass'): the whole input (final), lone surrogates kept.
std::u32string decode_utf8(std::string_view bytes, const std::string& codec) {
    std::u32string out;
    for (std::size_t pos = 0; pos < bytes.size();) {
        std::size_t start = pos;
        char32_t c = python::next_code_point(bytes, pos, true);
        if (c == 0xFFFD && bytes.substr(start, pos - start) != "\xEF\xBF\xBD") {
            auto lead = static_cast<unsigned char>(bytes[start]);
            std::string reason = lead >= 0x80 && (lead < 0xC2 || lead > 0xF4) ? "invalid start byte"
                                 : pos == bytes.size()                        ? "unexpected end of data"
                                                                              : "invalid continuation byte";
            throw DecodeError{decode_error(codec, start, std::max(pos, start + 1), reason, lead)};
        }
        out += c;
    }
    return out;
}

// bytes.decode('utf-16-le' / 'utf-16-be', 'surrogatepass'): pairs join, lone halves stay.
std::u32string decode_utf16(std::string_view bytes, bool big_endian, const std::string& codec) {
    std::u32string out;
    auto unit = [&](std::size_t k) {
        auto b0 = static_cast<unsigned char>(bytes[k]), b1 = static_cast<unsigned char>(bytes[k + 1]);
        return static_cast<char32_t>(big_endian ? (b0 << 8 | b1) : (b1 << 8 | b0));
    };
    std::size_t k = 0;
    for (; k + 1 < bytes.size(); k += 2) {
        char32_t c = unit(k);
        if (c >= 0xD800 && c <= 0xDBFF && k + 3 < bytes.size()) {
            char32_t low = unit(k + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                out += 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                k += 2;
                continue;
            }
        }
        out += c;
    }
    if (k < bytes.size()) throw DecodeError{decode_error(codec, k, k + 1, "truncated data", static_cast<unsigned char>(bytes[k]))};
    return out;
}

// bytes.decode('utf-32-le' / 'utf-32-be', 'surrogatepass').
std::u32string decode_utf32(std::string_view bytes, bool big_endian, const std::string& codec) {
    std::u32string out;
    std::size_t k = 0;
    for (; k + 3 < bytes.size(); k += 4) {
        char32_t c = 0;
        for (int i = 0; i < 4; ++i) {
            auto byte = static_cast<unsigned char>(bytes[k + (big_endian ? i : 3 - i)]);
            c = c << 8 | byte;
        }
        if (c > 0x10FFFF) throw DecodeError{decode_error(codec, k, k + 4, "code point not in range(0x110000)", 0)};
        out += c;
    }
    if (k < bytes.size()) throw DecodeError{decode_error(codec, k, bytes.size(), "truncated data", static_cast<unsigned char>(bytes[k]))};
    return out;
}

// json.detect_encoding, then bytes.decode(encoding, 'surrogatepass'): a BOM names UTF-32,
// UTF-16 or UTF-8 (and is dropped); else NUL bytes among the first four say which.
std::u32string decode_json_bytes(std::string_view b) {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(b[k]); };
    if (b.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return decode_utf32(b.substr(4), false, "utf-32");
    if (b.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return decode_utf32(b.substr(4), true, "utf-32");
    if (b.starts_with("\xFF\xFE")) return decode_utf16(b.substr(2), false, "utf-16");
    if (b.starts_with("\xFE\xFF")) return decode_utf16(b.substr(2), true, "utf-16");
    if (b.starts_with("\xEF\xBB\xBF")) return decode_utf8(b.substr(3), "utf-8-sig");
    if (b.size() >= 4) {
        if (at(0) == 0) return at(1) ? decode_utf16(b, true, "utf-16-be") : decode_utf32(b, true, "utf-32-be");
        if (at(1) == 0) return at(2) || at(3) ? decode_utf16(b, false, "utf-16-le") : decode_utf32(b, false, "utf-32-le");
    } else if (b.size() == 2) {
        if (at(0) == 0) return decode_utf16(b, true, "utf-16-be");
        if (at(1) == 0) return decode_utf16(b, false, "utf-16-le");
    }
    return decode_utf8(b, "utf-8");
}

}  // namespace

std::variant<pyjson::Value, JsonFailure> loads_bytes(std::string_view bytes) {
    std::u32string text;
    try {
        text = decode_json_bytes(bytes);
    } catch (const DecodeError& error) {
        return JsonFailure{error.message};  // UnicodeDecodeError is a ValueError
    }
    auto parsed = pyjson::parse_text(text, pyjson::default_max_depth, pyjson::Constants::python);
    if (auto* failure = std::get_if<pyjson::ParseError>(&parsed)) {
        return JsonFailure{failure->message, failure->kind == pyjson::ParseError::Kind::ValueError};
    }
    return std::get<pyjson::Value>(std::move(parsed));
}

}  // namespace authlab::jwt
