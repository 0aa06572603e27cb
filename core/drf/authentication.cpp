#include "drf/authentication.hpp"

#include <utility>

#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"
#include "python/codecs.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::drf {
namespace {

using Factory = std::unique_ptr<Authenticator> (*)();

const std::vector<std::pair<std::string, Factory>>& registry() {
    static const std::vector<std::pair<std::string, Factory>> classes = {
        {"TokenAuthentication", make_token_authentication},
        {"JWTAuthentication", make_jwt_authentication},
        {"SessionAuthentication", make_session_authentication},
        {"BasicAuthentication", make_basic_authentication},
    };
    return classes;
}

}  // namespace

std::unique_ptr<Authenticator> make_authenticator(std::string_view class_name) {
    for (const auto& [name, factory] : registry()) {
        if (name == class_name) return factory();
    }
    return nullptr;
}

const std::vector<std::string>& authentication_class_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : registry()) out.push_back(entry.first);
        return out;
    }();
    return names;
}

std::vector<std::string> authorization_parts(const RequestContext& request) {
    // get_authorization_header (and simplejwt's get_header): the header's text encoded with
    // HTTP_HEADER_ENCODING, iso-8859-1. A character past U+00FF raises UnicodeEncodeError, which
    // nothing catches.
    python::Coded encoded = python::encode(request.http.headers.get("Authorization"), python::Codec::latin1);
    if (auto* error = std::get_if<python::CodecError>(&encoded)) {
        throw ServerError("UnicodeEncodeError: the Authorization header: " + error->message);
    }
    const std::string& header = std::get<std::string>(encoded);
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < header.size();) {
        while (i < header.size() && space(header[i])) ++i;
        std::size_t start = i;
        while (i < header.size() && !space(header[i])) ++i;
        if (i > start) parts.push_back(header.substr(start, i - start));
    }
    return parts;
}

bool keyword_matches(std::string_view word, std::string_view keyword) {
    if (word.size() != keyword.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
        if (c != keyword[i]) return false;
    }
    return true;
}

std::string trace_text(std::string_view bytes) { return python::decode_replace(bytes, python::Codec::latin1); }

std::string redact(std::string_view credential) {
    // The first six characters (code points, so the text stays valid UTF-8), or half of a
    // shorter one.
    const std::u32string text = python::decode(trace_text(credential));
    const std::size_t shown = text.size() > 6 ? 6 : text.size() / 2;
    return python::encode(text.substr(0, shown)) + "\xE2\x80\xA6";  // …
}

std::string redact_jwt(std::string_view token) {
    const std::u32string text = python::decode(trace_text(token));
    const std::size_t shown = text.size() > 6 ? 6 : text.size() / 2;
    return "\xE2\x80\xA6" + python::encode(text.substr(text.size() - shown));  // "…" + its last characters
}

}  // namespace authlab::drf
