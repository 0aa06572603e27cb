// A stored password field as Django's hashers read it: "password\nencoded". Every field is
// read; only cheap ones are also verified (a hostile hash may ask for 256 MiB of Argon2).
#include <cstdio>

#include "auth/passwords.hpp"
#include "support.hpp"

namespace {

bool cheap(std::string_view encoded) {
    unsigned m = 0, t = 0, p = 0, iterations = 0;
    std::string text(encoded.substr(0, 200));
    if (std::sscanf(text.c_str(), "argon2$argon2%*[^$]$v=%*u$m=%u,t=%u,p=%u", &m, &t, &p) == 3) return m <= 256 && t <= 2;
    if (std::sscanf(text.c_str(), "argon2$argon2%*[^$]$m=%u,t=%u,p=%u", &m, &t, &p) == 3) return m <= 256 && t <= 2;
    if (std::sscanf(text.c_str(), "pbkdf2_sha256$%u$", &iterations) == 1) return iterations <= 100;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    std::string_view text = fuzz::as_text(data, size);
    std::size_t newline = text.find('\n');
    std::string_view raw = newline == std::string_view::npos ? std::string_view() : text.substr(0, newline);
    std::string_view encoded = newline == std::string_view::npos ? text : text.substr(newline + 1);
    std::string problem = auth::encoded_password_problem(encoded);
    auth::is_password_usable(encoded);
    if (problem.empty() && cheap(encoded)) {
        crypto::SeededRandom random(1);
        auth::Passwords passwords(random, auth::Argon2Cost{8, 1, 1});
        passwords.check_password(raw, encoded);
    }
    return 0;
}
