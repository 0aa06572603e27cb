#pragma once
// Reading an untrusted JSON document (a world file, a Django fixture): parsed within bounds of
// size and nesting, then read through Readers that carry the path to their value, so every
// error says where it is and why ("users[2].groups[0]: expected a string"). A reader throws
// Invalid; the caller turns it into its own error, and builds nothing half-way.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace authlab::json_input {

struct Invalid {
    std::string message;  // "users[2].groups[0]: no group named \"Staf\""
};

struct ParseLimits {
    std::size_t max_bytes = 0;  // a whole number of MiB, as the error says it
    int max_depth = 0;          // lists and objects inside one another
    std::string too_deep;       // the error for a file nested deeper, in the caller's words
};

// The document, or why not: too large, nested too deep, or not JSON (what the parser says).
std::variant<nlohmann::json, Invalid> parse(std::string_view text, const ParseLimits& limits);

// A JSON value with the path that leads to it ("" for the whole document).
class Reader {
public:
    Reader(const nlohmann::json& value, std::string path) : value_(value), path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& why) const;
    const nlohmann::json& value() const { return value_; }
    const std::string& path() const { return path_; }

    bool has(const std::string& key) const { return value_.is_object() && value_.contains(key); }
    // The object's member `key`: fails when this is no object or the key is missing.
    Reader field(const std::string& key) const;
    // The list's entries, at most `most` of them.
    std::vector<Reader> items(std::size_t most) const;
    // A string of at most `max_length` characters (code points, as Python's len() counts).
    std::string text(std::size_t max_length, bool allow_empty = true) const;
    bool boolean() const;
    bool holds_integer(std::int64_t min, std::int64_t max) const;
    std::int64_t integer(std::int64_t min, std::int64_t max) const;

private:
    std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

    const nlohmann::json& value_;
    std::string path_;
};

}  // namespace authlab::json_input
