#pragma once
// UTF-8 as Python sees it: bytes.decode('utf-8', 'replace') for raw
// bodies, and code-point walking for json.dumps and the table's column widths.
#include <cstddef>
#include <string>
#include <string_view>

namespace authlab::python {

// The code point at `pos`, moving `pos` past it. An ill-formed sequence yields U+FFFD and
// moves past its maximal valid prefix (at least one byte), as Python's 'replace' handler does.
// With `allow_surrogates`, ED A0..BF xx reads as U+D800..DFFF: pyjson keeps Python's lone
// surrogates that way.
char32_t next_code_point(std::string_view text, std::size_t& pos, bool allow_surrogates = false);

// The one UTF-8 encoder: lone surrogates get the 3-byte form Python's 'surrogatepass' writes.
void append_utf8(std::string& out, char32_t code_point);

// bytes.decode('utf-8', errors='replace'): always valid UTF-8.
std::string decode_replace(std::string_view bytes);

// len(str) in Python: code points (a lone surrogate counts as one).
std::size_t code_points(std::string_view text);

// Text as str semantics walk it: code points from UTF-8 as pyjson::Value keeps it (lone
// surrogates as their 3-byte form) and back.
std::u32string decode(std::string_view utf8);  // invalid bytes (never in a Value) become U+FFFD
std::string encode(std::u32string_view text);  // surrogates as their 3-byte form

}  // namespace authlab::python
