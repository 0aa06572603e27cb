# WebAssembly dependencies. Emscripten must not see /usr/include, so nlohmann_json is reached
# through a folder that holds only a link to it.
set(AUTHLAB_WASM_INCLUDE ${CMAKE_BINARY_DIR}/third_party/include)
file(MAKE_DIRECTORY ${AUTHLAB_WASM_INCLUDE})
file(CREATE_LINK /usr/include/nlohmann ${AUTHLAB_WASM_INCLUDE}/nlohmann SYMBOLIC)
add_library(nlohmann_json INTERFACE)
target_include_directories(nlohmann_json SYSTEM INTERFACE ${AUTHLAB_WASM_INCLUDE})
add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json)

# The Argon2 reference implementation, from the npm package `argon2` (pinned in
# wasm/package.json, installed with --ignore-scripts by tools/setup). opt.c with SIMD runs
# about as fast as native; threads are off because the page's core is single-threaded. With
# SSSE3, BLAKE2b's 16- and 24-bit rotations are one byte shuffle instead of two shifts and an
# or: a hash about 8% faster in Node.js (BENCHMARKS.md).
set(ARGON2_SRC ${CMAKE_SOURCE_DIR}/wasm/node_modules/argon2/argon2)
if(NOT EXISTS ${ARGON2_SRC}/src/opt.c)
  message(FATAL_ERROR "Argon2 reference sources missing: run `npm ci --ignore-scripts` in wasm/ (tools/setup does).")
endif()
add_library(argon2 STATIC
  ${ARGON2_SRC}/src/argon2.c ${ARGON2_SRC}/src/core.c ${ARGON2_SRC}/src/encoding.c
  ${ARGON2_SRC}/src/opt.c ${ARGON2_SRC}/src/blake2/blake2b.c)
target_include_directories(argon2 SYSTEM PUBLIC ${ARGON2_SRC}/include)
target_compile_definitions(argon2 PRIVATE ARGON2_NO_THREADS)
target_compile_options(argon2 PRIVATE -O3 -msimd128 -mssse3)
