// The attack lab's token maker (lab::forge_jwt): the typed header and payload go in byte for
// byte, each way of signing gives the token it says, and the verdicts on the results are the
// core's PyJWT's and the real PyJWT 2.6's alike: only the re-signing with the secret gets in.
#include <catch2/catch.hpp>

#include "crypto/base64.hpp"
#include "jwt/pyjwt.hpp"
#include "lab/jwt_forge.hpp"
#include "support/python.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

const std::string secret = "lab-secret-0123456789-!@#$%^&*(-_=+)";
constexpr std::int64_t now_seconds = 1'704'110'400;  // 2024-01-01T12:00:00Z

// Spaces, key order and a line break as a learner might type them: none of it may change.
const std::string typed_header = "{ \"typ\": \"JWT\",\n  \"alg\": \"HS256\" }";
const std::string typed_payload = "{\"user_id\": 1,  \"token_type\": \"access\", \"jti\": \"x\"}";

std::string forged(lab::Signing signing, const std::string& header = typed_header, const std::string& payload = typed_payload,
                   const std::string& original = "", const std::string& key = secret) {
    lab::ForgedJwt made = lab::forge_jwt(header, payload, signing, original, key);
    INFO(made.problem);
    REQUIRE(made.problem.empty());
    return made.token;
}

std::vector<std::string> parts(const std::string& token) {
    std::vector<std::string> out{""};
    for (char c : token) {
        if (c == '.') out.emplace_back();
        else out.back() += c;
    }
    return out;
}

// The core's PyJWT verdict: "ok" or "ExceptionName: message".
std::string core_verdict(const std::string& token) {
    auto decoded = jwt::decode_hs256(token, secret, now_seconds);
    if (auto* failure = std::get_if<jwt::DecodeFailure>(&decoded)) return failure->exception + ": " + failure->message;
    return "ok";
}

// The real PyJWT's verdicts, one a token, in the same form.
std::vector<std::string> pyjwt_verdicts(const std::vector<std::string>& tokens) {
    return testing::python::answer_lines(R"(
import sys
sys.path.insert(0, '/usr/lib/python3/dist-packages')
import jwt
for token in open(sys.argv[1]).read().splitlines():
    try:
        jwt.decode(token, )" + json(secret).dump() + R"(, algorithms=['HS256'])
        print('ok')
    except Exception as error:
        print(type(error).__name__ + ': ' + str(error))
)",
                                         tokens);
}

}  // namespace

TEST_CASE("the forged header and payload are the typed bytes in base64url", "[jwt][forge]") {
    const std::vector<std::string> token = parts(forged(lab::Signing::hs256));
    REQUIRE(token.size() == 3);
    CHECK(crypto::base64url_decode(token[0]) == typed_header);
    CHECK(crypto::base64url_decode(token[1]) == typed_payload);
}

TEST_CASE("each way of signing gives the token it names", "[jwt][forge]") {
    const std::string good = forged(lab::Signing::hs256);
    const std::string signing_input = good.substr(0, good.rfind('.'));
    CHECK(forged(lab::Signing::unsigned_token) == signing_input + ".");
    const std::string none_header = "{\"alg\": \"none\"}";
    CHECK(forged(lab::Signing::alg_none, none_header) ==
          crypto::base64url_encode(none_header) + "." + crypto::base64url_encode(typed_payload) + ".");
    // The old signature is the original token's third part, whatever was edited.
    CHECK(forged(lab::Signing::old_signature, typed_header, "{\"user_id\": 1}", good) ==
          crypto::base64url_encode(typed_header) + "." + crypto::base64url_encode("{\"user_id\": 1}") + "." + parts(good)[2]);
    CHECK(forged(lab::Signing::old_signature, typed_header, typed_payload, good) == good);
    CHECK(forged(lab::Signing::hs256, typed_header, typed_payload, "", "another key") != good);
}

