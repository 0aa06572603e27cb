#include "python/codecs.hpp"

#include <cstdint>
#include <cstdio>

#include "python/utf8.hpp"

namespace authlab::python {
namespace {

// UnicodeDecodeError.__str__.
std::string decode_error_text(const char* codec, std::string_view bytes, std::size_t start, std::size_t end,
                              const char* reason) {
    char text[200];
    if (end == start + 1) {
        std::snprintf(text, sizeof text, "'%s' codec can't decode byte 0x%02x in position %zu: %s", codec,
                      static_cast<unsigned>(static_cast<unsigned char>(bytes[start])), start, reason);
    } else {
        std::snprintf(text, sizeof text, "'%s' codec can't decode bytes in position %zu-%zu: %s", codec, start,
                      end - 1, reason);
    }
    return text;
}

// One decoder run: the text so far, and what an invalid range does (errors='replace' writes
// U+FFFD and goes on past it; 'strict' stops with Python's error).
class Output {
public:
    Output(std::string_view bytes, bool replace) : bytes_(bytes), replace_(replace) {}

    void add(char32_t code_point) { append_utf8(text_, code_point); }

    // Whether decoding goes on after the invalid range [start, end).
    bool invalid(const char* codec, std::size_t start, std::size_t end, const char* reason) {
        if (replace_) {
            add(0xFFFD);
            return true;
        }
        if (!error_) error_ = CodecError{decode_error_text(codec, bytes_, start, end, reason)};
        return false;
    }

    bool failed() const { return error_.has_value(); }
    Coded result() && {
        if (error_) return *error_;
        return std::move(text_);
    }

private:
    std::string_view bytes_;
    bool replace_;
    std::string text_;
    std::optional<CodecError> error_;
};

unsigned char byte_at(std::string_view bytes, std::size_t k) { return static_cast<unsigned char>(bytes[k]); }

// CPython's UTF-8 decoder (stringlib's utf8_decode and its caller). With final=false, as a
// StreamReader calls it, a sequence cut short by the end is left for more bytes that never come.
// Returns the bytes consumed; an error's positions count from the start of `bytes`.
std::size_t decode_utf8(std::string_view bytes, bool final, Output& out) {
    const std::size_t n = bytes.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char lead = byte_at(bytes, i);
        if (lead < 0x80) {
            out.add(lead);
            ++i;
            continue;
        }
        const std::size_t length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
        if (length == 0) {
            if (!out.invalid("utf-8", i, i + 1, "invalid start byte")) return i;
            ++i;
            continue;
        }
        // The second byte also rules out overlong forms, surrogates and code points past U+10FFFF.
        std::size_t valid = 1;
        while (valid < length && i + valid < n) {
            const unsigned char c = byte_at(bytes, i + valid);
            bool ok = (c & 0xC0) == 0x80;
            if (valid == 1) {
                if (lead == 0xE0) ok = ok && c >= 0xA0;
                if (lead == 0xED) ok = ok && c < 0xA0;
                if (lead == 0xF0) ok = ok && c >= 0x90;
                if (lead == 0xF4) ok = ok && c < 0x90;
            }
            if (!ok) break;
            ++valid;
        }
        if (valid == length) {
            char32_t c = lead & (0x7F >> length);
            for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (byte_at(bytes, i + k) & 0x3F);
            out.add(c);
            i += length;
            continue;
        }
        if (i + valid == n) {  // cut short by the end
            if (!final) return i;
            if (!out.invalid("utf-8", i, n, "unexpected end of data")) return i;
            i = n;
            continue;
        }
        // CPython keeps a surrogate's first two bytes at the very end waiting, too.
        if (!final && lead == 0xED && n - i == 2 && byte_at(bytes, i + 1) >= 0xA0) return i;
        if (!out.invalid("utf-8", i, i + valid, "invalid continuation byte")) return i;
        i += valid;
    }
    return n;
}

// PyUnicode_DecodeUTF16Stateful. byte_order: -1 little-endian, 1 big-endian, 0 read a BOM
// (and set byte_order when there is one; without, little-endian, this machine's order in
// CPython). Returns the bytes consumed.
std::size_t decode_utf16(std::string_view bytes, int& byte_order, bool final, Output& out) {
    const std::size_t n = bytes.size();
    std::size_t q = 0;
    if (byte_order == 0 && n >= 2) {
        const unsigned bom = byte_at(bytes, 1) << 8 | byte_at(bytes, 0);
        if (bom == 0xFEFF) q = 2, byte_order = -1;
        if (bom == 0xFFFE) q = 2, byte_order = 1;
    }
    const bool little = byte_order <= 0;
    const char* codec = little ? "utf-16-le" : "utf-16-be";
    const auto unit = [&](std::size_t k) -> char32_t {
        return little ? byte_at(bytes, k) | byte_at(bytes, k + 1) << 8 : byte_at(bytes, k) << 8 | byte_at(bytes, k + 1);
    };
    while (true) {
        enum { done, unexpected_end, illegal_encoding, illegal_surrogate } stop = done;
        while (q + 1 < n) {
            const char32_t c = unit(q);
            q += 2;
            if (c < 0xD800 || c > 0xDFFF) {
                out.add(c);
                continue;
            }
            if (c >= 0xDC00) {
                stop = illegal_encoding;
                break;
            }
            if (q + 1 >= n) {
                stop = unexpected_end;
                break;
            }
            const char32_t low = unit(q);
            q += 2;
            if (low < 0xDC00 || low > 0xDFFF) {
                stop = illegal_surrogate;
                break;
            }
            out.add(0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00));
        }
        std::size_t start = q, end = n;
        const char* reason = "truncated data";
        if (stop == done) {
            if (q == n || !final) return q;
        } else if (stop == unexpected_end) {
            start = q -= 2;
            if (!final) return q;
            reason = "unexpected end of data";
        } else if (stop == illegal_encoding) {
            start = q - 2, end = q, reason = "illegal encoding";
        } else {
            start = q - 4, end = q - 2, reason = "illegal UTF-16 surrogate";
        }
        if (!out.invalid(codec, start, end, reason)) return start;
        q = end;
    }
}

