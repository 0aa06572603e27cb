// The core's JWTs against the real PyJWT 2.6 and simplejwt 5.2, both ways: what the core mints
// is byte for byte what PyJWT would write and is accepted by simplejwt's AccessToken,
// RefreshToken and JWTAuthentication; what they mint the core accepts; and every token they
// refuse the core refuses with the very body their classes build.
#include <catch2/catch.hpp>

#include "backend.hpp"
#include "drf/authentication.hpp"
#include "drf/errors.hpp"
#include "jwt/python_json.hpp"
#include "pyjson/dump.hpp"
#include "jwt/tokens.hpp"
#include "support/django.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

const std::string secret = "interop-secret-0123456789-!@#$%^&*(-_=+)";
constexpr Micros start = 1'704'110'400LL * micros_per_second;  // 2024-01-01T12:00:00Z

World world_with_users() {
    World world;
    world.secret_key = secret;
    for (const char* name : {"admin", "mary", "eddie", "carol", "ivan"}) {
        User user;
        user.username = name;
        user.is_active = std::string(name) != "ivan";
        world.add_user(user);
    }
    return world;
}

// The body the core's JWTAuthentication answers for "Authorization: Bearer <raw>" (null when
// it authenticates), and the user it found.
std::pair<json, std::string> core_bearer(const std::string& raw, Micros now) {
    World world = world_with_users();
    crypto::SeededRandom random(7);
    auth::Passwords passwords(random, world.password_cost);
    http::Request request{"GET", "/auth/users/me/", "", {}, ""};
    request.headers.add("Authorization", "Bearer " + raw);
    drf::RequestContext context(world, request, now, random, passwords);
    try {
        auto result = drf::make_authenticator("JWTAuthentication")->authenticate(context);
        REQUIRE(result);
        return {nullptr, result->user->username};
    } catch (const drf::ApiError& error) {
        CHECK(error.status == 401);
        return {json::parse(error.body.dump()), ""};
    }
}

}  // namespace

TEST_CASE("a JWT minted by the core is PyJWT's own encoding and real simplejwt accepts it", "[jwt][interop]") {
    crypto::SeededRandom random(20240101);
    const Micros now = SystemClock().now();  // PyJWT and simplejwt check against the real clock
    User carol;
    carol.id = 4;
    const pyjson::Value refresh = jwt::for_user(jwt::TokenType::refresh, carol, now, random);
    const pyjson::Value access = jwt::access_from_refresh(refresh, now, random);
    const json input = {{"secret", secret},
                        {"access", jwt::sign(access, secret)},
                        {"refresh", jwt::sign(refresh, secret)},
                        {"access_claims", json::parse(pyjson::dumps(access, {.ensure_ascii = true, .compact = true}))}};
    const json real = testing::django::ask(R"(
import jwt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken
call_command('migrate', verbosity=0)
for i, name in enumerate(['admin', 'mary', 'eddie', 'carol'], 1):
    User.objects.create(id=i, username=name)
out = {}
for kind in ('access', 'refresh'):
    claims = jwt.decode(data[kind], data['secret'], algorithms=['HS256'])
    out[kind + '_claims'] = claims
    out[kind + '_keys'] = list(claims)
    out[kind + '_reencoded'] = jwt.encode(claims, data['secret'], algorithm='HS256')
    out[kind + '_header'] = jwt.get_unverified_header(data[kind])
out['access_token'] = AccessToken(data['access']).payload
out['refresh_token'] = RefreshToken(data['refresh']).payload
request = Request(RequestFactory().get('/', HTTP_AUTHORIZATION='Bearer ' + data['access']))
user, token = JWTAuthentication().authenticate(request)
out['user'] = user.username
answer(out)
)",
                                          input);
    CHECK(real["access_reencoded"] == input["access"]);
    CHECK(real["refresh_reencoded"] == input["refresh"]);
    CHECK(real["access_header"] == json({{"alg", "HS256"}, {"typ", "JWT"}}));
    CHECK(real["access_claims"] == input["access_claims"]);
    CHECK(real["access_token"] == input["access_claims"]);
    CHECK(real["refresh_token"]["token_type"] == "refresh");
    CHECK(real["user"] == "carol");
    // simplejwt's claim set: token_type, exp, iat, jti (uuid4 hex), user_id, in that order.
    CHECK(real["access_keys"] == json({"token_type", "exp", "iat", "jti", "user_id"}));
    CHECK(real["access_claims"]["exp"].get<long long>() - real["access_claims"]["iat"].get<long long>() == 300);
    CHECK(real["refresh_claims"]["exp"].get<long long>() - real["refresh_claims"]["iat"].get<long long>() == 86400);
    const std::string jti = real["access_claims"]["jti"];
    CHECK(jti.size() == 32);
    CHECK(jti[12] == '4');  // uuid4().hex: version 4
    CHECK(std::string("89ab").find(jti[16]) != std::string::npos);
}

