// Python's json.loads as the core mirrors it (request bodies, JWT segments, scenario files),
// in every charset DRF's JSONParser decodes; what parses must dump.
#include "support.hpp"
#include "pyjson/dump.hpp"
#include "pyjson/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace authlab;
    std::string_view text = fuzz::as_text(data, size);
    using python::Codec;
    for (Codec codec : {Codec::utf8, Codec::utf8_sig, Codec::utf16, Codec::utf16_le, Codec::utf16_be, Codec::utf32,
                        Codec::utf32_le, Codec::utf32_be, Codec::latin1, Codec::ascii, Codec::cp1252}) {
        auto parsed = pyjson::parse(text, codec);
        if (const auto* value = std::get_if<pyjson::Value>(&parsed)) pyjson::dumps(*value);
    }
    return 0;
}
