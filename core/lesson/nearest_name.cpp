#include "lesson/nearest_name.hpp"

#include <algorithm>

#include "pyjson/dump.hpp"

namespace authlab::lesson {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string nearest_name(std::string_view name, const std::vector<std::string>& known) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (const std::string& candidate : known) {
        std::size_t d = edit_distance(name, candidate);
        if (d < best_distance) best_distance = d, best = candidate;
    }
    return best;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& known) {
    std::string best = nearest_name(name, known);
    if (best.empty()) return "";
    return "; did you mean " + pyjson::dumps(pyjson::Value::string(best), {.ensure_ascii = false}) + "?";
}

}  // namespace authlab::lesson
