#pragma once
// SHA-256 (FIPS 180-4). Written here because no library builds for both native and WebAssembly.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace authlab::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
public:
    static constexpr std::size_t block_size = 64;
    Sha256();
    void update(std::string_view bytes);
    Sha256Digest finish();  // the object must not be updated afterwards

private:
    void compress(const std::uint8_t* block);
    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, block_size> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

Sha256Digest sha256(std::string_view bytes);

}  // namespace authlab::crypto