TEST_CASE("tokens minted by real simplejwt and PyJWT are accepted by the core", "[jwt][interop]") {
    const json real = testing::django::ask(R"(
import jwt
from freezegun import freeze_time
from rest_framework_simplejwt.tokens import RefreshToken
with freeze_time('2024-01-01T12:00:00Z'):
    refresh = RefreshToken()
    refresh['user_id'] = 3
    access = refresh.access_token
    custom = jwt.encode({'token_type': 'access', 'exp': 1704110700, 'iat': 1704110400, 'jti': 'j',
                         'user_id': 4, 'name': 'Jos\u00e9 \U0001F600', 'scope': ['a', 1.5]}, data['secret'], algorithm='HS256')
    answer({'refresh': str(refresh), 'access': str(access), 'custom': custom,
            'refresh_claims': refresh.payload, 'access_claims': access.payload,
            'refreshed_claims': RefreshToken(str(refresh)).access_token.payload})
)",
                                          {{"secret", secret}});
    // The core checks at the same instant simplejwt minted them.
    auto [body, user] = core_bearer(real["access"], start);
    CHECK(body.is_null());
    CHECK(user == "eddie");
    std::tie(body, user) = core_bearer(real["custom"], start + 299 * micros_per_second);
    CHECK(body.is_null());
    CHECK(user == "carol");

    const jwt::TokenCheck refresh = jwt::check_token(real["refresh"].get<std::string>(), jwt::TokenType::refresh, secret, start);
    REQUIRE(refresh.payload);
    CHECK(json::parse(pyjson::dumps(*refresh.payload, {.ensure_ascii = true, .compact = true})) == real["refresh_claims"]);
    const jwt::TokenCheck custom = jwt::check_token(real["custom"].get<std::string>(), jwt::TokenType::access, secret, start);
    REQUIRE(custom.payload);
    CHECK(custom.payload->find("name")->as_str() == "Jos\xc3\xa9 \xf0\x9f\x98\x80");

    // RefreshToken.access_token: every claim but token_type, exp and jti comes over, so the
    // refresh token's iat stays, and exp counts from the refresh time.
    crypto::SeededRandom random(3);
    json ours = json::parse(pyjson::dumps(jwt::access_from_refresh(*refresh.payload, start, random), {.ensure_ascii = true, .compact = true}));
    json theirs = real["refreshed_claims"];
    CHECK(ours["jti"] != theirs["jti"]);
    ours.erase("jti");
    theirs.erase("jti");
    CHECK(ours == theirs);
    CHECK(ours["iat"] == real["refresh_claims"]["iat"]);
}

