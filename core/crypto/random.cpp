#include "crypto/random.hpp"

#include "crypto/hex.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace authlab::crypto {

std::string RandomSource::bytes(std::size_t size) {
    std::string out(size, '\0');
    fill(reinterpret_cast<std::uint8_t*>(out.data()), size);
    return out;
}

std::string RandomSource::hex(std::size_t byte_count) { return hex_encode(bytes(byte_count)); }

std::string RandomSource::string_from(std::string_view alphabet, std::size_t length) {
    if (alphabet.empty() || alphabet.size() > 256) {
        throw std::invalid_argument("string_from needs an alphabet of 1 to 256 characters");
    }
    // Rejection sampling: a byte is masked to the smallest power of two covering the alphabet
    // and redrawn if it lands past the end, so every character is equally likely (a plain
    // modulo would favour the first 256 % size characters).
    unsigned mask = 0;
    while (mask < alphabet.size() - 1) mask = mask << 1 | 1;
    std::string out;
    out.reserve(length);
    while (out.size() < length) {
        // Draw as many bytes as characters still missing; the rejected ones need another round.
        for (const char c : bytes(length - out.size())) {
            const unsigned index = static_cast<unsigned char>(c) & mask;
            if (index < alphabet.size()) out += alphabet[index];
        }
    }
    return out;
}

void SystemRandom::fill(std::uint8_t* out, std::size_t size) {
    // getentropy() serves at most 256 bytes a call. Emscripten implements it with
    // crypto.getRandomValues (browser) or crypto.randomBytes (Node.js).
    constexpr std::size_t max_chunk = 256;
    while (size > 0) {
        const std::size_t chunk = std::min(size, max_chunk);
        if (getentropy(out, chunk) != 0) {
            throw std::system_error(errno, std::generic_category(), "getentropy");
        }
        out += chunk;
        size -= chunk;
    }
}

void SeededRandom::fill(std::uint8_t* out, std::size_t size) {
    // splitmix64: one 64-bit output per step, used byte by byte.
    for (std::size_t i = 0; i < size; i += 8) {
        state_ += 0x9e3779b97f4a7c15;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        z ^= z >> 31;
        for (std::size_t j = i; j < std::min(size, i + 8); ++j, z >>= 8) {
            out[j] = static_cast<std::uint8_t>(z);
        }
    }
}

}  // namespace authlab::crypto
