#!/usr/bin/python3
"""Writes core/unicode/nfkc_tables.cpp: the data behind authlab::unicode::nfc/nfkc.

Run from anywhere with Debian's Python (3.11, Unicode 14.0.0):

    /usr/bin/python3 tools/generate_unicode_tables.py

Everything comes from the running Python's unicodedata, so our normalization is Python's:
canonical combining classes from combining(), decompositions from decomposition() expanded
recursively (and checked against normalize('NFD'/'NFKD') for every code point), and the
composition pairs are the two-character canonical decompositions that normalize('NFC') puts
back together (which leaves out exactly the composition exclusions). Hangul syllables are
arithmetic in nfkc.cpp and have no rows here. The output depends only on the Unicode
version, so reruns give the same file byte for byte.
"""
import pathlib
import sys
import unicodedata

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "core" / "unicode" / "nfkc_tables.cpp"

S_BASE, L_BASE, V_BASE, T_BASE = 0xAC00, 0x1100, 0x1161, 0x11A7
V_COUNT, T_COUNT, S_COUNT = 21, 28, 11172


def characters():
    """Every code point Python keeps as a character, less surrogates and Hangul syllables."""
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF or S_BASE <= code < S_BASE + S_COUNT:
            continue
        yield code


def expand(code, compatibility):
    """The full decomposition of one code point, as UAX #15 defines it, before reordering."""
    if S_BASE <= code < S_BASE + S_COUNT:
        index = code - S_BASE
        parts = [L_BASE + index // (V_COUNT * T_COUNT), V_BASE + index % (V_COUNT * T_COUNT) // T_COUNT]
        if index % T_COUNT:
            parts.append(T_BASE + index % T_COUNT)
        return parts
    mapping = unicodedata.decomposition(chr(code)).split()
    if not mapping or (mapping[0].startswith("<") and not compatibility):
        return [code]
    if mapping[0].startswith("<"):
        mapping = mapping[1:]
    return [part for piece in mapping for part in expand(int(piece, 16), compatibility)]


def canonically_ordered(codes):
    """Stable sort of each run of non-starters by combining class (UAX #15 canonical ordering)."""
    out, run = [], []
    for code in codes + [None]:
        if code is not None and unicodedata.combining(chr(code)):
            run.append(code)
            continue
        out += sorted(run, key=lambda c: unicodedata.combining(chr(c)))
        run = []
        if code is not None:
            out.append(code)
    return out


def combining_ranges():
    """(first, length, class) for each run of consecutive code points sharing a non-zero class."""
    ranges = []
    for code in range(0x110000):
        ccc = unicodedata.combining(chr(code))
        if not ccc:
            continue
        if ranges and ranges[-1][0] + ranges[-1][1] == code and ranges[-1][2] == ccc:
            ranges[-1][1] += 1
        else:
            ranges.append([code, 1, ccc])
    assert all(length < 1 << 16 for _, length, _ in ranges)
    return ranges


class Pool:
    """The UTF-8 bytes of every decomposition, each stored once."""

    def __init__(self):
        self.data = bytearray()

    def add(self, text):
        encoded = text.encode("utf-8")
        offset = self.data.find(encoded)
        if offset < 0:
            offset = len(self.data)
            self.data += encoded
        assert offset < 1 << 16 and len(encoded) < 1 << 8
        return offset, len(encoded)


def decompositions(pool):
    canonical, compatibility = [], []
    for code in characters():
        alone = chr(code)
        nfd = unicodedata.normalize("NFD", alone)
        nfkd = unicodedata.normalize("NFKD", alone)
        assert nfd == "".join(map(chr, canonically_ordered(expand(code, False)))), hex(code)
        assert nfkd == "".join(map(chr, canonically_ordered(expand(code, True)))), hex(code)
        if nfd != alone:
            canonical.append((code, *pool.add(nfd)))
        if nfkd != nfd:
            compatibility.append((code, *pool.add(nfkd)))
    return canonical, compatibility


def compositions():
    pairs = []
    for code in characters():
        mapping = unicodedata.decomposition(chr(code)).split()
        if len(mapping) != 2 or mapping[0].startswith("<"):
            continue
        first, second = (int(piece, 16) for piece in mapping)
        if unicodedata.normalize("NFC", chr(first) + chr(second)) == chr(code):
            assert unicodedata.combining(chr(first)) == 0 and unicodedata.combining(chr(code)) == 0
            pairs.append((first, second, code))
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


def rows(items, per_line, format_item):
    lines = []
    for start in range(0, len(items), per_line):
        lines.append("    " + " ".join(format_item(item) + "," for item in items[start:start + per_line]))
    return "\n".join(lines)


def main():
    pool = Pool()
    ccc = combining_ranges()
    canonical, compatibility = decompositions(pool)
    pairs = compositions()
    decomposition_row = lambda row: "{0x%04X, %d, %d}" % row
    text = f"""\
// Generated by tools/generate_unicode_tables.py from Python {sys.version_info.major}.{sys.version_info.minor}'s unicodedata, Unicode {unicodedata.unidata_version}.
// Do not edit; regenerate with: /usr/bin/python3 tools/generate_unicode_tables.py
#include "unicode/nfkc_tables.hpp"

namespace authlab::unicode::tables {{

const char unicode_version[] = "{unicodedata.unidata_version}";

namespace {{

constexpr CombiningRange kCombiningRanges[] = {{
{rows(ccc, 6, lambda row: "{0x%04X, %d, %d}" % tuple(row))}
}};

constexpr Decomposition kCanonical[] = {{
{rows(canonical, 6, decomposition_row)}
}};

constexpr Decomposition kCompatibility[] = {{
{rows(compatibility, 6, decomposition_row)}
}};

constexpr std::uint8_t kDecompositionBytes[] = {{
{rows(list(pool.data), 16, lambda byte: "0x%02X" % byte)}
}};

constexpr Composition kCompositions[] = {{
{rows(pairs, 4, lambda row: "{0x%04X, 0x%04X, 0x%04X}" % row)}
}};

}}  // namespace

const std::span<const CombiningRange> combining_ranges(kCombiningRanges);
const std::span<const Decomposition> canonical_decompositions(kCanonical);
const std::span<const Decomposition> compatibility_decompositions(kCompatibility);
const std::span<const std::uint8_t> decomposition_bytes(kDecompositionBytes);
const std::span<const Composition> compositions(kCompositions);

}}  // namespace authlab::unicode::tables
"""
    OUTPUT.write_text(text)
    print(f"{OUTPUT}: {len(ccc)} combining ranges, {len(canonical)} canonical and "
          f"{len(compatibility)} compatibility decompositions in {len(pool.data)} bytes, "
          f"{len(pairs)} compositions (Unicode {unicodedata.unidata_version})")


if __name__ == "__main__":
    main()
