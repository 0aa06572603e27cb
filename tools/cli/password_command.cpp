// authlab password hash|verify: Django-format password hashes from the core's hashers.
#include <iostream>

#include "auth/passwords.hpp"
#include "commands.hpp"

namespace authlab::cli {
namespace {

int usage() {
    std::cerr << "usage: authlab password hash [--pbkdf2] PASSWORD\n"
                 "       authlab password verify ENCODED PASSWORD\n";
    return 2;
}

}  // namespace

int password_command(const Args& args) {
    crypto::SystemRandom random;
    auth::Passwords passwords(random, auth::Argon2Cost::django32());
    if (args.size() == 2 && args[0] == "hash") {
        std::cout << passwords.make_password(args[1]) << "\n";
        return 0;
    }
    if (args.size() == 3 && args[0] == "hash" && args[1] == "--pbkdf2") {
        std::cout << passwords.make_pbkdf2_password(args[2]) << "\n";
        return 0;
    }
    if (args.size() == 3 && args[0] == "verify") {
        auth::HashCheck check = passwords.check_password(args[2], args[1]);
        switch (check.verdict) {
            case auth::Verdict::match:
                std::cout << "match\n";
                return 0;
            case auth::Verdict::mismatch:
                std::cout << "mismatch\n";
                return 1;
            case auth::Verdict::malformed:
                std::cerr << "authlab: malformed hash: " << check.problem << "\n";
                return 2;
        }
    }
    return usage();
}

}  // namespace authlab::cli
