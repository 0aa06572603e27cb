#include "jwt/python_json.hpp"

#include <cstdint>

#include "pyjson/parse.hpp"
#include "python/codecs.hpp"

namespace authlab::jwt {

nlohmann::ordered_json to_ordered_json(const pyjson::Value& v) {
    using Kind = pyjson::Value::Kind;
    switch (v.kind()) {
        case Kind::None: return nullptr;
        case Kind::Bool: return v.as_bool();
        case Kind::Int: {
            nlohmann::ordered_json number = nlohmann::ordered_json::parse(v.int_digits(), nullptr, false);
            return number.is_number_integer() ? number : nlohmann::ordered_json(v.int_digits());
        }
        case Kind::Float: return v.as_float();
        case Kind::Str: return python::decode_replace(v.as_str(), python::Codec::utf8);  // lone surrogates become U+FFFD
        case Kind::List: {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const pyjson::Value& item : v.as_list()) out.push_back(to_ordered_json(item));
            return out;
        }
        case Kind::Dict: {
            nlohmann::ordered_json out = nlohmann::ordered_json::object();
            for (const auto& [key, item] : v.as_dict()) out[python::decode_replace(key, python::Codec::utf8)] = to_ordered_json(item);
            return out;
        }
    }
    return nullptr;
}

std::variant<pyjson::Value, JsonFailure> loads_bytes(std::string_view bytes) {
    // json.detect_encoding: a BOM, or NUL bytes among the first four, mean UTF-16 or UTF-32.
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
               ((bytes.size() >= 4 || bytes.size() == 2) && (at(0) == 0 || at(1) == 0))) {
        return JsonFailure{"UTF-16 and UTF-32 JSON documents are not supported here"};
    }
    auto parsed = pyjson::parse(bytes, "utf-8");
    if (auto* failure = std::get_if<pyjson::ParseError>(&parsed)) {
        return JsonFailure{failure->message, failure->kind == pyjson::ParseError::Kind::ValueError};
    }
    return std::get<pyjson::Value>(std::move(parsed));
}

}  // namespace authlab::jwt
