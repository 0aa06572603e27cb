#pragma once
// SHA-1 (FIPS 180-4) and PBKDF2-HMAC-SHA1, for the hashes Django's PBKDF2SHA1PasswordHasher
// wrote. Only for reading old hashes: nothing new is made with SHA-1.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace authlab::crypto {

using Sha1Digest = std::array<std::uint8_t, 20>;

class Sha1 {
public:
    static constexpr std::size_t block_size = 64;
    Sha1();
    void update(std::string_view bytes);
    Sha1Digest finish();  // the object must not be updated afterwards

private:
    void compress(const std::uint8_t* block);
    std::array<std::uint32_t, 5> state_;
    std::array<std::uint8_t, block_size> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

Sha1Digest sha1(std::string_view bytes);

// `length` derived bytes; throws std::invalid_argument for zero iterations.
std::string pbkdf2_hmac_sha1(std::string_view password, std::string_view salt, std::uint32_t iterations, std::size_t length);

}  // namespace authlab::crypto
