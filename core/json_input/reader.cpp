#include "json_input/reader.hpp"

#include <algorithm>

#include "python/utf8.hpp"

namespace authlab::json_input {

using nlohmann::json;

namespace {

// How deeply lists and objects nest in `text` (1 for a flat object), strings skipped. Scanned
// before parsing: nlohmann's callback parser could bound the depth itself, but after every
// object it rescans the list holding it, which made 10,000 users cost seconds.
std::size_t nesting_depth(std::string_view text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;  // the escaped character cannot end the string
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

std::variant<json, Invalid> parse(std::string_view text, const ParseLimits& limits) {
    if (text.size() > limits.max_bytes)
        return Invalid{"the file is larger than " + std::to_string(limits.max_bytes / (1024 * 1024)) + " MiB"};
    // Nesting is bounded before anything deep is built: a deep file would cost stack and memory
    // for nothing.
    if (nesting_depth(text) > static_cast<std::size_t>(limits.max_depth)) return Invalid{limits.too_deep};
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::exception& error) {  // parse_error, and out_of_range for a number like 1E400
        return Invalid{std::string("not valid JSON: ") + error.what()};
    }
}

void Reader::fail(const std::string& why) const { throw Invalid{(path_.empty() ? "" : path_ + ": ") + why}; }

Reader Reader::field(const std::string& key) const {
    if (!value_.is_object()) fail("expected an object");
    auto it = value_.find(key);
    if (it == value_.end()) Reader(value_, join(key)).fail("missing");
    return Reader(*it, join(key));
}

std::vector<Reader> Reader::items(std::size_t most) const {
    if (!value_.is_array()) fail("expected a list");
    if (value_.size() > most) fail("has " + std::to_string(value_.size()) + " entries; at most " + std::to_string(most) + " are allowed");
    std::vector<Reader> out;
    for (std::size_t i = 0; i < value_.size(); ++i) out.emplace_back(value_[i], path_ + "[" + std::to_string(i) + "]");
    return out;
}

std::string Reader::text(std::size_t max_length, bool allow_empty) const {
    if (!value_.is_string()) fail("expected a string");
    const auto& s = value_.get_ref<const std::string&>();
    if (!allow_empty && s.empty()) fail("must not be empty");
    // Characters as Python's len() counts them (Django's max_length), not UTF-8 bytes.
    if (s.size() > max_length && python::code_points(s) > max_length) fail("longer than " + std::to_string(max_length) + " characters");
    return s;
}

bool Reader::boolean() const {
    if (!value_.is_boolean()) fail("expected true or false");
    return value_.get<bool>();
}

bool Reader::holds_integer(std::int64_t min, std::int64_t max) const {
    if (!value_.is_number_integer()) return false;
    if (value_.is_number_unsigned() && value_.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) return false;
    const auto v = value_.get<std::int64_t>();
    return v >= min && v <= max;
}

std::int64_t Reader::integer(std::int64_t min, std::int64_t max) const {
    if (!value_.is_number_integer()) fail("expected an integer");
    if (!holds_integer(min, max)) fail("must be between " + std::to_string(min) + " and " + std::to_string(max));
    return value_.get<std::int64_t>();
}

}  // namespace authlab::json_input
