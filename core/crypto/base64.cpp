#include "crypto/base64.hpp"

#include <array>
#include <cstdint>

namespace authlab::crypto {
namespace {

constexpr std::string_view standard_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::uint8_t not_in_alphabet = 0xff;
using DecodeTable = std::array<std::uint8_t, 256>;

constexpr DecodeTable decode_table(std::string_view alphabet) {
    DecodeTable table{};
    for (auto& entry : table) entry = not_in_alphabet;
    for (std::size_t i = 0; i < alphabet.size(); ++i) {
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    }
    return table;
}

constexpr DecodeTable standard_table = decode_table(standard_alphabet);
constexpr DecodeTable url_table = decode_table(url_alphabet);

unsigned char byte_at(std::string_view text, std::size_t i) {
    return static_cast<unsigned char>(text[i]);
}

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t group = std::uint32_t{byte_at(bytes, i)} << 16 |
                                    std::uint32_t{byte_at(bytes, i + 1)} << 8 | byte_at(bytes, i + 2);
        out += alphabet[group >> 18];
        out += alphabet[(group >> 12) & 63];
        out += alphabet[(group >> 6) & 63];
        out += alphabet[group & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0) return out;
    // One or two bytes left: two or three characters, then '=' up to four if padding.
    std::uint32_t group = std::uint32_t{byte_at(bytes, i)} << 16;
    if (rest == 2) group |= std::uint32_t{byte_at(bytes, i + 1)} << 8;
    out += alphabet[group >> 18];
    out += alphabet[(group >> 12) & 63];
    if (rest == 2) out += alphabet[(group >> 6) & 63];
    if (pad) out.append(3 - rest, '=');
    return out;
}

// Turns sextets (values 0-63) into bytes the way CPython's a2b_base64 does: every sextet but
// the first of a group of four completes a byte; bits left over at the end are dropped.
struct SextetDecoder {
    std::string out;
    int quad_pos = 0;  // sextets of the current group already seen
    std::uint8_t carry = 0;

    void push(std::uint8_t sextet) {
        switch (quad_pos) {
            case 0:
                carry = sextet;
                break;
            case 1:
                out += static_cast<char>(carry << 2 | sextet >> 4);
                carry = sextet & 0x0f;
                break;
            case 2:
                out += static_cast<char>(carry << 4 | sextet >> 2);
                carry = sextet & 0x03;
                break;
            default:
                out += static_cast<char>(carry << 6 | sextet);
                break;
        }
        quad_pos = (quad_pos + 1) % 4;
    }
};

std::optional<std::string> decode_strict(std::string_view text, const DecodeTable& table) {
    // Padding, if present, is one or two '=' completing a group of four.
    std::size_t pads = 0;
    while (pads < text.size() && text[text.size() - 1 - pads] == '=') ++pads;
    if (pads > 0 && (pads > 2 || text.size() % 4 != 0)) return std::nullopt;
    const std::string_view data = text.substr(0, text.size() - pads);
    if (data.size() % 4 == 1) return std::nullopt;  // no input encodes to this length

    SextetDecoder decoder;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const std::uint8_t sextet = table[byte_at(data, i)];
        if (sextet == not_in_alphabet) return std::nullopt;
        decoder.push(sextet);
    }
    return std::move(decoder.out);
}

}  // namespace

std::string base64_encode(std::string_view bytes) { return encode(bytes, standard_alphabet, true); }

std::string base64_encode_unpadded(std::string_view bytes) {
    return encode(bytes, standard_alphabet, false);
}

std::string base64url_encode(std::string_view bytes) { return encode(bytes, url_alphabet, false); }

std::optional<std::string> base64_decode(std::string_view text) {
    return decode_strict(text, standard_table);
}

std::optional<std::string> base64url_decode(std::string_view text) {
    return decode_strict(text, url_table);
}

std::optional<std::string> base64_decode_lenient(std::string_view text) {
    // A line-by-line rendering of binascii.a2b_base64 with strict_mode off (CPython 3.11).
    SextetDecoder decoder;
    int pads = 0;  // '=' seen since the last data character
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '=') {
            // '=' before the second data character of a group is ignored; otherwise it counts,
            // and once the group is complete the input ends, whatever follows.
            if (decoder.quad_pos >= 2 && decoder.quad_pos + ++pads >= 4) {
                return std::move(decoder.out);
            }
            continue;
        }
        const std::uint8_t sextet = standard_table[byte_at(text, i)];
        if (sextet == not_in_alphabet) continue;  // skipped without resetting `pads`
        pads = 0;
        decoder.push(sextet);
    }
    // A group left open: one data character too many, or missing padding.
    if (decoder.quad_pos != 0) return std::nullopt;
    return std::move(decoder.out);
}

}  // namespace authlab::crypto
