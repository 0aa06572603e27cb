#pragma once
// The starting worlds of api.md: "default" (the seed's bookshop) and "empty".
#include "auth/passwords.hpp"
#include "crypto/random.hpp"
#include "world/world.hpp"

namespace authlab {

Policies default_policies();
// No users, groups or books; default policies; a fresh SECRET_KEY.
World empty_world(crypto::RandomSource& random, auth::Argon2Cost cost = auth::Argon2Cost::django32());
// The default world: five users, three groups, three books. At Django 3.2's cost the users
// carry precomputed password hashes (nothing is hashed); at another cost they are hashed now.
World default_world(crypto::RandomSource& random, auth::Argon2Cost cost = auth::Argon2Cost::django32());

}  // namespace authlab
