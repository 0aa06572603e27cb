#include "pyjson/parse.hpp"

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "python/utf8.hpp"

namespace authlab::pyjson {

namespace {

struct Failure {
    ParseError error;
};

constexpr std::size_t kMaxIntDigits = 4300;  // sys.get_int_max_str_digits() default (3.11)

// The scanner of CPython 3.11's Modules/_json.c over the decoded text. Positions are code
// point indices, as Python's are.
class Parser {
public:
    Parser(const std::u32string& text, int max_depth, Constants constants)
        : s_(text), max_depth_(max_depth), constants_(constants) {}

    // JSONDecoder.decode: whitespace, one value, whitespace, end.
    Value document() {
        if (!s_.empty() && s_[0] == 0xfeff) fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
        std::size_t idx = skip_whitespace(0);
        Value v = value(idx);
        idx = skip_whitespace(idx);
        if (idx != s_.size()) fail("Extra data", idx);
        return v;
    }

private:
    const std::u32string& s_;
    const int max_depth_;
    const Constants constants_;
    int depth_ = 0;

    [[noreturn]] void fail(const char* msg, std::size_t pos) const {
        std::size_t line = 1;
        std::size_t last_newline = 0;  // one past it, so column = pos - last_newline + 1
        for (std::size_t i = 0; i < pos && i < s_.size(); ++i) {
            if (s_[i] == '\n') {
                ++line;
                last_newline = i + 1;
            }
        }
        char buf[200];
        std::snprintf(buf, sizeof buf, "%s: line %zu column %zu (char %zu)", msg, line,
                      pos - last_newline + 1, pos);
        throw Failure{{buf}};
    }

    bool at(std::size_t idx, char32_t c) const { return idx < s_.size() && s_[idx] == c; }

    bool whitespace(std::size_t idx) const {
        return at(idx, ' ') || at(idx, '\t') || at(idx, '\n') || at(idx, '\r');
    }

    std::size_t skip_whitespace(std::size_t idx) const {
        while (whitespace(idx)) ++idx;
        return idx;
    }

    // The C scanner's test for null/true/false/NaN/Infinity: the whole word is there.
    bool word_at(std::size_t idx, std::string_view word) const {
        if (idx + word.size() > s_.size()) return false;
        for (std::size_t k = 0; k < word.size(); ++k) {
            if (s_[idx + k] != static_cast<char32_t>(word[k])) return false;
        }
        return true;
    }

    // scan_once_unicode: the value at idx; idx moves past it.
    Value value(std::size_t& idx) {
        if (idx >= s_.size()) fail("Expecting value", idx);
        switch (s_[idx]) {
            case '"': return Value::string(string(idx));
            case '{': return container(idx, true);
            case '[': return container(idx, false);
            case 'n':
                if (word_at(idx, "null")) {
                    idx += 4;
                    return Value();
                }
                break;
            case 't':
                if (word_at(idx, "true")) {
                    idx += 4;
                    return Value::boolean(true);
                }
                break;
            case 'f':
                if (word_at(idx, "false")) {
                    idx += 5;
                    return Value::boolean(false);
                }
                break;
            case 'N':
                if (word_at(idx, "NaN")) return constant(idx, "NaN", std::numeric_limits<double>::quiet_NaN());
                break;
            case 'I':
                if (word_at(idx, "Infinity")) return constant(idx, "Infinity", std::numeric_limits<double>::infinity());
                break;
            case '-':
                if (word_at(idx, "-Infinity")) return constant(idx, "-Infinity", -std::numeric_limits<double>::infinity());
                break;
            default: break;
        }
        return number(idx);
    }

    // json.loads' parse_constant: float(literal); DRF's strict_constant raises
    // ValueError('... ' + repr(o)) where o is the literal's text.
    Value constant(std::size_t& idx, std::string_view literal, double number) const {
        if (constants_ == Constants::strict) {
            throw Failure{{"Out of range float values are not JSON compliant: '" + std::string(literal) + "'"}};
        }
        idx += literal.size();
        return Value::floating(number);
    }

    // Py_EnterRecursiveCall around _parse_object_unicode / _parse_array_unicode.
    Value container(std::size_t& idx, bool object) {
        if (depth_ >= max_depth_) {
            throw Failure{{std::string("maximum recursion depth exceeded while decoding a JSON ") +
                               (object ? "object" : "array") + " from a unicode string",
                           ParseError::Kind::RecursionError}};
        }
        ++depth_;
        Value v = object ? parse_object(idx) : parse_array(idx);
        --depth_;
        return v;
    }

    Value parse_object(std::size_t& idx) {
        Value::Items items;
        std::unordered_map<std::string, std::size_t> index;  // dict: last value wins, first slot
        idx = skip_whitespace(idx + 1);
        if (!at(idx, '}')) {
            while (true) {
                if (!at(idx, '"')) fail("Expecting property name enclosed in double quotes", idx);
                std::string key = string(idx);
                idx = skip_whitespace(idx);
                if (!at(idx, ':')) fail("Expecting ':' delimiter", idx);
                idx = skip_whitespace(idx + 1);
                Value v = value(idx);
                auto [slot, fresh] = index.try_emplace(key, items.size());
                if (fresh) {
                    items.emplace_back(std::move(key), std::move(v));
                } else {
                    items[slot->second].second = std::move(v);
                }
                idx = skip_whitespace(idx);
                if (at(idx, '}')) break;
                if (!at(idx, ',')) fail("Expecting ',' delimiter", idx);
                idx = skip_whitespace(idx + 1);
            }
        }
        ++idx;
        return Value::dict(std::move(items));
    }

