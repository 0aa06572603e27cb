#include "unicode/nfkc.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "python/utf8.hpp"
#include "unicode/nfkc_tables.hpp"

// UAX #15 as CPython's unicodedata implements it (nfd_nfkd, then nfc_nfkc): full decomposition,
// canonical ordering, canonical composition. The tables are Python's own data, so the results
// are Python's for every input (tests/unit/unicode_nfkc_test.cpp asks Python to be sure).
namespace authlab::unicode {
namespace {

using tables::CombiningRange;
using tables::Composition;
using tables::Decomposition;

// Hangul syllables decompose and compose by arithmetic (Unicode §3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28;
constexpr char32_t kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

// A byte that is not UTF-8 travels as kRawByte + byte: class 0, no decomposition, composes with
// nothing, so it stays where it is and comes out as the same byte.
constexpr char32_t kRawByte = 0x110000;

struct Character {
    char32_t code;
    std::uint8_t ccc;
};

struct Decoded {
    char32_t code;
    std::size_t size;
};

// The character at the front of `bytes` (not empty). Lone surrogates are characters, as in
// Python; anything else that is not well-formed UTF-8 is one raw byte.
Decoded decode_front(std::string_view bytes) {
    const auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(bytes[i])); };
    const char32_t lead = byte(0);
    const Decoded raw{kRawByte + lead, 1};
    std::size_t size = 0;
    char32_t code = 0, smallest = 0;
    if (lead < 0x80) return {lead, 1};
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2, code = lead & 0x1F, smallest = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3, code = lead & 0x0F, smallest = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4, code = lead & 0x07, smallest = 0x10000;
    } else {
        return raw;
    }
    if (bytes.size() < size) return raw;
    for (std::size_t i = 1; i < size; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return raw;
        code = code << 6 | (byte(i) & 0x3F);
    }
    if (code < smallest || code > 0x10FFFF) return raw;  // overlong or beyond Unicode
    return {code, size};
}

void encode(char32_t code, std::string& out) {
    if (code >= kRawByte) {
        out += static_cast<char>(code - kRawByte);
    } else {
        python::append_utf8(out, code);  // surrogates included: Python keeps them
    }
}

std::uint8_t combining_class(char32_t code) {
    const std::vector<CombiningRange>& ranges = tables::decoded().combining_ranges;
    if (ranges.empty() || code < ranges.front().first) return 0;  // everything below U+0300
    auto after = std::upper_bound(ranges.begin(), ranges.end(), code,
                                  [](char32_t c, const CombiningRange& range) { return c < range.first; });
    if (after == ranges.begin()) return 0;
    const CombiningRange& range = *(after - 1);
    return code - range.first < range.length ? range.ccc : 0;
}

const Decomposition* find_decomposition(const std::vector<Decomposition>& table, char32_t code) {
    if (table.empty() || code < table.front().code_point) return nullptr;  // ASCII among them
    auto found = std::lower_bound(table.begin(), table.end(), code,
                                  [](const Decomposition& entry, char32_t c) { return entry.code_point < c; });
    return found != table.end() && found->code_point == code ? &*found : nullptr;
}

// Appends the full (canonical, or with `compatibility` also compatibility) decomposition.
void decompose(char32_t code, bool compatibility, std::vector<Character>& out) {
    if (code >= kSBase && code < kSBase + kSCount) {
        const char32_t index = code - kSBase;
        out.push_back({kLBase + index / kNCount, 0});
        out.push_back({kVBase + index % kNCount / kTCount, 0});
        if (index % kTCount != 0) out.push_back({kTBase + index % kTCount, 0});
        return;
    }
    const tables::Tables& data = tables::decoded();
    const Decomposition* found = nullptr;
    if (compatibility) found = find_decomposition(data.compatibility_decompositions, code);
    if (found == nullptr) found = find_decomposition(data.canonical_decompositions, code);
    if (found == nullptr) {
        out.push_back({code, combining_class(code)});
        return;
    }
    const auto parts = std::span(data.decomposition_code_points).subspan(found->offset, found->size);
    for (const char32_t part : parts) out.push_back({part, combining_class(part)});
}

// Canonical ordering: a stable sort of each run of non-starters by combining class. Starters
// (class 0) never move and nothing moves past them. (Python sorts by insertion, quadratic in
// the run; a merge sort gives the same order without letting a long run of marks hang us.)
void reorder(std::vector<Character>& text) {
    const auto starter = [](const Character& c) { return c.ccc == 0; };
    for (auto run = text.begin(); run != text.end();) {
        run = std::find_if_not(run, text.end(), starter);
        const auto end = std::find_if(run, text.end(), starter);
        if (end - run > 1) {
            std::stable_sort(run, end, [](const Character& a, const Character& b) { return a.ccc < b.ccc; });
        }
        run = end;
    }
}

// The primary composite of a pair, if there is one.
std::optional<char32_t> compose_pair(char32_t first, char32_t second) {
    if (first >= kLBase && first < kLBase + kLCount && second >= kVBase && second < kVBase + kVCount) {
        return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
    }
    if (first >= kSBase && first < kSBase + kSCount && (first - kSBase) % kTCount == 0 && second > kTBase &&
        second < kTBase + kTCount) {
        return first + (second - kTBase);
    }
    const std::vector<Composition>& pairs = tables::decoded().compositions;
    if (pairs.empty() || second < pairs.front().second) return std::nullopt;  // no letter or digit is one
    auto found = std::lower_bound(pairs.begin(), pairs.end(), Composition{first, second, 0},
                                  [](const Composition& a, const Composition& b) {
                                      return a.second != b.second ? a.second < b.second : a.first < b.first;
                                  });
    if (found != pairs.end() && found->first == first && found->second == second) return found->composite;
    return std::nullopt;
}

// Canonical composition, in place: each character joins the last starter when nothing left
// between them blocks it (a character of class 0, or of a class at least its own).
void compose(std::vector<Character>& text) {
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t starter = kNone, kept = 0;
    for (const Character c : text) {
        if (starter != kNone && (kept == starter + 1 || text[kept - 1].ccc < c.ccc)) {
            if (const auto composite = compose_pair(text[starter].code, c.code)) {
                text[starter].code = *composite;  // primary composites are starters
                continue;
            }
        }
        if (c.ccc == 0) starter = kept;
        text[kept++] = c;
    }
    text.resize(kept);
}

std::string normalize(std::string_view utf8, bool compatibility) {
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        return std::string(utf8);  // ASCII is in every normalization form
    }
    std::vector<Character> text;
    text.reserve(utf8.size() + 8);
    for (std::string_view rest = utf8; !rest.empty();) {
        const Decoded next = decode_front(rest);
        decompose(next.code, compatibility, text);
        rest.remove_prefix(next.size);
    }
    reorder(text);
    compose(text);
    std::string out;
    out.reserve(utf8.size());
    for (const Character& c : text) encode(c.code, out);
    return out;
}

}  // namespace

std::string nfkc(std::string_view utf8) { return normalize(utf8, true); }

std::string nfc(std::string_view utf8) { return normalize(utf8, false); }

}  // namespace authlab::unicode
