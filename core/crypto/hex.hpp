#pragma once
// Bytes as lowercase hex, two digits a byte (Python's bytes.hex(), hashlib's hexdigest()).
#include <string>
#include <string_view>

namespace authlab::crypto {

std::string hex_encode(std::string_view bytes);

}  // namespace authlab::crypto
