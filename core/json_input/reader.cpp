#include "json_input/reader.hpp"

namespace authlab::json_input {

using nlohmann::json;

std::variant<json, Invalid> parse(std::string_view text, const ParseLimits& limits) {
    if (text.size() > limits.max_bytes)
        return Invalid{"the file is larger than " + std::to_string(limits.max_bytes / (1024 * 1024)) + " MiB"};
    // Nesting is bounded while parsing, before anything deep is built: a deep file would cost
    // stack and memory for nothing.
    struct TooDeep {};
    auto shallow = [&](int depth, json::parse_event_t event, json&) {
        if (depth >= limits.max_depth && (event == json::parse_event_t::object_start || event == json::parse_event_t::array_start))
            throw TooDeep{};
        return true;
    };
    try {
        return json::parse(text.begin(), text.end(), shallow);
    } catch (const json::exception& error) {  // parse_error, and out_of_range for a number like 1E400
        return Invalid{std::string("not valid JSON: ") + error.what()};
    } catch (const TooDeep&) {
        return Invalid{limits.too_deep};
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
    if (s.size() > max_length) fail("longer than " + std::to_string(max_length) + " characters");
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
