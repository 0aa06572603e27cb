// Python's json.loads as the core mirrors it (request bodies, JWT segments, scenario files),
// in every charset DRF's JSONParser decodes; what parses must dump.
#include "support.hpp"
#include "pyjson/dump.hpp"
#include "pyjson/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    std::string_view text = fuzz::as_text(data, size);
    for (std::string_view charset : {"utf-8", "latin-1"}) {
        auto parsed = pyjson::parse(text, charset);
        if (const auto* value = std::get_if<pyjson::Value>(&parsed)) pyjson::dumps(*value);
    }
    return 0;
}
