#pragma once
// html.unescape, as Django's MultiPartParser.sanitize_file_name applies it to an uploaded
// file's name before it keeps the last path component and drops "", "." and "..".
#include <string>
#include <string_view>

namespace authlab::python {

// html.unescape(text) over UTF-8 text. Numeric references (&#46; &#x2F &#0000047;) are Python's
// to the letter: its table of invalid references, U+FFFD past U+10FFFF or for a surrogate, ""
// for a code point HTML forbids, and a ValueError past 4,300 decimal digits (thrown as
// std::invalid_argument, as Python's escapes). Named references: the three that can change a
// file's name into a path (&period; &sol; &bsol;); any other, known to HTML5 or not, is left as
// written, which keeps every name that is not "", "." or ".." just as unfit to be one.
std::string html_unescape(std::string_view text);

}  // namespace authlab::python
