#pragma once
// JSON paths as a teacher reads them in an error: $.steps[3].expect.status, $.setup["odd key"].
#include <cstddef>
#include <string>

namespace authlab::lesson {

// path + ".key", or path + "[\"key\"]" when the key is not a plain name.
std::string path_key(const std::string& path, const std::string& key);
// path + "[index]" (counting from 0, as JSON paths do).
std::string path_index(const std::string& path, std::size_t index);

}  // namespace authlab::lesson
