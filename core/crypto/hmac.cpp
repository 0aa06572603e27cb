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

Sha256State HmacSha256::mac_of_digest(const Sha256State& message) const {
    // After the key block, each hash sees 32 bytes, then 0x80, zeros and the length in bits
    // of key block + message: (64 + 32) * 8.
    Sha256Block block{};
    block[8] = 0x80000000;
    block[15] = (Sha256::block_size + 32) * 8;
    std::copy(message.begin(), message.end(), block.begin());
    Sha256State inner = inner_.state();
    sha256_compress(inner, block);
    std::copy(inner.begin(), inner.end(), block.begin());
    Sha256State outer = outer_.state();
    sha256_compress(outer, block);
    return outer;
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view message) {
    return HmacSha256(key).mac(message);
}

}  // namespace authlab::crypto
