#include "world_walk.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <variant>

#include "export/django_fixture_import.hpp"
#include "lab/admin_commands.hpp"
#include "export/world_json.hpp"
#include "world/seed.hpp"

namespace authlab::walk {
namespace {

// A JSON string literal, quotes included: texts at Django's lengths (85/86 three-byte
// characters straddle 255 bytes, 150 two-byte ones a username's limit), in characters of one
// to four bytes, with escapes a world file must keep (a lone surrogate, NUL, a quote).
std::string text_literal(ByteSource& in) {
    static constexpr std::array<const char*, 10> pieces = {"a", "日", "ü", "😀", "\\ud800", "\\\"", " ", "_", "\\u0000", "é"};
    static constexpr std::array<std::size_t, 15> lengths = {0, 1, 2, 85, 86, 127, 128, 149, 150, 151, 253, 254, 255, 256, 40};
    std::size_t length = in.byte() % 4 == 0 ? in.below(300) : lengths[in.below(lengths.size())];
    bool one_piece = in.byte() % 2 == 0;
    std::size_t piece = in.below(pieces.size());
    std::string out = "\"";
    for (std::size_t i = 0; i < length; ++i) out += pieces[one_piece ? piece : in.below(pieces.size())];
    return out + "\"";
}

// Mostly names a username validator accepts: one word-character piece repeated.
std::string name_literal(ByteSource& in) {
    static constexpr std::array<const char*, 4> pieces = {"a", "日", "ü", "😀"};
    static constexpr std::array<std::size_t, 8> lengths = {1, 2, 8, 85, 86, 149, 150, 151};
    if (in.byte() % 4 == 0) return text_literal(in);
    std::string out = "\"";
    std::size_t length = lengths[in.below(lengths.size())], piece = in.below(pieces.size());
    for (std::size_t i = 0; i < length; ++i) out += pieces[piece];
    return out + "\"";
}

std::string number_literal(ByteSource& in) {
    static constexpr std::array<const char*, 8> numbers = {"0", "1", "-1", "32767", "32768", "\"9999.99\"", "\"7.5\"", "1e3"};
    return numbers[in.below(numbers.size())];
}

const char* const admin_basic = "Basic YWRtaW46YWRtaW4tcGFzcy0x";  // admin:admin-pass-1
const char* const carol_basic = "Basic Y2Fyb2w6Y2Fyb2wtcGFzcy0x";  // carol:carol-pass-1

Id some_id(ByteSource& in) { return static_cast<Id>(in.below(8)) + 1; }

}  // namespace

WorldWalk::WorldWalk()
    : clock_(1'704'110'400LL * micros_per_second),  // the scenarios' start
      random_(1),
      backend_([this] { return default_world(random_, auth::Argon2Cost{8, 1, 1}); }(), clock_, random_) {
    backend_.set_world_check(world_save_problem);
}

std::string WorldWalk::step(ByteSource& in) {
    switch (in.byte() % 8) {
        case 0: case 1: case 2: return request(in);
        case 3: case 4: return admin(in);
        case 5: return advance(in);
        default: return import_fixture(in);
    }
}

std::string WorldWalk::request(ByteSource& in) {
    http::Request request;
    request.headers.add("Content-Type", "application/json");
    const std::string book = "{\"title\": " + text_literal(in) + ", \"author\": " + text_literal(in) +
                             ", \"price\": " + number_literal(in) + ", \"inventory\": " + number_literal(in) + "}";
    switch (in.byte() % 6) {
        case 0: request.method = "POST", request.path = "/api/books/", request.body = book; break;
        case 1: request.method = "PUT", request.path = "/api/books/" + std::to_string(some_id(in)) + "/", request.body = book; break;
        case 2: request.method = "DELETE", request.path = "/api/books/" + std::to_string(some_id(in)) + "/"; break;
        case 3:
            request.method = "POST", request.path = "/api/orders/";
            request.body = "{\"book\": " + std::to_string(some_id(in)) + ", \"quantity\": " + number_literal(in) + "}";
            break;
        case 4:
            request.method = "POST", request.path = "/auth/users/";
            request.body = "{\"username\": " + name_literal(in) + ", \"password\": \"walk-pass-1234\", \"email\": " +
                           (in.byte() % 2 ? "\"a@example.com\"" : text_literal(in)) + "}";
            break;
        default:
            request.method = "POST", request.path = "/auth/token/login/";
            request.body = R"({"username": "carol", "password": "carol-pass-1"})";
            break;
    }
    if (request.path != "/auth/users/" && request.path != "/auth/token/login/")
        request.headers.add("Authorization", in.byte() % 4 ? admin_basic : carol_basic);
    Exchange exchange = backend_.handle(request);
    return request.method + " " + request.path + " " + request.body.substr(0, 80) + " → " + std::to_string(exchange.response.status);
}

std::string WorldWalk::admin(ByteSource& in) {
    std::string command;
    switch (in.byte() % 6) {
        case 0:
            command = "{\"op\": \"save_group\", \"name\": " + name_literal(in) + ", \"permissions\": [\"bookshop.view_book\"]}";
            break;
        case 1:
            command = "{\"op\": \"create_user\", \"username\": " + name_literal(in) + ", \"password\": \"pw\", \"email\": " +
                      text_literal(in) + ", \"groups\": [\"Manager\"]}";
            break;
        case 2: command = "{\"op\": \"edit_user\", \"id\": " + std::to_string(some_id(in)) + ", \"email\": " + text_literal(in) + "}"; break;
        case 3: command = "{\"op\": \"delete_user\", \"id\": " + std::to_string(some_id(in)) + "}"; break;
        case 4: command = "{\"op\": \"rename_group\", \"id\": " + std::to_string(some_id(in)) + ", \"name\": " + name_literal(in) + "}"; break;
        default: command = "{\"op\": \"delete_group\", \"id\": " + std::to_string(some_id(in)) + "}"; break;
    }
    auto parsed = nlohmann::json::parse(command, nullptr, false);
    if (parsed.is_discarded()) return "admin command that is not JSON (skipped)";
    return "admin " + command.substr(0, 80) + " → " + lab::apply_admin_command(backend_, parsed).dump().substr(0, 120);
}

std::string WorldWalk::advance(ByteSource& in) {
    // From a second to a century, and sometimes just past it.
    static constexpr std::array<Micros, 6> units = {1, 86'400, 31'536'000, 3'153'600'000LL, 3'162'240'000LL, 3'162'240'001LL};
    Micros by = units[in.below(units.size())] * micros_per_second * (in.byte() % 4 ? 1 : 0);
    std::string refused = backend_.advance(by);
    return "advance " + std::to_string(by) + "µs" + (refused.empty() ? "" : " refused: " + refused);
}

std::string WorldWalk::import_fixture(ByteSource& in) {
    static constexpr std::array<const char*, 5> created = {"1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2024-01-01T12:00:00.000Z",
                                                           "9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z"};
    static constexpr std::array<const char*, 4> hashes = {"", "!unusable", "md5$salt$0123456789abcdef0123456789abcdef",
                                                          "pbkdf2_sha256$1$salt$ZGlnZXN0"};
    std::string key;
    for (int i = 0; i < 40; ++i) key += "0123456789abcdef"[in.byte() % 16];
    const std::string group = name_literal(in), user = name_literal(in);
    std::string fixture = "[{\"model\": \"auth.group\", \"fields\": {\"name\": " + group + ", \"permissions\": []}}, "
                          "{\"model\": \"auth.user\", \"fields\": {\"username\": " + user + ", \"password\": \"" +
                          hashes[in.below(hashes.size())] + "\", \"email\": " + text_literal(in) + ", \"groups\": [[" + group + "]]}}, "
                          "{\"model\": \"authtoken.token\", \"pk\": \"" + key + "\", \"fields\": {\"user\": [" + user +
                          "], \"created\": \"" + created[in.below(created.size())] + "\"}}]";
    auto imported = exporting::import_django_fixture(backend_.world(), fixture);
    if (auto* error = std::get_if<exporting::FixtureError>(&imported)) return "import refused: " + error->message.substr(0, 120);
    backend_.world() = std::move(std::get<exporting::FixtureImport>(imported).world);
    return "import " + fixture.substr(0, 120);
}

std::string round_trip_problem(const World& world) {
    std::string text;
    try {
        text = world_to_json(world).dump();
    } catch (const nlohmann::json::exception& error) {
        return std::string("the world cannot be written: ") + error.what();
    }
    auto loaded = world_from_json_text(text);
    if (auto* error = std::get_if<LoadError>(&loaded)) return "its world file is refused: " + error->message;
    if (!(std::get<World>(loaded) == world)) return "it loads back different";
    return "";
}

}  // namespace authlab::walk
