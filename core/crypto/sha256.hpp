#pragma once
// SHA-256 (FIPS 180-4). Written here because no library builds for both native and WebAssembly.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace authlab::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;
using Sha256State = std::array<std::uint32_t, 8>;    // the chaining value, or a digest as words
using Sha256Block = std::array<std::uint32_t, 16>;   // one 64-byte block as big-endian words

// One compression: the primitive itself, for callers that hash fixed-size messages millions of
// times (PBKDF2) and so skip buffering, padding and byte conversion.
void sha256_compress(Sha256State& state, const Sha256Block& block);

class Sha256 {
public:
    static constexpr std::size_t block_size = 64;
    Sha256();
    void update(std::string_view bytes);
    Sha256Digest finish();  // the object must not be updated afterwards
    // The chaining value; what it means is only defined after whole blocks have been absorbed.
    const Sha256State& state() const { return state_; }

private:
    void compress(const std::uint8_t* block);
    Sha256State state_;
    std::array<std::uint8_t, block_size> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

Sha256Digest sha256(std::string_view bytes);

}  // namespace authlab::crypto
