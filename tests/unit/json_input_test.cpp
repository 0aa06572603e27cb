// The one reader of untrusted JSON documents the world file and the fixture import share.
#include <catch2/catch.hpp>

#include <functional>

#include "json_input/reader.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

std::string failure(const std::function<void()>& read) {
    try {
        read();
    } catch (const json_input::Invalid& error) {
        return error.message;
    }
    return "";
}

}  // namespace

TEST_CASE("a reader's errors name the path to the value and what is wrong with it", "[json_input]") {
    const json document = json::parse(R"({"users": [{"name": "ann", "groups": ["a", 7]}], "count": 12})");
    const json_input::Reader top(document, "");
    CHECK(top.field("users").items(5)[0].field("name").text(10) == "ann");
    CHECK(failure([&] { top.field("users").items(5)[0].field("groups").items(5)[1].text(10); }) ==
          "users[0].groups[1]: expected a string");
    CHECK(failure([&] { top.field("users").items(5)[0].field("email"); }) == "users[0].email: missing");
    CHECK(failure([&] { top.field("users").items(0); }) == "users: has 1 entries; at most 0 are allowed");
    CHECK(failure([&] { top.field("count").integer(1, 10); }) == "count: must be between 1 and 10");
    CHECK(failure([&] { top.field("count").boolean(); }) == "count: expected true or false");
    CHECK(failure([&] { top.fail("not a world"); }) == "not a world");
    CHECK(top.field("count").holds_integer(1, 12));
    CHECK_FALSE(top.field("users").holds_integer(1, 12));
}

TEST_CASE("parsing refuses a file too large or nested too deep or not JSON in the words of the caller", "[json_input]") {
    const json_input::ParseLimits limits{1024 * 1024, 3, "deeper than 3: not a world"};
    auto error = [&](const std::string& text) {
        auto parsed = json_input::parse(text, limits);
        auto* invalid = std::get_if<json_input::Invalid>(&parsed);
        return invalid ? invalid->message : "";
    };
    CHECK(error("[[[1]]]").empty());
    CHECK(error("[[[[]]]]") == "deeper than 3: not a world");
    CHECK(error("[{\"a\": [[1]]}]") == "deeper than 3: not a world");
    // Brackets inside strings, escaped quotes included, are text, not nesting.
    CHECK(error("[\"[[[[{{{{\", {\"k\\\"[[[[\": \"\\\\\"}, [\"]]]]\"]]").empty());
    CHECK(error(std::string(1024 * 1024 + 1, ' ')) == "the file is larger than 1 MiB");
    CHECK(error("{\"a\": ").starts_with("not valid JSON: "));
    CHECK(error("1E400").starts_with("not valid JSON: "));
}
