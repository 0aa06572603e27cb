// authlab jwt mint|verify: simplejwt-compatible HS256 tokens from the core, on the system clock.
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "crypto/random.hpp"
#include "jwt/pyjwt.hpp"
#include "jwt/python_json.hpp"
#include "pyjson/dump.hpp"
#include "jwt/tokens.hpp"
#include "time/clock.hpp"

namespace authlab::cli {
namespace {

int usage() {
    std::cerr << "usage: authlab jwt mint --secret S --user-id N [--type access|refresh]\n"
                 "       authlab jwt verify --secret S TOKEN\n";
    return 2;
}

struct Options {
    std::optional<std::string> secret, user_id, type;
    std::vector<std::string> positional;
};

// --name value pairs in any order, the rest positional; nullopt on a repeated or valueless flag.
std::optional<Options> parse(const Args& args) {
    Options out;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::optional<std::string>* slot = args[i] == "--secret" ? &out.secret
                                           : args[i] == "--user-id" ? &out.user_id
                                           : args[i] == "--type"    ? &out.type
                                                                    : nullptr;
        if (!slot) {
            if (args[i].starts_with("--")) return std::nullopt;
            out.positional.push_back(args[i]);
            continue;
        }
        if (*slot || i + 1 >= args.size()) return std::nullopt;
        *slot = args[++i];
    }
    return out;
}

std::optional<long long> parse_user_id(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    long long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

int mint(const Options& options) {
    if (!options.secret || !options.user_id || !options.positional.empty()) return usage();
    const std::optional<long long> user_id = parse_user_id(*options.user_id);
    const std::string type = options.type.value_or("access");
    if (!user_id || (type != "access" && type != "refresh")) return usage();
    crypto::SystemRandom random;
    pyjson::Value payload = jwt::new_payload(type == "access" ? jwt::TokenType::access : jwt::TokenType::refresh,
                                             SystemClock().now(), random);
    payload.set("user_id", pyjson::Value::integer(*user_id));
    try {
        std::cout << jwt::sign(payload, *options.secret) << "\n";
    } catch (const jwt::InvalidKeyError& error) {
        std::cerr << "authlab: " << error.what() << "\n";
        return 1;
    }
    return 0;
}

// As simplejwt's TokenVerifyView checks (UntypedToken): signature, claims, exp and jti.
int verify(const Options& options) {
    if (!options.secret || options.user_id || options.type || options.positional.size() != 1) return usage();
    const jwt::TokenCheck check = jwt::check_token(options.positional[0], std::nullopt, *options.secret, SystemClock().now());
    if (!check.payload) {
        std::cout << (check.uncaught ? "simplejwt would fail with a Python error" : check.error) << " (" << check.cause << ")\n";
        return 1;
    }
    std::cout << pyjson::dumps(*check.payload, {.ensure_ascii = true, .compact = true}) << "\n";
    return 0;
}

}  // namespace

int jwt_command(const Args& args) {
    if (args.empty()) return usage();
    const std::optional<Options> options = parse(args);
    if (!options) return usage();
    if (args[0] == "mint") return mint(*options);
    if (args[0] == "verify") return verify(*options);
    return usage();
}

}  // namespace authlab::cli
