#include "crypto/pbkdf2.hpp"

#include <algorithm>
#include <stdexcept>

#include "crypto/hmac.hpp"

namespace authlab::crypto {

std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt,
                               std::uint32_t iterations, std::size_t length) {
    if (iterations == 0) throw std::invalid_argument("PBKDF2 needs at least one iteration");
    // The password is the HMAC key of every iteration: prepare it once.
    const HmacSha256 prf(password);
    std::string out;
    out.reserve(length);

    // Block i (from 1) is U_1 ^ ... ^ U_c, where U_1 = PRF(salt || INT(i)), U_j = PRF(U_{j-1}).
    for (std::uint32_t index = 1; out.size() < length; ++index) {
        std::string first(salt);
        for (int shift = 24; shift >= 0; shift -= 8) {
            first.push_back(static_cast<char>(index >> shift));
        }
        const Sha256Digest first_mac = prf.mac(first);
        // The chain stays in words: each later U is the MAC of a 32-byte digest.
        Sha256State u;
        for (std::size_t k = 0; k < u.size(); ++k) {
            u[k] = std::uint32_t{first_mac[4 * k]} << 24 | std::uint32_t{first_mac[4 * k + 1]} << 16 |
                   std::uint32_t{first_mac[4 * k + 2]} << 8 | std::uint32_t{first_mac[4 * k + 3]};
        }
        Sha256State block = u;
        for (std::uint32_t j = 1; j < iterations; ++j) {
            u = prf.mac_of_digest(u);
            for (std::size_t k = 0; k < block.size(); ++k) block[k] ^= u[k];
        }
        for (std::size_t k = 0; k < block.size() && out.size() < length; ++k) {
            for (int shift = 24; shift >= 0 && out.size() < length; shift -= 8) {
                out.push_back(static_cast<char>(block[k] >> shift));
            }
        }
    }
    return out;
}

}  // namespace authlab::crypto
