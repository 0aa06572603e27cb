#pragma once
// json.loads as DRF's JSONParser calls it, with Python's exact error messages, so a malformed
// body answers 400 {"detail": "JSON parse error - <Python's message>"} word for word.
//
// DRF reads the body through codecs.getreader(charset) and json.load(..., parse_constant=
// strict_constant); CPython 3.11's C scanner (_json) decides acceptance, positions and texts.
#include <string>
#include <string_view>
#include <variant>

#include "pyjson/value.hpp"
#include "python/codecs.hpp"

namespace authlab::pyjson {

struct ParseError {
    enum class Kind {
        // A ValueError (JSONDecodeError, UnicodeDecodeError, strict_constant's, int's digit
        // limit): DRF answers 400 {"detail": "JSON parse error - " + message}.
        ValueError,
        // Nesting deeper than max_depth. Python raises RecursionError, which is no ValueError:
        // DRF lets it escape and Django answers 500 (Server Error). message is Python's text.
        RecursionError,
    };
    std::string message;  // e.g. "Expecting value: line 1 column 11 (char 10)"
    Kind kind = Kind::ValueError;
};

// Python's RecursionError strikes when the interpreter's 1000 frames run out, so the deepest
// body that parses depends on how deep the view already is when it reads request.data.
// Measured with tests/reference (test Client, startproject middleware): simplejwt's and
// djoser's views 954 nested arrays/objects, DRF generic create and PUT 953, PATCH 952
// (one more is a 500). Under runserver with one middleware: 968.
inline constexpr int default_max_depth = 954;

// `body` is the raw request body (bytes), read as DRF's JSONParser reads it: through
// codecs.getreader(codec) (python/codecs.hpp), whose errors are ValueErrors too ("'utf-8' codec
// can't decode byte 0xff in position 0: invalid start byte", "UTF-16 stream does not start with
// BOM"). At most `max_depth` arrays/objects nest. DRF never parses an empty body (Content-Length
// 0): request.data is then {} without calling the parser.
// NaN, Infinity and -Infinity: DRF's JSONParser refuses them (strict_constant, the default);
// plain json.loads, as PyJWT calls it, reads them as floats.
enum class Constants { strict, python };

std::variant<Value, ParseError> parse(std::string_view body, python::Codec codec = python::Codec::utf8,
                                      int max_depth = default_max_depth, Constants constants = Constants::strict);
// The same with the codec named as Python names it ("utf-8"); a name Python does not know reads
// as utf-8, one the lab does not model throws python::UnmodelledCodec.
std::variant<Value, ParseError> parse(std::string_view body, std::string_view charset,
                                      int max_depth = default_max_depth, Constants constants = Constants::strict);
// json.loads(text) over text already decoded (code points; lone surrogates allowed).
std::variant<Value, ParseError> parse_text(const std::u32string& text, int max_depth = default_max_depth,
                                           Constants constants = Constants::strict);

}  // namespace authlab::pyjson
