// PyJWT 2.6 + simplejwt 5.2's verdict on hand-made tokens, case by case against the core:
// segments, lenient base64url, header checks, the alg allow-list, the signature, and every
// claim rule (iat / nbf / exp types, exp to the second, jti, token_type), including the
// claim values that make Python raise errors nobody catches (500 in Django).
#include <catch2/catch.hpp>

#include "crypto/base64.hpp"
#include "crypto/hmac.hpp"
#include "jwt/pyjwt.hpp"
#include "jwt/tokens.hpp"
#include "support/django.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

constexpr long long N = 1'704'110'400;  // 2024-01-01T12:00:00Z, the instant both sides check at
const std::string key = "claims-test-secret";

std::string hs256(std::string_view key_bytes, std::string_view signing_input) {
    const crypto::Sha256Digest mac = crypto::hmac_sha256(key_bytes, signing_input);
    return crypto::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

// A token from literal JSON texts, signed with `key` whatever the header says.
std::string token(const std::string& header, const std::string& payload, const std::string& with_key = key) {
    const std::string input = crypto::base64url_encode(header) + "." + crypto::base64url_encode(payload);
    return input + "." + hs256(with_key, input);
}

const std::string header = R"({"alg":"HS256","typ":"JWT"})";

// A payload with the given exp, then `rest` (more claims, each with its leading comma).
std::string with_exp(long long exp, const std::string& rest) {
    return R"({"token_type":"access","exp":)" + std::to_string(exp) + rest + "}";
}

std::string standard_alphabet(std::string text) {
    for (char& c : text) {
        if (c == '-') c = '+';
        if (c == '_') c = '/';
    }
    return text;
}

// JSON carries text: a token's bytes that are not UTF-8 travel as Latin-1 characters.
std::string as_latin1_text(const std::string& bytes) {
    std::string out;
    for (unsigned char b : bytes) {
        if (b < 0x80) {
            out += static_cast<char>(b);
        } else {
            out += static_cast<char>(0xC0 | (b >> 6));
            out += static_cast<char>(0x80 | (b & 0x3F));
        }
    }
    return out;
}

std::string claims(const std::string& exp = std::to_string(N + 300), const std::string& extra = "",
                   const std::string& type = R"("access")") {
    return R"({"token_type":)" + type + R"(,"exp":)" + exp + R"(,"iat":)" + std::to_string(N) + R"(,"jti":"j","user_id":1)" +
           extra + "}";
}

struct Case {
    std::string name;
    std::string raw;
    std::string secret = key;
};

std::vector<Case> cases() {
    const std::string good = token(header, claims());
    const std::string body = crypto::base64url_encode(claims());
    const std::string head = crypto::base64url_encode(header);
    const std::string sig = good.substr(good.rfind('.') + 1);
    std::string deep;
    for (int i = 0; i < 2000; ++i) deep += "[";
    for (int i = 0; i < 2000; ++i) deep += "]";
    const std::string split_body = body.substr(0, 8) + "." + body.substr(8);
    std::vector<Case> out = {
        {"good", good},
        {"exp now", token(header, claims(std::to_string(N)))},
        {"exp now + 1", token(header, claims(std::to_string(N + 1)))},
        {"exp float half past now", token(header, claims(std::to_string(N) + ".5"))},
        {"exp float 1.5 after", token(header, claims(std::to_string(N + 1) + ".5"))},
        {"exp as text", token(header, claims("\"" + std::to_string(N + 300) + "\""))},
        {"exp text with spaces", token(header, claims("\" " + std::to_string(N + 300) + " \""))},
        {"exp text not a number", token(header, claims("\"soon\""))},
        {"exp null", token(header, claims("null"))},
        {"exp list", token(header, claims("[1]"))},
        {"exp true", token(header, claims("true"))},
        {"exp 1e20", token(header, claims("1e20"))},
        {"exp 10**30", token(header, claims("1000000000000000000000000000000"))},
        {"exp -1e20", token(header, claims("-1e20"))},
        {"exp year 10000", token(header, claims("253402300800"))},
        {"exp NaN", token(header, claims("NaN"))},
        {"iat in the future", token(header, with_exp(N + 300, ",\"iat\":" + std::to_string(N + 10) + ",\"jti\":\"j\""))},
        {"iat half a second ahead", token(header, with_exp(N + 300, ",\"iat\":" + std::to_string(N) + ".5,\"jti\":\"j\""))},
        {"iat text", token(header, with_exp(N + 300, R"(,"iat":"abc","jti":"j")"))},
        {"iat numeric text", token(header, with_exp(N + 300, R"(,"iat":"5","jti":"j")"))},
        {"iat null", token(header, with_exp(N + 300, R"(,"iat":null,"jti":"j")"))},
        {"nbf ahead", token(header, claims(std::to_string(N + 300), ",\"nbf\":" + std::to_string(N + 1)))},
        {"nbf now", token(header, claims(std::to_string(N + 300), ",\"nbf\":" + std::to_string(N)))},
        {"nbf text", token(header, claims(std::to_string(N + 300), ",\"nbf\":\"x\""))},
        {"nbf numeric text", token(header, claims(std::to_string(N + 300), ",\"nbf\":\"5\""))},
        {"nbf null", token(header, claims(std::to_string(N + 300), ",\"nbf\":null"))},
        {"no exp", token(header, R"({"token_type":"access","iat":1,"jti":"j"})")},
        {"no jti", token(header, with_exp(N + 300, ""))},
        {"no type", token(header, R"({"exp":)" + std::to_string(N + 300) + R"(,"jti":"j"})")},
        {"refresh type", token(header, claims(std::to_string(N + 300), "", "\"refresh\""))},
        {"type 1", token(header, claims(std::to_string(N + 300), "", "1"))},
        {"duplicate exp keys", token(header, R"({"exp":1,"token_type":"access","exp":)" + std::to_string(N + 300) + R"(,"jti":"j"})")},
        {"alg none", token(R"({"alg":"none","typ":"JWT"})", claims())},
        {"alg HS512", token(R"({"alg":"HS512","typ":"JWT"})", claims())},
        {"alg lower case", token(R"({"alg":"hs256"})", claims())},
        {"alg missing", token(R"({"typ":"JWT"})", claims())},
        {"alg null", token(R"({"alg":null})", claims())},
        {"alg list", token(R"({"alg":["HS256"]})", claims())},
        {"no typ", token(R"({"alg":"HS256"})", claims())},
        {"kid number", token(R"({"alg":"HS256","kid":5})", claims())},
        {"kid text", token(R"({"alg":"HS256","kid":"k"})", claims())},
        {"crit b64 missing", token(R"({"alg":"HS256","crit":["b64"]})", claims())},
        {"crit b64 true", token(R"({"alg":"HS256","crit":["b64"],"b64":true})", claims())},
        {"crit unknown", token(R"({"alg":"HS256","crit":["x"]})", claims())},
        {"crit empty", token(R"({"alg":"HS256","crit":[]})", claims())},
        {"b64 false", token(R"({"alg":"HS256","b64":false})", claims())},
        {"header a list", token("[]", claims())},
        {"header not JSON", token("{alg", claims())},
        {"header with a BOM", token("\xEF\xBB\xBF" + header, claims())},
        {"header with NUL bytes", token(std::string("{\0\"\0", 4), claims())},
        {"payload a list", token(header, "[1]")},
        {"payload not JSON", token(header, "{")},
        {"payload nested 2000 deep", token(header, with_exp(N + 300, R"(,"jti":"j","x":)" + deep))},
        {"payload nested 10 deep", token(header, with_exp(N + 300, R"(,"jti":"j","x":[[[[[[[[[[]]]]]]]]]])"))},
        {"payload with non-ASCII", token(header, claims(std::to_string(N + 300), ",\"n\":\"\xC3\xA9\""))},
        {"payload invalid UTF-8", token(header, claims(std::to_string(N + 300), ",\"n\":\"\xC3\""))},
        {"wrong key", token(header, claims(), key + "x")},
        {"signature cut", good.substr(0, good.size() - 1)},
        {"signature plus !", good + "!"},
        {"signature plus !!", good + "!!"},
        {"signature plus ===", good + "==="},
        {"signature standard alphabet", head + "." + body + "." + standard_alphabet(sig)},
        {"payload split by a dot", [&] { std::string input = head + "." + split_body; return input + "." + hs256(key, input); }()},
        {"space inside the payload", head + "." + body.substr(0, 5) + " " + body.substr(5) + "." + sig},
        {"one segment", "abc"},
        {"two segments", head + "." + body},
        {"empty", ""},
        {"dots only", ".."},
        {"non-ASCII in the signature", good + "\xC3\xA9"},
    };
    out.push_back({"PEM-like secret", token(header, claims(), "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"),
                   "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"});
    out.push_back({"SSH-like secret", token(header, claims(), "x ssh-rsa y"), "x ssh-rsa y"});
    return out;
}

}  // namespace

