// Native measurements for tools/bench/run, one JSON object per line:
//   argon2      the core's Argon2id at Django 3.2's cost (libargon2 underneath)
//   pbkdf2      the core's PBKDF2-SHA256 at 260000 iterations, and OpenSSL's in the same run
//   login       ModelBackend.authenticate: unknown user vs wrong password (should be ~1)
//   request     the mix of request_mix.json (carol's DRF token or none) as the page sends it:
//               JSON in, the browser's cookie jar, the whole pipeline, the answer and trace as JSON
// --request-only measures the request mix alone (tools/bench/run's further rounds).
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "backends/model_backend.hpp"
#include "backend.hpp"
#include "crypto/pbkdf2.hpp"
#include "lab/browser_session.hpp"
#include "lab/credentials.hpp"
#include "lab/page_json.hpp"
#include "world/seed.hpp"

using namespace authlab;

namespace {

// The median of `runs` timings, in seconds.
double median_seconds(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void report(const nlohmann::json& line) { std::cout << line.dump() << std::endl; }

// Argon2id at Django 3.2's cost, PBKDF2 against OpenSSL, ModelBackend's two failures.
void measure_hashing(auth::Passwords& passwords, World& world) {
    report({{"measure", "argon2"}, {"seconds", median_seconds(5, [&] { passwords.make_password("carol-pass-1"); })}});

    const std::string password = "lètmein", salt = "seasalt";  // as django_bench.py hashes them
    double ours = median_seconds(5, [&] { crypto::pbkdf2_hmac_sha256(password, salt, 260000, 32); });
    double openssl = median_seconds(5, [&] {
        unsigned char out[32];
        PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), 260000, EVP_sha256(), sizeof out, out);
    });
    report({{"measure", "pbkdf2"}, {"seconds", ours}, {"openssl_seconds", openssl}});

    double unknown = median_seconds(7, [&] { auth::authenticate(world, passwords, std::string("nobody"), std::string("x")); });
    double wrong = median_seconds(7, [&] { auth::authenticate(world, passwords, std::string("carol"), std::string("x")); });
    report({{"measure", "login"}, {"unknown_user_seconds", unknown}, {"wrong_password_seconds", wrong}});
}

void measure_requests(World world, crypto::RandomSource& random) {
    // The request as the page sends it: JSON text in, read into a request, sent with the
    // browser's cookie jar, the answer and its trace written back as JSON. wasm_bench.mjs times
    // core.handle on the same texts, so the two figures are the same work.
    SystemClock clock;
    Backend backend(std::move(world), clock, random);
    lab::BrowserSession browser(backend);
    auto credentials = lab::issue_credentials(backend, "carol", "token");
    if (auto* problem = std::get_if<std::string>(&credentials)) throw std::runtime_error(*problem);
    const std::string authorization = *std::get<lab::Credentials>(credentials).authorization;
    std::ifstream mix_file(AUTHLAB_SOURCE_DIR "/tools/bench/request_mix.json");
    const nlohmann::json mix = nlohmann::json::parse(mix_file);
    std::vector<std::string> requests;
    for (const auto& entry : mix) {
        nlohmann::ordered_json request = {{"method", entry["method"]}, {"path", entry["path"]}, {"headers", {{"Cookie", ""}}}};
        if (entry["auth"]) request["headers"]["Authorization"] = authorization;
        if (entry.contains("json")) request["json"] = entry["json"];
        const std::string text = request.dump();
        auto answer = nlohmann::json::parse(lab::sent_to_json(browser.send(lab::request_from_json(text))));
        if (answer["response"]["status"] != entry["status"])
            throw std::runtime_error(text + " answered " + answer["response"]["status"].dump());
        requests.push_back(text);
    }
    const int rounds = 250;
    double per_request = median_seconds(5, [&] {
                             for (int i = 0; i < rounds; ++i)
                                 for (const std::string& request : requests) lab::sent_to_json(browser.send(lab::request_from_json(request)));
                         }) / (rounds * static_cast<double>(requests.size()));
    report({{"measure", "request"}, {"seconds", per_request}});
}

}  // namespace

int main(int argc, char** argv) {
    const bool request_only = argc > 1 && std::string(argv[1]) == "--request-only";
    crypto::SystemRandom random;
    auth::Passwords passwords(random, auth::Argon2Cost::django32());
    World world = default_world(random);
    if (!request_only) measure_hashing(passwords, world);
    measure_requests(std::move(world), random);
}
