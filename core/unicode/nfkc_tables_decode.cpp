// Expands the generated streams of nfkc_tables.cpp (format in nfkc_tables.hpp) into the
// tables nfkc.cpp searches. Storing streams rather than arrays of structs keeps the data
// small in the WebAssembly module; expanding them takes about 0.2 ms natively and 2–5 ms in
// Node.js, most of it compiling this decoder, once, at the first normalization.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "unicode/nfkc_tables.hpp"

namespace authlab::unicode::tables {
namespace {

// Reads one stream's numbers front to back. The streams are generated, so well-formed.
class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    bool done() const { return next_ == bytes_.size(); }

    std::uint32_t number() {
        std::uint32_t value = 0;
        for (int shift = 0;; shift += 7) {
            const std::uint8_t byte = bytes_[next_++];
            value |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
            if (byte < 0x80) return value;
        }
    }

    // A zigzag-coded difference, returned modulo 2^32 so that adding it to a code point
    // steps back as well as forward.
    char32_t delta() {
        const std::uint32_t zigzag = number();
        return (zigzag & 1) != 0 ? ~(zigzag >> 1) : zigzag >> 1;
    }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t next_ = 0;
};

std::vector<CombiningRange> read_combining_ranges() {
    std::vector<CombiningRange> ranges;
    char32_t end = 0;
    for (Reader in(encoded::combining_ranges); !in.done();) {
        const char32_t first = end + in.number();
        const auto length = static_cast<std::uint16_t>(in.number());
        ranges.push_back({first, length, static_cast<std::uint8_t>(in.number())});
        end = first + length;
    }
    return ranges;
}

// Appends one stream's decompositions to `table` and their code points to `tables`'s pool;
// the composites among them go to `tables.compositions`.
void read_decompositions(std::span<const std::uint8_t> stream, std::vector<Decomposition>& table, Tables& tables) {
    std::vector<char32_t>& pool = tables.decomposition_code_points;
    // Room enough (a code point takes a byte or more, a row three or more): growing the vectors
    // as they fill took a third of the decode's time in WebAssembly.
    pool.reserve(pool.size() + stream.size());
    table.reserve(stream.size() / 3);
    char32_t code = 0;
    for (Reader in(stream); !in.done();) {
        code += in.number();
        const std::uint32_t size_and_composite = in.number();
        const Decomposition entry{code, static_cast<std::uint16_t>(pool.size()),
                                  static_cast<std::uint8_t>(size_and_composite >> 1)};
        for (std::size_t position = 0; position < entry.size; ++position) {
            char32_t reference = 0;
            if (!table.empty()) {
                const Decomposition& previous = table.back();
                reference = pool[previous.offset + std::min<std::size_t>(position, previous.size - 1)];
            }
            pool.push_back(reference + in.delta());
        }
        if ((size_and_composite & 1) != 0) {
            const char32_t first = pool[entry.offset] + in.delta();
            tables.compositions.push_back({first, pool.back(), code});
        }
        table.push_back(entry);
    }
}

Tables decode() {
    Tables tables;
    tables.combining_ranges = read_combining_ranges();
    read_decompositions(encoded::canonical_decompositions, tables.canonical_decompositions, tables);
    read_decompositions(encoded::compatibility_decompositions, tables.compatibility_decompositions, tables);
    std::sort(tables.compositions.begin(), tables.compositions.end(), [](const Composition& a, const Composition& b) {
        return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    return tables;
}

}  // namespace

const Tables& decoded() {
    static const Tables tables = decode();
    return tables;
}

}  // namespace authlab::unicode::tables
