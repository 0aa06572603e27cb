# Native dependencies, all from Debian: nlohmann-json3-dev, libargon2-dev, catch2.
find_package(nlohmann_json 3.11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBARGON2 REQUIRED IMPORTED_TARGET libargon2)
add_library(argon2 ALIAS PkgConfig::LIBARGON2)
