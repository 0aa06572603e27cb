#pragma once
// Files a test hands to another process (a Python script, a runner), under the system temp
// directory and removed at scope exit, whether the test passes, fails or throws.
#include <catch2/catch.hpp>

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>

namespace authlab::testing {

// A fresh directory of its own (mkdtemp: unique even with several test runs at once).
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "authlab-test-XXXXXX").string();
        INFO("cannot create a directory like " << pattern);
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;  // a destructor must not throw; the directory is ours alone
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes `text` as the file `name` in the directory; returns its path.
    std::filesystem::path write(const std::string& name, std::string_view text) const {
        const std::filesystem::path file = path_ / name;
        std::ofstream out(file, std::ios::binary);
        out << text;
        out.close();
        INFO("cannot write " << file.string());
        REQUIRE(out.good());
        return file;
    }

    // The contents of the file `name` in the directory.
    std::string read(const std::string& name) const {
        const std::filesystem::path file = path_ / name;
        std::ifstream in(file, std::ios::binary);
        INFO("cannot read " << file.string());
        REQUIRE(in.is_open());
        return {std::istreambuf_iterator<char>(in), {}};
    }

private:
    std::filesystem::path path_;
};

// One file holding `text`, alone in a TempDir. Its name is what readers print (tracebacks,
// the runners' tables), so the caller chooses it.
class TempFile {
public:
    TempFile(std::string_view text, const std::string& name) : path_(dir_.write(name, text)) {}

    const std::filesystem::path& path() const { return path_; }

private:
    TempDir dir_;  // before path_: made first
    std::filesystem::path path_;
};

}  // namespace authlab::testing
