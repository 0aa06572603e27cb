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
        Sha256Digest u = prf.mac(first);
        Sha256Digest block = u;
        for (std::uint32_t j = 1; j < iterations; ++j) {
            u = prf.mac({reinterpret_cast<const char*>(u.data()), u.size()});
            for (std::size_t k = 0; k < block.size(); ++k) block[k] ^= u[k];
        }
        const std::size_t take = std::min(block.size(), length - out.size());
        out.append(reinterpret_cast<const char*>(block.data()), take);
    }
    return out;
}

}  // namespace authlab::crypto
