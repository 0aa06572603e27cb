#pragma once
// The Unicode data nfkc.cpp normalizes with, generated from Python's unicodedata into
// nfkc_tables.cpp by tools/generate_unicode_tables.py. Every table is sorted by its first
// field for binary search. Hangul syllables have no rows: nfkc.cpp computes them.
#include <cstdint>
#include <span>

namespace authlab::unicode::tables {

extern const char unicode_version[];  // "14.0.0": Python 3.11's unicodedata.unidata_version

// A run of consecutive code points sharing one non-zero canonical combining class; every
// code point outside the runs has class 0.
struct CombiningRange {
    char32_t first;
    std::uint16_t length;
    std::uint8_t ccc;
};

// A full decomposition, already flattened and canonically ordered: `size` UTF-8 bytes at
// `offset` in decomposition_bytes.
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

extern const std::span<const CombiningRange> combining_ranges;
// normalize('NFD', c) for every c it changes.
extern const std::span<const Decomposition> canonical_decompositions;
// normalize('NFKD', c) for every c where it differs from normalize('NFD', c).
extern const std::span<const Decomposition> compatibility_decompositions;
extern const std::span<const std::uint8_t> decomposition_bytes;
// Sorted by (second, first): most characters are never a second, and the front says so fast.
extern const std::span<const Composition> compositions;

}  // namespace authlab::unicode::tables