    Value parse_array(std::size_t& idx) {
        std::vector<Value> items;
        idx = skip_whitespace(idx + 1);
        if (!at(idx, ']')) {
            while (true) {
                items.push_back(value(idx));
                idx = skip_whitespace(idx);
                if (at(idx, ']')) break;
                if (!at(idx, ',')) fail("Expecting ',' delimiter", idx);
                idx = skip_whitespace(idx + 1);
            }
        }
        ++idx;
        return Value::list(std::move(items));
    }

    static int hex_digit(char32_t c) {
        if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
        if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
        return -1;
    }

    // Four hex digits after the 'u' at u; the error points at the 'u'.
    char32_t hex4(std::size_t u) const {
        char32_t c = 0;
        for (std::size_t k = 1; k <= 4; ++k) {
            const int d = hex_digit(s_[u + k]);
            if (d < 0) fail("Invalid \\uXXXX escape", u);
            c = (c << 4) | static_cast<char32_t>(d);
        }
        return c;
    }

    // scanstring_unicode: the string whose opening quote is at idx; idx moves past the
    // closing quote.
    std::string string(std::size_t& idx) {
        const std::size_t begin = idx;
        const std::size_t n = s_.size();
        std::string out;
        std::size_t end = idx + 1;
        while (true) {
            std::size_t next = end;
            for (; next < n && s_[next] != '"' && s_[next] != '\\'; ++next) {
                if (s_[next] <= 0x1f) fail("Invalid control character at", next);
                python::append_utf8(out, s_[next]);
            }
            if (next >= n) fail("Unterminated string starting at", begin);
            if (s_[next] == '"') {
                idx = next + 1;
                return out;
            }
            ++next;  // past the backslash
            if (next == n) fail("Unterminated string starting at", begin);
            const char32_t esc = s_[next];
            if (esc != 'u') {
                char32_t c = 0;
                switch (esc) {
                    case '"': case '\\': case '/': c = esc; break;
                    case 'b': c = '\b'; break;
                    case 'f': c = '\f'; break;
                    case 'n': c = '\n'; break;
                    case 'r': c = '\r'; break;
                    case 't': c = '\t'; break;
                    default: fail("Invalid \\escape", next - 1);
                }
                python::append_utf8(out, c);
                end = next + 1;
                continue;
            }
            // The C scanner wants a character after the four digits (`end >= len` fails).
            end = next + 5;
            if (end >= n) fail("Invalid \\uXXXX escape", next);
            char32_t c = hex4(next);
            // A high surrogate pairs with a following \uDC00-\uDFFF; anything else leaves it
            // alone, and Python keeps lone surrogates in the str.
            if (c >= 0xd800 && c <= 0xdbff && end + 6 < n && s_[end] == '\\' && s_[end + 1] == 'u') {
                const char32_t low = hex4(end + 1);
                if (low >= 0xdc00 && low <= 0xdfff) {
                    c = 0x10000 + (((c - 0xd800) << 10) | (low - 0xdc00));
                    end += 6;
                }
            }
            python::append_utf8(out, c);
        }
    }

    // _match_number_unicode: Python's NUMBER_RE, then int() or float().
    Value number(std::size_t& idx) {
        const std::size_t start = idx;
        const std::size_t n = s_.size();
        const auto digit = [&](std::size_t k) { return k < n && s_[k] >= '0' && s_[k] <= '9'; };
        std::size_t i = start;
        if (at(i, '-')) ++i;
        if (at(i, '0')) {
            ++i;
        } else if (digit(i)) {
            while (digit(i)) ++i;
        } else {
            fail("Expecting value", start);
        }
        bool is_float = false;
        if (at(i, '.') && digit(i + 1)) {
            is_float = true;
            i += 2;
            while (digit(i)) ++i;
        }
        if (at(i, 'e') || at(i, 'E')) {
            std::size_t k = i + 1;
            if (at(k, '-') || at(k, '+')) ++k;
            if (digit(k)) {
                while (digit(k)) ++k;
                is_float = true;
                i = k;
            }
        }
        std::string text;
        for (std::size_t k = start; k < i; ++k) text += static_cast<char>(s_[k]);
        idx = i;
        if (is_float) return Value::floating(std::strtod(text.c_str(), nullptr));  // "C" locale
        const std::size_t digits = text.size() - (text[0] == '-' ? 1 : 0);
        if (digits > kMaxIntDigits) {
            throw Failure{{"Exceeds the limit (4300 digits) for integer string conversion: value has " +
                           std::to_string(digits) +
                           " digits; use sys.set_int_max_str_digits() to increase the limit"}};
        }
        return Value::integer(std::move(text));
    }
};

}  // namespace

std::variant<Value, ParseError> parse_text(const std::u32string& text, int max_depth, Constants constants) {
    try {
        return Parser(text, max_depth, constants).document();
    } catch (const Failure& failure) {
        return failure.error;
    }
}

std::variant<Value, ParseError> parse(std::string_view body, python::Codec codec, int max_depth, Constants constants) {
    python::Coded text = python::read_stream(body, codec);
    if (auto* error = std::get_if<python::CodecError>(&text)) return ParseError{std::move(error->message)};
    return parse_text(python::decode(std::get<std::string>(text)), max_depth, constants);
}

std::variant<Value, ParseError> parse(std::string_view body, std::string_view charset, int max_depth, Constants constants) {
    const std::optional<python::FoundCodec> found = python::lookup(charset);
    return parse(body, python::modelled(found.value_or(python::FoundCodec{"utf_8", python::Codec::utf8})), max_depth, constants);
}

}  // namespace authlab::pyjson