TEST_CASE("HS256 signatures match RFC 7515's example A.1", "[jwt][hs256]") {
    // JWS A.1: the exact header and payload bytes, the JWK's key, the published signature.
    const std::string jwk = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    const std::string secret = *crypto::base64url_decode(jwk);
    const std::string input =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
        "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    CHECK(hs256(secret, input) == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    // PyJWT's decoding accepts it (before its exp, 1300819380) and refuses it after.
    const std::string jws = input + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    auto before = jwt::decode_hs256(jws, secret, 1300819379);
    REQUIRE(std::holds_alternative<jwt::Decoded>(before));
    CHECK(std::get<jwt::Decoded>(before).payload.find("iss")->as_str() == "joe");
    auto after = jwt::decode_hs256(jws, secret, 1300819380);
    REQUIRE(std::holds_alternative<jwt::DecodeFailure>(after));
    CHECK(std::get<jwt::DecodeFailure>(after).exception == "ExpiredSignatureError");
}

TEST_CASE("every hand-made token gets simplejwt's verdict", "[jwt][interop][claims]") {
    const std::vector<Case> all = cases();
    json input = {{"tokens", json::array()}};
    for (const Case& c : all) {
        input["tokens"].push_back({{"raw", as_latin1_text(c.raw)}, {"key", c.secret}});
    }
    const json real = testing::django::ask(R"(
import sys
from freezegun import freeze_time
from rest_framework_simplejwt.backends import TokenBackend
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken
out = []
with freeze_time('2024-01-01T12:00:00Z'):
    for case in data['tokens']:
        AccessToken._token_backend = TokenBackend('HS256', case['key'])
        try:
            AccessToken(case['raw'].encode('latin-1'))
            out.append({'ok': True})
        except TokenError as e:
            out.append({'error': str(e.args[0])})
        except BaseException as e:
            out.append({'crash': type(e).__name__})
answer(out)
)",
                                          input);
    REQUIRE(real.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        const jwt::TokenCheck ours = jwt::check_token(all[i].raw, jwt::TokenType::access, all[i].secret, N * micros_per_second);
        json verdict = ours.uncaught ? json{{"crash", true}} : ours.payload ? json{{"ok", true}} : json{{"error", ours.error}};
        json expected = real[i];
        if (expected.contains("crash")) expected["crash"] = true;
        INFO(all[i].name << ": the core says " << verdict.dump() << " (" << ours.cause << "), simplejwt " << real[i].dump());
        CHECK(verdict == expected);
    }
}
