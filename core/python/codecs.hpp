#pragma once
// bytes.decode(encoding, errors) for the codecs request bodies and headers meet: UTF-8 (as
// CPython decodes it: no overlong forms, no surrogates, one U+FFFD per maximal invalid
// subsequence with errors="replace"), Latin-1 and ASCII. Results are UTF-8.
#include <optional>
#include <string>
#include <string_view>

namespace authlab::python {

enum class Codec { utf8, latin1, ascii };

// codecs.lookup's names for the three (case, '-' and ' ' ignored, Python's aliases); any other
// name is taken as UTF-8, the way Django falls back to DEFAULT_CHARSET for names it cannot use.
Codec codec_named(std::string_view name);

// nullopt where the strict codec raises UnicodeDecodeError.
std::optional<std::string> decode_strict(std::string_view bytes, Codec codec);
std::string decode_replace(std::string_view bytes, Codec codec);

}  // namespace authlab::python
