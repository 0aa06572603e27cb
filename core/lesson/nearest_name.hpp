#pragma once
// The known name a typo most likely meant ("bookshop.ad_book" → "bookshop.add_book"), for the
// "did you mean" of a lesson's problems and of a step that cannot be met.
#include <string>
#include <string_view>
#include <vector>

namespace authlab::lesson {

// Levenshtein distance, in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The nearest of `known` within a third of the name's length (at least 2 edits), or "".
std::string nearest_name(std::string_view name, const std::vector<std::string>& known);

// "; did you mean \"bookshop.add_book\"?" for the nearest name, or "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& known);

}  // namespace authlab::lesson
