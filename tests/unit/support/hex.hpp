#pragma once
// Bytes as lowercase hex and back: how test inputs and answers travel to and from Python
// (bytes.fromhex, bytes.hex) when they may hold any byte, and how a failure shows them.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace authlab::testing {

inline std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const std::uint8_t byte : bytes) {
        out += digits[byte >> 4];
        out += digits[byte & 0x0f];
    }
    return out;
}

inline std::string to_hex(std::string_view bytes) {
    return to_hex(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

// Two digits a byte; a last lone digit is ignored.
inline std::string from_hex(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        out += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
    }
    return out;
}

}  // namespace authlab::testing
