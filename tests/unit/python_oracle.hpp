#pragma once
// Asks the real stack: runs a script under Debian's /usr/bin/python3 with a JSON document on
// stdin and returns the JSON it prints. A failure to run is a test failure with the reason,
// never a skip.
#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace authlab::testing {

inline nlohmann::json ask_python(const std::string& script, const nlohmann::json& input) {
    std::string path = std::string(AUTHLAB_SOURCE_DIR) + "/tests/oracle/" + script;
    std::string input_file = "/tmp/authlab-oracle-" + std::to_string(std::random_device{}()) + ".json";
    std::ofstream(input_file) << input.dump();
    std::string command = std::string(AUTHLAB_PYTHON) + " " + path + " < " + input_file + " 2>&1";
    std::string output;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
        int status = pclose(pipe);
        std::remove(input_file.c_str());
        if (status != 0) throw std::runtime_error(script + " failed (is python3-django installed?):\n" + output);
    } else {
        throw std::runtime_error("cannot start " + command);
    }
    return nlohmann::json::parse(output);
}

}  // namespace authlab::testing
