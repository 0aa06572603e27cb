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

The tables ship inside the WebAssembly module, so they are written as compact byte streams
(the format is in nfkc_tables.hpp) that nfkc_tables_decode.cpp expands once, on first use:
25 KB, 10 KB gzipped, where arrays of structs took 74 KB, 38 KB gzipped. Of the encodings
measured, varint code points with the UTF-8 inline gzipped to 15.6 KB, the same split into
columns to 15.0 KB; coding each code point as a delta from the previous row's did best.
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


def decompositions():
    """(code, code points) rows of normalize('NFD') and, where it differs, of normalize('NFKD')."""
    canonical, compatibility = [], []
    for code in characters():
        alone = chr(code)
        nfd = unicodedata.normalize("NFD", alone)
        nfkd = unicodedata.normalize("NFKD", alone)
        assert nfd == "".join(map(chr, canonically_ordered(expand(code, False)))), hex(code)
        assert nfkd == "".join(map(chr, canonically_ordered(expand(code, True)))), hex(code)
        if nfd != alone:
            canonical.append((code, [ord(c) for c in nfd]))
        if nfkd != nfd:
            compatibility.append((code, [ord(c) for c in nfkd]))
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
    return pairs


def varint(number):
    """LEB128: seven bits a byte, low bits first, the top bit set on all but the last byte."""
    out = bytearray()
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)
    return out


def zigzag(delta):
    """A signed delta as a varint's number: 0, -1, 1, -2, 2 ... become 0, 1, 2, 3, 4 ..."""
    return delta * 2 if delta >= 0 else -delta * 2 - 1


def encode_combining_ranges(ranges):
    """Per range: the gap since the previous range ended, its length, its class."""
    out, end = bytearray(), 0
    for first, length, ccc in ranges:
        out += varint(first - end) + varint(length) + varint(ccc)
        end = first + length
    return out


def encode_decompositions(rows, composition_firsts):
    """Rows of (code, code points) as nfkc_tables.hpp describes; a code in composition_firsts
    is a primary composite, and its composition's first follows its decomposition."""
    out, previous_code, previous = bytearray(), 0, [0]
    for code, parts in rows:
        first = composition_firsts.get(code)
        out += varint(code - previous_code) + varint(len(parts) * 2 + (first is not None))
        for position, part in enumerate(parts):
            out += varint(zigzag(part - previous[min(position, len(previous) - 1)]))
        if first is not None:
            out += varint(zigzag(first - parts[0]))
        previous_code, previous = code, parts
    return out


def rows(data, per_line=16):
    lines = []
    for start in range(0, len(data), per_line):
        lines.append("    " + " ".join("0x%02X," % byte for byte in data[start:start + per_line]))
    return "\n".join(lines)


def main():
    ccc = combining_ranges()
    canonical, compatibility = decompositions()
    pairs = compositions()
    # The decoded tables index their code points with uint16_t offsets and uint8_t sizes.
    assert sum(len(parts) for _, parts in canonical + compatibility) < 1 << 16
    assert all(len(parts) < 1 << 8 for _, parts in canonical + compatibility)
    # A composite's second is the last code point of its decomposition, so only its first is stored.
    nfd = dict(canonical)
    assert all(nfd[composite][-1] == second for _, second, composite in pairs)
    composition_firsts = {composite: first for first, _, composite in pairs}
    streams = {
        "CombiningRanges": encode_combining_ranges(ccc),
        "Canonical": encode_decompositions(canonical, composition_firsts),
        "Compatibility": encode_decompositions(compatibility, {}),
    }
    arrays = "\n\n".join(f"constexpr std::uint8_t k{name}[] = {{\n{rows(data)}\n}};" for name, data in streams.items())
    text = f"""\
// Generated by tools/generate_unicode_tables.py from Python {sys.version_info.major}.{sys.version_info.minor}'s unicodedata, Unicode {unicodedata.unidata_version}.
// Do not edit; regenerate with: /usr/bin/python3 tools/generate_unicode_tables.py
// The streams' format is in nfkc_tables.hpp; nfkc_tables_decode.cpp expands them.
#include "unicode/nfkc_tables.hpp"

namespace authlab::unicode::tables {{

const char unicode_version[] = "{unicodedata.unidata_version}";

namespace {{

{arrays}

}}  // namespace

namespace encoded {{
const std::span<const std::uint8_t> combining_ranges(kCombiningRanges);
const std::span<const std::uint8_t> canonical_decompositions(kCanonical);
const std::span<const std::uint8_t> compatibility_decompositions(kCompatibility);
}}  // namespace encoded

}}  // namespace authlab::unicode::tables
"""
    OUTPUT.write_text(text)
    sizes = ", ".join(f"{len(data)}" for data in streams.values())
    print(f"{OUTPUT}: {len(ccc)} combining ranges, {len(canonical)} canonical and "
          f"{len(compatibility)} compatibility decompositions, {len(pairs)} compositions "
          f"(Unicode {unicodedata.unidata_version}) in streams of {sizes} bytes")


if __name__ == "__main__":
    main()
