#pragma once
// A backend on the default world at the scenarios' start (2024-01-01T12:00:00Z) with a seeded
// random source, and the two things the lab's tests do to a request: build it, and give it the
// credentials the lab issues a user by one mechanism ("token", "jwt", "session", "basic").
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <variant>

#include "backend.hpp"
#include "lab/credentials.hpp"
#include "world/seed.hpp"

namespace authlab::testing {

struct LabFixture {
    explicit LabFixture(std::uint64_t seed) : random(seed) {}

    crypto::SeededRandom random;
    FixedClock clock{1704110400 * micros_per_second};  // 2024-01-01T12:00:00Z
    Backend backend{default_world(random, auth::Argon2Cost::owasp_minimum()), clock, random};

    http::Request request(std::string method, std::string path, std::string body = "",
                          std::string type = "application/json") {
        http::Request r{std::move(method), std::move(path), "", {}, std::move(body)};
        if (!r.body.empty()) r.headers.set("Content-Type", type);
        return r;
    }
    http::Request as(const std::string& username, const std::string& mechanism, http::Request r) {
        auto credentials = lab::issue_credentials(backend, username, mechanism);
        REQUIRE(std::holds_alternative<lab::Credentials>(credentials));
        return lab::with_credentials(std::move(r), std::get<lab::Credentials>(credentials));
    }
};

// A book to add: valid for BookSerializer.
inline const std::string emma = R"({"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": 2})";

}  // namespace authlab::testing
