#include "crypto/sha1.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace authlab::crypto {
namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

std::string_view as_bytes(const Sha1Digest& digest) { return {reinterpret_cast<const char*>(digest.data()), digest.size()}; }

// HMAC-SHA1 with the padded key absorbed once, as HmacSha256 does.
class HmacSha1 {
public:
    explicit HmacSha1(std::string_view key) {
        std::array<char, Sha1::block_size> block{};
        if (key.size() > Sha1::block_size) {
            const Sha1Digest hashed = sha1(key);
            std::copy(hashed.begin(), hashed.end(), block.begin());
        } else {
            std::copy(key.begin(), key.end(), block.begin());
        }
        std::array<char, Sha1::block_size> padded;
        for (std::size_t i = 0; i < block.size(); ++i) padded[i] = static_cast<char>(block[i] ^ 0x36);
        inner_.update({padded.data(), padded.size()});
        for (std::size_t i = 0; i < block.size(); ++i) padded[i] = static_cast<char>(block[i] ^ 0x5c);
        outer_.update({padded.data(), padded.size()});
    }
    Sha1Digest mac(std::string_view message) const {
        Sha1 inner = inner_;
        inner.update(message);
        Sha1 outer = outer_;
        outer.update(as_bytes(inner.finish()));
        return outer.finish();
    }

private:
    Sha1 inner_, outer_;
};

}  // namespace

Sha1::Sha1() : state_{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0} {}

void Sha1::compress(const std::uint8_t* block) {
    std::array<std::uint32_t, 80> w;
    for (std::size_t t = 0; t < 16; ++t) {
        w[t] = std::uint32_t{block[4 * t]} << 24 | std::uint32_t{block[4 * t + 1]} << 16 |
               std::uint32_t{block[4 * t + 2]} << 8 | std::uint32_t{block[4 * t + 3]};
    }
    for (std::size_t t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    auto [a, b, c, d, e] = state_;
    for (std::size_t t = 0; t < 80; ++t) {
        std::uint32_t f, k;
        if (t < 20) f = (b & c) | (~b & d), k = 0x5A827999;
        else if (t < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
        else if (t < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
        else f = b ^ c ^ d, k = 0xCA62C1D6;
        const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    state_[0] += a;
    state_[1] += b;
    state_[2] += c;
    state_[3] += d;
    state_[4] += e;
}

void Sha1::update(std::string_view bytes) {
    const auto* in = reinterpret_cast<const std::uint8_t*>(bytes.data());
    std::size_t size = bytes.size();
    total_bytes_ += size;
    while (size > 0) {
        const std::size_t take = std::min(size, block_size - buffered_);
        std::memcpy(buffer_.data() + buffered_, in, take);
        buffered_ += take;
        in += take;
        size -= take;
        if (buffered_ == block_size) {
            compress(buffer_.data());
            buffered_ = 0;
        }
    }
}

Sha1Digest Sha1::finish() {
    const std::uint64_t bits = total_bytes_ * 8;
    const std::uint8_t one = 0x80;
    update({reinterpret_cast<const char*>(&one), 1});
    const std::uint8_t zero = 0;
    while (buffered_ != block_size - 8) update({reinterpret_cast<const char*>(&zero), 1});
    std::array<std::uint8_t, 8> length;
    for (int i = 0; i < 8; ++i) length[i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    update({reinterpret_cast<const char*>(length.data()), length.size()});
    Sha1Digest out;
    for (std::size_t i = 0; i < 5; ++i) {
        for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<std::uint8_t>(state_[i] >> (24 - 8 * j));
    }
    return out;
}

Sha1Digest sha1(std::string_view bytes) {
    Sha1 hash;
    hash.update(bytes);
    return hash.finish();
}

std::string pbkdf2_hmac_sha1(std::string_view password, std::string_view salt, std::uint32_t iterations, std::size_t length) {
    if (iterations == 0) throw std::invalid_argument("PBKDF2 needs at least one iteration");
    const HmacSha1 prf(password);
    std::string out;
    for (std::uint32_t index = 1; out.size() < length; ++index) {
        std::string first(salt);
        for (int shift = 24; shift >= 0; shift -= 8) first.push_back(static_cast<char>(index >> shift));
        Sha1Digest u = prf.mac(first);
        Sha1Digest block = u;
        for (std::uint32_t j = 1; j < iterations; ++j) {
            u = prf.mac(as_bytes(u));
            for (std::size_t k = 0; k < block.size(); ++k) block[k] ^= u[k];
        }
        out.append(reinterpret_cast<const char*>(block.data()), std::min(block.size(), length - out.size()));
    }
    return out;
}

}  // namespace authlab::crypto
