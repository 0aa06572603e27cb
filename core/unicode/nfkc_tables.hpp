#pragma once
// The Unicode data nfkc.cpp normalizes with, generated from Python's unicodedata into
// nfkc_tables.cpp by tools/generate_unicode_tables.py. It ships as compact byte streams (they
// are most of the module's data otherwise) that decoded() expands once, on first use, into
// sorted tables for binary search. Hangul syllables have no rows: nfkc.cpp computes them.
#include <cstdint>
#include <span>
#include <vector>

namespace authlab::unicode::tables {

extern const char unicode_version[];  // "14.0.0": Python 3.11's unicodedata.unidata_version

// A run of consecutive code points sharing one non-zero canonical combining class; every
// code point outside the runs has class 0.
struct CombiningRange {
    char32_t first;
    std::uint16_t length;
    std::uint8_t ccc;
};

// A full decomposition, already flattened and canonically ordered: `size` code points at
// `offset` in Tables::decomposition_code_points.
struct Decomposition {
    char32_t code_point;
    std::uint16_t offset;
    std::uint8_t size;
};

// A primary composite: `first` followed by `second` composes to `composite`.
struct Composition {
    char32_t first;
    char32_t second;
    char32_t composite;
};

struct Tables {
    std::vector<CombiningRange> combining_ranges;  // sorted by first
    // normalize('NFD', c) for every c it changes, sorted by code point.
    std::vector<Decomposition> canonical_decompositions;
    // normalize('NFKD', c) for every c where it differs from normalize('NFD', c), sorted likewise.
    std::vector<Decomposition> compatibility_decompositions;
    std::vector<char32_t> decomposition_code_points;
    // Sorted by (second, first): most characters are never a second, and the front says so fast.
    std::vector<Composition> compositions;
};

// The tables, decoded from the streams below on the first call (thread-safe, as any
// function-local static).
const Tables& decoded();

// The generated streams. Every number is a LEB128 varint (7 bits a byte, low bits first, the
// top bit set on all but a number's last byte); a "delta" is a zigzag-coded signed difference
// (0, -1, 1, -2, 2 ... written as 0, 1, 2, 3, 4 ...).
namespace encoded {
// Per range: the gap since the previous range ended (since 0 for the first), length, class.
extern const std::span<const std::uint8_t> combining_ranges;
// Per decomposition, by code point: the step from the previous code point (from 0 for the
// first); size * 2, plus 1 when the code point is a primary composite; each code point of
// the decomposition as a delta from the previous decomposition's at the same position (its
// last when it is shorter; 0 for the first decomposition); then, for a composite only, its
// composition's first as a delta from the decomposition's first. The composition's second
// is always the decomposition's last code point. Neighbours decompose alike, so most deltas
// are small and repeat, which is what gzip is good at.
extern const std::span<const std::uint8_t> canonical_decompositions;
extern const std::span<const std::uint8_t> compatibility_decompositions;  // no composites
}  // namespace encoded

}  // namespace authlab::unicode::tables
