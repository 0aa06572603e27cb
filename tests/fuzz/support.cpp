#include "support.hpp"

#include "world/seed.hpp"

namespace authlab::fuzz {

const World& cheap_default_world() {
    static const World world = [] {
        crypto::SeededRandom random(1);
        return default_world(random, auth::Argon2Cost{8, 1, 1});
    }();
    return world;
}

namespace {

std::string_view next_line(std::string_view& text) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return line;
}

}  // namespace

http::Request request_from_text(std::string_view text) {
    http::Request request;
    std::string_view line = next_line(text);
    std::size_t space = line.find(' ');
    request.method = std::string(line.substr(0, space));
    std::string_view target = space == std::string_view::npos ? std::string_view("/") : line.substr(space + 1);
    std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
    while (!text.empty()) {
        std::string_view header = next_line(text);
        if (header.empty()) break;
        std::size_t colon = header.find(':');
        std::string_view value = colon == std::string_view::npos ? std::string_view() : header.substr(colon + 1);
        if (value.starts_with(' ')) value.remove_prefix(1);
        request.headers.add(std::string(header.substr(0, colon)), std::string(value));
    }
    request.body = std::string(text);
    return request;
}

}  // namespace authlab::fuzz