TEST_CASE("only the token re-signed with the secret passes the core's and the real PyJWT's checks", "[jwt][forge][interop]") {
    const std::string original = forged(lab::Signing::hs256);
    const std::string admin = "{\"user_id\": 1, \"token_type\": \"access\", \"jti\": \"x\", \"is_admin\": true}";
    const std::vector<std::string> tokens = {
        original,
        forged(lab::Signing::hs256, typed_header, admin),
        forged(lab::Signing::old_signature, typed_header, admin, original),
        forged(lab::Signing::hs256, typed_header, admin, "", "a guess"),
        forged(lab::Signing::unsigned_token, typed_header, admin),
        forged(lab::Signing::alg_none, "{\"alg\": \"none\", \"typ\": \"JWT\"}", admin),
        forged(lab::Signing::hs256, "[\"not\", \"an object\"]", admin),
    };
    std::vector<std::string> core;
    for (const std::string& token : tokens) core.push_back(core_verdict(token));
    CHECK(core == pyjwt_verdicts(tokens));
    CHECK(core[0] == "ok");
    CHECK(core[1] == "ok");
    CHECK(core[2] == "InvalidSignatureError: Signature verification failed");
    CHECK(core[3] == "InvalidSignatureError: Signature verification failed");
    CHECK(core[4] == "InvalidSignatureError: Signature verification failed");
    CHECK(core[5] == "InvalidAlgorithmError: The specified alg value is not allowed");
}

TEST_CASE("text that is not JSON is refused with Python's reason and where it is", "[jwt][forge]") {
    const std::vector<std::string> reasons = testing::python::answer_lines(R"(
import json, sys
for text in open(sys.argv[1]).read().splitlines():
    try:
        json.loads(text)
        print('ok')
    except ValueError as error:
        print(str(error))
)",
                                                                          {"{\"alg\": \"HS256\",}", "{'alg': 1}"});
    lab::ForgedJwt header = lab::forge_jwt("{\"alg\": \"HS256\",}", typed_payload, lab::Signing::hs256, "", secret);
    CHECK(header.token.empty());
    CHECK(header.problem == "The header is not JSON: " + reasons[0] + ".");
    lab::ForgedJwt payload = lab::forge_jwt(typed_header, "{'alg': 1}", lab::Signing::hs256, "", secret);
    CHECK(payload.token.empty());
    CHECK(payload.problem == "The payload is not JSON: " + reasons[1] + ".");
}

TEST_CASE("a signing that cannot be done says what is missing and makes no token", "[jwt][forge]") {
    lab::ForgedJwt none = lab::forge_jwt(typed_header, typed_payload, lab::Signing::alg_none, "", "");
    CHECK(none.token.empty());
    CHECK(none.problem.find("\"alg\": \"none\"") != std::string::npos);
    lab::ForgedJwt old = lab::forge_jwt(typed_header, typed_payload, lab::Signing::old_signature, "", "");
    CHECK(old.token.empty());
    CHECK(old.problem.find("no original token") != std::string::npos);
    lab::ForgedJwt keyless = lab::forge_jwt(typed_header, typed_payload, lab::Signing::hs256, "", "");
    CHECK(keyless.token.empty());
    CHECK(keyless.problem.find("key") != std::string::npos);
    lab::ForgedJwt huge = lab::forge_jwt(typed_header, "\"" + std::string(9000, 'a') + "\"", lab::Signing::hs256, "", secret);
    CHECK(huge.token.empty());
    CHECK(huge.problem.find("at most 8168") != std::string::npos);
}

TEST_CASE("the signing modes are named as the page names them", "[jwt][forge]") {
    CHECK(lab::signing_named("unsigned") == lab::Signing::unsigned_token);
    CHECK(lab::signing_named("old") == lab::Signing::old_signature);
    CHECK(lab::signing_named("none") == lab::Signing::alg_none);
    CHECK(lab::signing_named("hs256") == lab::Signing::hs256);
    CHECK_FALSE(lab::signing_named("HS256").has_value());
}