TEST_CASE("the core refuses bad tokens with the body simplejwt's own classes build", "[jwt][interop]") {
    // Each token is made with the real libraries; each body is what their exception carries.
    const json real = testing::django::ask(R"(
import jwt
from freezegun import freeze_time
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken
key = data['secret']
with freeze_time('2024-01-01T11:54:59Z'):
    old = AccessToken(); old['user_id'] = 3
    old = str(old)
with freeze_time('2024-01-01T12:00:00Z'):
    access = AccessToken(); access['user_id'] = 3
    refresh = RefreshToken(); refresh['user_id'] = 3
    claims = dict(access.payload)
    good = str(access)
    head, body, sig = good.split('.')
    tokens = {
        'tampered signature': head + '.' + body + '.' + ('A' if sig[0] != 'A' else 'B') + sig[1:],
        'tampered payload': head + '.' + jwt.utils.base64url_encode(
            json.dumps(dict(claims, user_id=1), separators=(',', ':')).encode()).decode() + '.' + sig,
        'expired': old,
        'alg none': jwt.encode(claims, None, algorithm='none'),
        'wrong key': jwt.encode(claims, key + 'x', algorithm='HS256'),
        'HS512': jwt.encode(claims, key, algorithm='HS512'),
        'refresh as access': str(refresh),
        'not a jwt': 'not.a.jwt',
        'no jti': jwt.encode({k: v for k, v in claims.items() if k != 'jti'}, key, algorithm='HS256'),
        'no exp': jwt.encode({k: v for k, v in claims.items() if k != 'exp'}, key, algorithm='HS256'),
        'no user_id': jwt.encode({k: v for k, v in claims.items() if k != 'user_id'}, key, algorithm='HS256'),
        'unknown user': jwt.encode(dict(claims, user_id=99), key, algorithm='HS256'),
        'inactive user': jwt.encode(dict(claims, user_id=5), key, algorithm='HS256'),
        'user_id as text': jwt.encode(dict(claims, user_id=' 3 '), key, algorithm='HS256'),
    }
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from rest_framework_simplejwt.exceptions import AuthenticationFailed
    call_command('migrate', verbosity=0)
    for i, name in enumerate(['admin', 'mary', 'eddie', 'carol', 'ivan'], 1):
        User.objects.create(id=i, username=name, is_active=name != 'ivan')
    out = {}
    auth = JWTAuthentication()
    for name, raw in tokens.items():
        try:
            out[name] = auth.get_user(auth.get_validated_token(raw.encode())).username
        except (InvalidToken, AuthenticationFailed) as e:
            out[name] = json.loads(json.dumps(e.detail))
    refresh_bodies = {}
    for name, raw in [('access as refresh', good), ('garbage', 'garbage'), ('expired', old)]:
        serializer = TokenRefreshSerializer(data={'refresh': raw})
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as e:
            refresh_bodies[name] = {'raw': raw, 'body': json.loads(json.dumps(InvalidToken(e.args[0]).detail))}
    answer({'tokens': tokens, 'bodies': out, 'refresh_bodies': refresh_bodies})
)",
                                          {{"secret", secret}});
    for (auto& [name, raw] : real["tokens"].items()) {
        INFO(name);
        auto [body, user] = core_bearer(raw, start);
        const json& expected = real["bodies"][name];
        if (expected.is_string()) {
            CHECK(body.is_null());
            CHECK(user == expected.get<std::string>());  // int(' 3 ') is 3 for Django's lookup too
        } else {
            CHECK(body == expected);
        }
    }
    CHECK(real["bodies"]["unknown user"] == json({{"detail", "User not found"}, {"code", "user_not_found"}}));

    // The refresh view: InvalidToken(TokenError message), challenged with Bearer.
    crypto::SeededRandom random(11);
    FixedClock clock(start);
    World world = world_with_users();
    Backend backend(world, clock, random);
    for (auto& [name, refused] : real["refresh_bodies"].items()) {
        INFO(name);
        http::Request request{"POST", "/api/token/refresh/", "", {}, json({{"refresh", refused["raw"]}}).dump()};
        request.headers.add("Content-Type", "application/json");
        const Exchange exchange = backend.handle(request);
        CHECK(exchange.response.status == 401);
        CHECK(exchange.response.headers.get("WWW-Authenticate") == "Bearer realm=\"api\"");
        CHECK(json::parse(exchange.response.body) == refused["body"]);
    }
}
