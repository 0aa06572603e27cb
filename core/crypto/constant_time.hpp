#pragma once
#include <string_view>

namespace authlab::crypto {

// Compares without an early exit, so the time taken does not reveal where two secrets differ
// (Django's constant_time_compare). Only the lengths may leak.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace authlab::crypto
