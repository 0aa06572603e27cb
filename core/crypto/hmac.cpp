#include "crypto/hmac.hpp"

#include <algorithm>

namespace authlab::crypto {
namespace {

std::string_view as_bytes(const Sha256Digest& digest) {
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace

HmacSha256::HmacSha256(std::string_view key) {
    // Keys longer than a block are hashed first; shorter ones are zero-padded to a block.
    std::array<char, Sha256::block_size> block{};
    if (key.size() > Sha256::block_size) {
        const Sha256Digest hashed = sha256(key);
        std::copy(hashed.begin(), hashed.end(), block.begin());
    } else {
        std::copy(key.begin(), key.end(), block.begin());
    }

    std::array<char, Sha256::block_size> padded;
    for (std::size_t i = 0; i < block.size(); ++i) padded[i] = static_cast<char>(block[i] ^ 0x36);
    inner_.update({padded.data(), padded.size()});
    for (std::size_t i = 0; i < block.size(); ++i) padded[i] = static_cast<char>(block[i] ^ 0x5c);
    outer_.update({padded.data(), padded.size()});
}

Sha256Digest HmacSha256::mac(std::string_view message) const {
    Sha256 inner = inner_;
    inner.update(message);
    Sha256 outer = outer_;
    outer.update(as_bytes(inner.finish()));
    return outer.finish();
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view message) {
    return HmacSha256(key).mac(message);
}

}  // namespace authlab::crypto
