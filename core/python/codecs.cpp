#include "python/codecs.hpp"

#include "python/utf8.hpp"

#include <cctype>
#include <cstdint>

namespace authlab::python {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

std::optional<std::string> decode(std::string_view bytes, Codec codec, bool replace) {
    std::string out;
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    for (std::size_t i = 0; i < bytes.size();) {
        const unsigned char b = at(i);
        if (b < 0x80) {
            out += static_cast<char>(b);
            ++i;
            continue;
        }
        if (codec == Codec::latin1) {
            append_utf8(out, b);  // latin-1: each byte is its own code point
            ++i;
            continue;
        }
        // The second byte's range depends on the first (no overlongs, no surrogates, nothing
        // past U+10FFFF); later ones are 80-BF. ASCII has no multi-byte sequences at all.
        std::size_t need = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (codec == Codec::utf8) {
            if (b >= 0xC2 && b <= 0xDF) need = 1;
            else if (b == 0xE0) need = 2, lo = 0xA0;
            else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) need = 2;
            else if (b == 0xED) need = 2, hi = 0x9F;
            else if (b == 0xF0) need = 3, lo = 0x90;
            else if (b >= 0xF1 && b <= 0xF3) need = 3;
            else if (b == 0xF4) need = 3, hi = 0x8F;
        }
        std::size_t valid = 0;
        while (valid < need && i + 1 + valid < bytes.size()) {
            const unsigned char c = at(i + 1 + valid);
            if (c < (valid == 0 ? lo : 0x80) || c > (valid == 0 ? hi : 0xBF)) break;
            ++valid;
        }
        if (need > 0 && valid == need) {
            out.append(bytes.substr(i, need + 1));
            i += need + 1;
            continue;
        }
        if (!replace) return std::nullopt;
        out += replacement;
        i += 1 + valid;
    }
    return out;
}

}  // namespace

Codec codec_named(std::string_view charset) {
    std::string name;
    for (char c : charset) name += c == '-' || c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::string_view latin : {"latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819",
                                   "iso_ir_100", "csisolatin1", "iso_8859_1:1987"}) {
        if (name == latin) return Codec::latin1;
    }
    for (std::string_view ascii : {"ascii", "us_ascii", "646", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986",
                                   "cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv:1991", "iso_ir_6", "us"}) {
        if (name == ascii) return Codec::ascii;
    }
    return Codec::utf8;
}

std::optional<std::string> decode_strict(std::string_view bytes, Codec codec) { return decode(bytes, codec, false); }
std::string decode_replace(std::string_view bytes, Codec codec) { return *decode(bytes, codec, true); }

}  // namespace authlab::python
