#pragma once
// A test's JSON literal as the core's Python-typed Value; text that does not parse fails the
// test.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "pyjson/parse.hpp"

namespace authlab::testing {

inline pyjson::Value parsed(const std::string& text) {
    auto result = pyjson::parse(text);
    INFO(text);
    REQUIRE(std::holds_alternative<pyjson::Value>(result));
    return std::get<pyjson::Value>(result);
}

}  // namespace authlab::testing
