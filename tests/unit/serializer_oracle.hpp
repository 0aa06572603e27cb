#pragma once
// Asking the real stack from the serializer, parser, permission and view tests: a Python
// script runs under /usr/bin/python3 over a file of input lines and prints one line per
// input. Lines travel hex-encoded when they may hold any byte. Failing to run is a test
// failure, never a skip.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace authlab::testing {

inline std::string to_hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

inline std::string from_hex(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
    return out;
}

// Django configured as the reference project (tests/reference), its tables migrated into the
// in-memory database: scripts start with this.
inline std::string django_prelude() {
    return std::string("import os, sys, io, json\n"
                       "sys.dont_write_bytecode = True\n"
                       "sys.path.insert(0, '") +
           AUTHLAB_SOURCE_DIR +
           "/tests/reference')\n"
           "os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'\n"
           "import django\n"
           "django.setup()\n"
           "from django.core.management import call_command\n"
           "call_command('migrate', verbosity=0)\n";
}

// Runs `script` with the path of a file holding `lines` as argv[1]; returns its output lines.
inline std::vector<std::string> run_python(const std::string& script, const std::vector<std::string>& lines) {
    const std::string base = "/tmp/authlab-drf-oracle-" + std::to_string(std::random_device{}());
    std::ofstream(base + ".py") << script;
    {
        std::ofstream in(base + ".in");
        for (const std::string& line : lines) in << line << '\n';
    }
    const std::string command = std::string(AUTHLAB_PYTHON) + " " + base + ".py " + base + ".in > " + base + ".out 2> " + base + ".err";
    const int status = std::system(command.c_str());
    std::ifstream out(base + ".out"), err(base + ".err");
    std::vector<std::string> result;
    for (std::string line; std::getline(out, line);) result.push_back(line);
    std::stringstream errors;
    errors << err.rdbuf();
    for (const char* suffix : {".py", ".in", ".out", ".err"}) std::remove((base + suffix).c_str());
    INFO(errors.str());
    REQUIRE(status == 0);
    REQUIRE(result.size() == lines.size());
    return result;
}

}  // namespace authlab::testing
