#pragma once
// The random source is injected so tests are deterministic; production uses the OS
// (getentropy natively, crypto.getRandomValues in the browser, both behind getentropy()).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace authlab::crypto {

class RandomSource {
public:
    virtual ~RandomSource() = default;
    virtual void fill(std::uint8_t* out, std::size_t size) = 0;

    std::string bytes(std::size_t size);
    std::string hex(std::size_t byte_count);                  // lowercase, 2 chars a byte
    // `length` characters drawn uniformly from `alphabet` (Django's get_random_string).
    // Throws std::invalid_argument unless the alphabet has 1 to 256 characters.
    std::string string_from(std::string_view alphabet, std::size_t length);
};

// Throws std::system_error if the OS has no entropy to give.
class SystemRandom final : public RandomSource {
public:
    void fill(std::uint8_t* out, std::size_t size) override;
};

// Deterministic stream for tests (not for secrets): the same seed gives the same bytes.
// splitmix64; each fill() starts a fresh 64-bit word, so the bytes depend on the call sizes.
class SeededRandom final : public RandomSource {
public:
    explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
    void fill(std::uint8_t* out, std::size_t size) override;

private:
    std::uint64_t state_;
};

}  // namespace authlab::crypto