// PyUnicode_DecodeUTF32Stateful, byte_order as for UTF-16.
std::size_t decode_utf32(std::string_view bytes, int& byte_order, bool final, Output& out) {
    const std::size_t n = bytes.size();
    std::size_t q = 0;
    if (byte_order == 0 && n >= 4) {
        const std::uint32_t bom = static_cast<std::uint32_t>(byte_at(bytes, 3)) << 24 | byte_at(bytes, 2) << 16 |
                                  byte_at(bytes, 1) << 8 | byte_at(bytes, 0);
        if (bom == 0x0000FEFF) q = 4, byte_order = -1;
        if (bom == 0xFFFE0000) q = 4, byte_order = 1;
    }
    const bool little = byte_order <= 0;
    const char* codec = little ? "utf-32-le" : "utf-32-be";
    const auto unit = [&](std::size_t k) -> std::uint32_t {
        std::uint32_t c = 0;
        for (std::size_t b = 0; b < 4; ++b) c = c << 8 | byte_at(bytes, little ? k + 3 - b : k + b);
        return c;
    };
    while (true) {
        while (n - q >= 4) {
            const std::uint32_t c = unit(q);
            if ((c >= 0xD800 && c <= 0xDFFF) || c >= 0x110000) break;
            out.add(c);
            q += 4;
        }
        std::size_t start = q, end = n;
        const char* reason = "truncated data";
        if (n - q >= 4) {
            const std::uint32_t c = unit(q);
            end = q + 4;
            reason = c >= 0x110000 ? "code point not in range(0x110000)"
                                   : "code point in surrogate code point range(0xd800, 0xe000)";
        } else if (q == n || !final) {
            return q;
        }
        if (!out.invalid(codec, start, end, reason)) return start;
        q = end;
    }
}

// cp1252's bytes 0x80-0x9F (the rest is Latin-1); 0xFFFD where the code page has none.
constexpr char16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// latin-1, ascii and cp1252: one byte, one character (charmap_decode for cp1252).
void decode_single_byte(std::string_view bytes, Codec codec, Output& out) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const unsigned char b = byte_at(bytes, i);
        if (b < 0x80 || codec == Codec::latin1) {
            out.add(b);
        } else if (codec == Codec::ascii) {
            if (!out.invalid("ascii", i, i + 1, "ordinal not in range(128)")) return;
        } else if (b >= 0xA0) {
            out.add(b);
        } else if (cp1252_high[b - 0x80] != 0xFFFD) {
            out.add(cp1252_high[b - 0x80]);
        } else if (!out.invalid("charmap", i, i + 1, "character maps to <undefined>")) {
            return;
        }
    }
}

// -1 little-endian, 1 big-endian, 0 as the BOM says.
int fixed_byte_order(Codec codec) {
    if (codec == Codec::utf16_le || codec == Codec::utf32_le) return -1;
    if (codec == Codec::utf16_be || codec == Codec::utf32_be) return 1;
    return 0;
}

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// bytes.decode(codec, errors): final, every byte read.
Coded decode_all(std::string_view bytes, Codec codec, bool replace) {
    switch (codec) {
        case Codec::utf8_sig:
            if (bytes.starts_with(utf8_bom)) bytes.remove_prefix(utf8_bom.size());  // positions count after it
            [[fallthrough]];
        case Codec::utf8: {
            Output out(bytes, replace);
            decode_utf8(bytes, true, out);
            return std::move(out).result();
        }
        case Codec::utf16:
        case Codec::utf16_le:
        case Codec::utf16_be:
        case Codec::utf32:
        case Codec::utf32_le:
        case Codec::utf32_be: {
            const bool utf16 = codec == Codec::utf16 || codec == Codec::utf16_le || codec == Codec::utf16_be;
            int byte_order = fixed_byte_order(codec);
            Output out(bytes, replace);
            (utf16 ? decode_utf16 : decode_utf32)(bytes, byte_order, true, out);
            return std::move(out).result();
        }
        case Codec::latin1:
        case Codec::ascii:
        case Codec::cp1252: {
            Output out(bytes, replace);
            decode_single_byte(bytes, codec, out);
            return std::move(out).result();
        }
    }
    return CodecError{"unknown codec"};  // unreachable: every Codec is handled above
}

