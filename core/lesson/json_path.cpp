#include "lesson/json_path.hpp"

#include <algorithm>
#include <cctype>

#include "pyjson/dump.hpp"
#include "pyjson/value.hpp"

namespace authlab::lesson {
namespace {

bool plain_name(const std::string& key) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
    return !key.empty() && !std::isdigit(static_cast<unsigned char>(key[0])) && key[0] != '-' && std::all_of(key.begin(), key.end(), word);
}

}  // namespace

std::string path_key(const std::string& path, const std::string& key) {
    if (plain_name(key)) return path + "." + key;
    return path + "[" + pyjson::dumps(pyjson::Value::string(key), {.ensure_ascii = false}) + "]";
}

std::string path_index(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

}  // namespace authlab::lesson
