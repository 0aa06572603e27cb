// The APPEND_SLASH redirect's Location against Django's own CommonMiddleware.get_full_path_with_slash
// on a WSGIRequest: a percent-decoded path of any bytes (UTF-8 or not, with characters
// escape_uri_path escapes or keeps, two leading slashes) and a raw query string of any bytes,
// as a WSGI server hands both on (Latin-1 text).
#include <catch2/catch.hpp>

#include <random>

#include "django/redirects.hpp"
#include "support/django.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"
#include "support/random_bytes.hpp"

using namespace authlab;

namespace {

const char* const script = R"PY(
from django.core.handlers.wsgi import WSGIRequest
from django.middleware.common import CommonMiddleware

middleware = CommonMiddleware(lambda request: None)
for line in open(sys.argv[1]):
    path, query = (bytes.fromhex(part).decode('latin-1') for part in line.rstrip('\n').split(' '))
    environ = {'REQUEST_METHOD': 'GET', 'PATH_INFO': path, 'QUERY_STRING': query, 'SERVER_NAME': 'testserver',
               'SERVER_PORT': '80', 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b'')}
    print(middleware.get_full_path_with_slash(WSGIRequest(environ)).encode('utf-8', 'surrogatepass').hex())
)PY";

// Bytes that make the escaping decide: reserved and unsafe ASCII, '%', and sequences that are
// UTF-8 or only look like it (a surrogate's form, an overlong '/', a cut-off emoji).
const std::vector<std::string> pieces = {
    "a", "Z", "9", "/", "%", "%41", " ", "\"", "{", "}", "|", "<", ">", "^", "`", "\\", "~", ";", "=", "?", "#",
    "[", "]", "@", ":", "&", "+", "$", ",", "!", "*", "'", "(", ")", "-", "_", ".", "\t", std::string(1, '\0'),
    "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "\xFF", "\xE9", "\xED\xA0\x80", "\xC0\xAF",
    "\xF0\x9F\x98", "\x80", "\xF4\x90\x80\x80"};

std::string draw(std::mt19937_64& rng, std::size_t max_pieces) {
    std::string out;
    const std::size_t count = rng() % (max_pieces + 1);
    for (std::size_t i = 0; i < count; ++i) {
        out += rng() % 8 == 0 ? testing::random_bytes(rng, 1) : pieces[rng() % pieces.size()];
    }
    return out;
}

}  // namespace

TEST_CASE("The APPEND_SLASH redirect's Location escapes the path and query as Django's get_full_path_with_slash does") {
    std::mt19937_64 rng(22);
    std::vector<std::pair<std::string, std::string>> cases = {
        {"/api/books", "filter={\"title\":\"Dracula\"}"}, {"/api/books/\xFF", ""}, {"/api/books/caf\xC3\xA9", "q=caf\xC3\xA9"},
        {"//api/books", "a=1"}, {"/api/books/%41", "q=%FF%zz"}, {"/", ""}};
    for (int i = 0; i < 400; ++i) {
        std::string path = "/" + draw(rng, 12);
        if (path.ends_with('/')) path += 'x';  // the redirect is for a path without its slash
        cases.emplace_back(path, draw(rng, 10));
    }
    std::vector<std::string> inputs;
    for (const auto& [path, query] : cases) inputs.push_back(testing::to_hex(path) + " " + testing::to_hex(query));
    const std::vector<std::string> answers = testing::python::answer_lines(testing::django::reference_prelude() + script, inputs);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("path " << testing::to_hex(cases[i].first) << ", query " << testing::to_hex(cases[i].second));
        CHECK(django::get_full_path_with_slash(cases[i].first, cases[i].second) == testing::from_hex(answers[i]));
    }
}
