#pragma once
// Python's codecs as Django and DRF meet them in a request: codecs.lookup's names,
// bytes.decode with errors='strict' or 'replace', the StreamReader DRF's JSONParser reads a
// body through (codecs.getreader(charset)), and str.encode where DRF needs a header's bytes.
// Modelled: utf-8, utf-8-sig, utf-16 (-le, -be), utf-32 (-le, -be), latin-1, ascii and cp1252,
// each with CPython 3.11's errors word for word. Text is UTF-8; these decoders never yield a
// lone surrogate.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace authlab::python {

enum class Codec { utf8, utf8_sig, utf16, utf16_le, utf16_be, utf32, utf32_le, utf32_be, latin1, ascii, cp1252 };

// What codecs.lookup(name) finds: the module of Python's encodings package that holds the codec
// ("cp1252", "koi8_r"), and the codec when the lab models it.
struct FoundCodec {
    std::string module;
    std::optional<Codec> codec;
};

// codecs.lookup(name): nullopt where Python raises LookupError (no codec of that name). The name
// is normalized as Python does (ASCII letters and digits and '.', runs of anything else one '_',
// lower case), then looked up among encodings.aliases and the modules' own names.
std::optional<FoundCodec> lookup(std::string_view name);

// A codec Python has and the lab does not model (koi8_r, shift_jis, base64_codec, …): any guess
// would answer unlike Django, so the request fails (500) with this reason.
struct UnmodelledCodec : std::runtime_error {
    explicit UnmodelledCodec(const std::string& module);
};
Codec modelled(const FoundCodec& found);  // throws UnmodelledCodec

// str() of the UnicodeDecodeError (or UnicodeError, UnicodeEncodeError) Python raises:
// "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte".
struct CodecError {
    std::string message;
};
using Coded = std::variant<std::string, CodecError>;

Coded decode(std::string_view bytes, Codec codec);  // bytes.decode(codec), errors='strict'
std::optional<std::string> decode_strict(std::string_view bytes, Codec codec);
std::string decode_replace(std::string_view bytes, Codec codec);  // errors='replace'

// codecs.getreader(codec)(BytesIO(bytes)).read(), errors='strict': the reader decodes with
// final=False, so an incomplete sequence at the very end is left out, never an error; utf-16
// and utf-32 without a BOM raise "UTF-16 stream does not start with BOM".
Coded read_stream(std::string_view bytes, Codec codec);

// str.encode(codec), errors='strict', over UTF-8 text as pyjson keeps it (a lone surrogate in
// its 3-byte form, which every codec refuses).
Coded encode(std::string_view text, Codec codec);  // utf-8, latin-1 or ascii

}  // namespace authlab::python
