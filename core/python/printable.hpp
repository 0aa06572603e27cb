#pragma once
// Python's str.isprintable() for one code point (Unicode 14.0, as in Python 3.11): repr()
// escapes exactly the characters for which it is false.

namespace authlab::python {

bool is_printable(char32_t c);

}  // namespace authlab::python