std::string character_repr(char32_t c) {
    char text[16];
    std::snprintf(text, sizeof text, c <= 0xFF ? "'\\x%02x'" : c <= 0xFFFF ? "'\\u%04x'" : "'\\U%08x'", static_cast<unsigned>(c));
    return text;
}

}  // namespace

UnmodelledCodec::UnmodelledCodec(const std::string& module)
    : std::runtime_error("the charset names Python's codec '" + module +
                         "', which the lab does not model (it models utf-8, utf-8-sig, utf-16, utf-32, latin-1, ascii and cp1252)") {}

Codec modelled(const FoundCodec& found) {
    if (!found.codec) throw UnmodelledCodec(found.module);
    return *found.codec;
}

Coded decode(std::string_view bytes, Codec codec) { return decode_all(bytes, codec, false); }

std::optional<std::string> decode_strict(std::string_view bytes, Codec codec) {
    Coded text = decode_all(bytes, codec, false);
    if (auto* ok = std::get_if<std::string>(&text)) return std::move(*ok);
    return std::nullopt;
}

std::string decode_replace(std::string_view bytes, Codec codec) { return std::get<std::string>(decode_all(bytes, codec, true)); }

Coded read_stream(std::string_view bytes, Codec codec) {
    // StreamReader.read() decodes everything with final=False; its second call, on the bytes
    // left over, finds them as incomplete as the first did.
    Output out(bytes, false);
    int byte_order = 0;
    switch (codec) {
        case Codec::utf8_sig:
            if (bytes.size() < utf8_bom.size() && utf8_bom.starts_with(bytes)) return std::string();  // maybe a BOM: wait
            if (bytes.starts_with(utf8_bom)) {
                bytes.remove_prefix(utf8_bom.size());
                Output rest(bytes, false);
                decode_utf8(bytes, false, rest);
                return std::move(rest).result();
            }
            [[fallthrough]];
        case Codec::utf8: decode_utf8(bytes, false, out); break;
        case Codec::utf16:
        case Codec::utf32: {
            const bool utf16 = codec == Codec::utf16;
            const std::size_t consumed = utf16 ? decode_utf16(bytes, byte_order, false, out) : decode_utf32(bytes, byte_order, false, out);
            if (!out.failed() && byte_order == 0 && consumed >= (utf16 ? 2u : 4u)) {
                return CodecError{utf16 ? "UTF-16 stream does not start with BOM" : "UTF-32 stream does not start with BOM"};
            }
            break;
        }
        case Codec::utf16_le:
        case Codec::utf16_be: byte_order = fixed_byte_order(codec), decode_utf16(bytes, byte_order, false, out); break;
        case Codec::utf32_le:
        case Codec::utf32_be: byte_order = fixed_byte_order(codec), decode_utf32(bytes, byte_order, false, out); break;
        case Codec::latin1:
        case Codec::ascii:
        case Codec::cp1252: decode_single_byte(bytes, codec, out); break;
    }
    return std::move(out).result();
}

Coded encode(std::string_view text, Codec codec) {
    if (codec != Codec::utf8 && codec != Codec::latin1 && codec != Codec::ascii) {
        throw std::logic_error("str.encode is modelled for utf-8, latin-1 and ascii only");
    }
    const std::u32string chars = python::decode(text);
    const char* name = codec == Codec::utf8 ? "utf-8" : codec == Codec::latin1 ? "latin-1" : "ascii";
    const char* reason = codec == Codec::utf8     ? "surrogates not allowed"
                         : codec == Codec::latin1 ? "ordinal not in range(256)"
                                                  : "ordinal not in range(128)";
    const auto fits = [&](char32_t c) {
        return codec == Codec::utf8 ? c < 0xD800 || c > 0xDFFF : c < (codec == Codec::latin1 ? 0x100u : 0x80u);
    };
    std::string out;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        if (fits(chars[i])) {
            if (codec == Codec::utf8) append_utf8(out, chars[i]);
            else out += static_cast<char>(chars[i]);
            continue;
        }
        std::size_t end = i + 1;  // the run of characters that do not fit
        while (end < chars.size() && !fits(chars[end])) ++end;
        const std::string where = end == i + 1 ? "character " + character_repr(chars[i]) + " in position " + std::to_string(i)
                                               : "characters in position " + std::to_string(i) + "-" + std::to_string(end - 1);
        return CodecError{"'" + std::string(name) + "' codec can't encode " + where + ": " + reason};
    }
    return out;
}

}  // namespace authlab::python
