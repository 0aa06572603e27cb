#include <catch2/catch.hpp>
#include <string>

#include "crypto/constant_time.hpp"

using authlab::crypto::constant_time_equals;

TEST_CASE("constant_time_equals compares bytes and lengths", "[crypto][constant_time]") {
    CHECK(constant_time_equals("", ""));
    CHECK(constant_time_equals("secret", "secret"));
    CHECK_FALSE(constant_time_equals("secret", "secreT"));
    CHECK_FALSE(constant_time_equals("secret", "Secret"));
    CHECK_FALSE(constant_time_equals("secret", "secret "));
    CHECK_FALSE(constant_time_equals("", "a"));
    // Embedded NULs and high bytes are compared like any other.
    CHECK(constant_time_equals(std::string("a\0b", 3), std::string("a\0b", 3)));
    CHECK_FALSE(constant_time_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
    CHECK(constant_time_equals("\xff\x80", "\xff\x80"));
    CHECK_FALSE(constant_time_equals("\xff\x80", "\xff\x81"));
}
