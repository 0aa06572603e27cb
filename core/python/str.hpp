#pragma once
// Python's str semantics where DRF's fields and Django's validators depend on them: what
// str.strip() strips, what re's \w matches, how int() and decimal.Decimal() read text (Unicode
// digits and spaces, underscores), len() in code points. Text is UTF-8 as pyjson::Value keeps
// it (lone surrogates as their 3-byte form).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace authlab::python {

// Character classes of Python 3.11 (Unicode 14.0).
bool is_space(char32_t c);      // str.isspace(), also re's \s
bool is_word(char32_t c);       // re's \w: str.isalnum() or '_'
int decimal_value(char32_t c);  // unicodedata.decimal(c, -1)
// stringprep's tables, for the IDNA codec's nameprep.
bool nameprep_prohibited(char32_t c);       // C.1.2, C.2.2, C.3-C.9
bool nameprep_maps_to_nothing(char32_t c);  // B.1
bool bidi_randal(char32_t c);               // D.1
bool bidi_l(char32_t c);                    // D.2

std::u32string strip(std::u32string_view text);  // str.strip()
// text.count(sub, 0, end) for an ASCII `sub`: non-overlapping occurrences within text[:end].
std::size_t count(std::string_view text, std::string_view sub, std::size_t end);
std::size_t length(std::string_view utf8);       // len(str)

// int(text) in base 10: surrounding whitespace, a sign, PEP 515 underscores between digits, any
// Unicode decimal digit, at most 4300 digits (Python 3.11's int_max_str_digits). The canonical
// decimal digits ("-12"), or nullopt where Python raises ValueError.
std::optional<std::string> parse_int(std::u32string_view text);

// Compares two canonical integers ("-12", "0", "32767"): <0, 0, >0.
int compare_int(std::string_view a, std::string_view b);

// Whether a canonical integer fits Django's SQLite INTEGER (signed 64 bits), as the id it is.
std::optional<std::int64_t> to_int64(std::string_view canonical);

// Python's float → int conversion (truncation) as canonical digits; finite values only.
std::string float_to_int(double value);

}  // namespace authlab::python
