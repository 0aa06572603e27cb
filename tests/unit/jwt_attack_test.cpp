// The JWT attack lab's suite: hand-made tokens sent as `Authorization: Bearer` to djoser's
// /auth/users/me/, through the core and through the reference project (the real simplejwt 5.2
// and PyJWT 2.6), each answered alike: status, JSON body, challenge. Python makes every token
// twice, once with each side's SECRET_KEY, so "signed with the secret" means the same thing
// on both sides.
#include <catch2/catch.hpp>

#include "http/limits.hpp"
#include "scenario/setup.hpp"
#include "support/scenario_answers.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

// Each case: a name and a function of the secret that makes the token. The clock stands at
// the scenarios' start (2024-01-01T12:00:00Z); default world: admin 1, mary 2, eddie 3,
// carol 4, ivan 5 (inactive).
const char* const attack_tokens = R"(
import base64, hashlib, hmac, json, subprocess, sys
sys.path.insert(0, '/usr/lib/python3/dist-packages')
import jwt
NOW = 1704110400

def b64(data, pad=False):
    text = base64.urlsafe_b64encode(data).decode()
    return text if pad else text.rstrip('=')

def raw(value):
    return value if isinstance(value, bytes) else json.dumps(value, separators=(',', ':'), allow_nan=True).encode()

def token(secret, header=None, payload=None, sign='HS256', pad=False):
    header = {'alg': 'HS256', 'typ': 'JWT'} if header is None else header
    payload = claims() if payload is None else payload
    signing_input = b64(raw(header), pad) + '.' + b64(raw(payload), pad)
    digest = {'HS256': hashlib.sha256, 'HS384': hashlib.sha384, 'HS512': hashlib.sha512}
    if sign in digest:
        signature = b64(hmac.new(secret.encode(), signing_input.encode(), digest[sign]).digest(), pad)
    elif sign == 'foreign':
        signature = b64(hmac.new(b'another-secret', signing_input.encode(), hashlib.sha256).digest())
    else:
        signature = sign  # given as is: '' (stripped) or None (no third part)
    return signing_input if signature is None else signing_input + '.' + signature

def claims(**changes):
    out = {'token_type': 'access', 'exp': NOW + 300, 'iat': NOW, 'jti': 'f' * 32, 'user_id': 3}
    for key, value in changes.items():
        if value is DROP: out.pop(key, None)
        else: out[key] = value
    return out

DROP = object()
INF, NAN = float('inf'), float('nan')
cases = {
    'a good token': lambda s: token(s),
    'alg none, unsigned': lambda s: token(s, {'alg': 'none'}, sign=''),
    'alg None, unsigned': lambda s: token(s, {'alg': 'None', 'typ': 'JWT'}, sign=''),
    'alg NONE, signed': lambda s: token(s, {'alg': 'NONE'}),
    'alg none, no signature part': lambda s: token(s, {'alg': 'none'}, sign=None),
    'alg missing': lambda s: token(s, {'typ': 'JWT'}),
    'alg null': lambda s: token(s, {'alg': None}),
    'HS384 with the secret': lambda s: token(s, {'alg': 'HS384', 'typ': 'JWT'}, sign='HS384'),
    'HS512 with the secret': lambda s: token(s, {'alg': 'HS512', 'typ': 'JWT'}, sign='HS512'),
    'RS256 header, HMAC with the secret': lambda s: token(s, {'alg': 'RS256', 'typ': 'JWT'}),
    'hs256 in lower case': lambda s: token(s, {'alg': 'hs256'}),
    'stripped signature': lambda s: token(s, sign=''),
    'no signature part': lambda s: token(s, sign=None),
    'a foreign signature': lambda s: token(s, sign='foreign'),
    'a signature of another token': lambda s: token(s).rsplit('.', 1)[0] + '.' + token(s, payload=claims(user_id=1)).rsplit('.', 1)[1],
    'tampered payload: user_id 1 under user 3 signature': lambda s: '.'.join(
        [token(s).split('.')[0], b64(raw(claims(user_id=1))), token(s).split('.')[2]]),
    'four parts': lambda s: token(s) + '.x',
    'header not JSON': lambda s: token(s, b'not json'),
    'header a list': lambda s: token(s, [1]),
    'header with NaN': lambda s: token(s, b'{"alg":"HS256","x":NaN}'),
    'header with Infinity': lambda s: token(s, b'{"alg":"HS256","x":Infinity}'),
    'header in UTF-16': lambda s: token(s, '{"alg":"HS256"}'.encode('utf-16')),
    'header in UTF-16-LE without BOM': lambda s: token(s, '{"alg":"HS256"}'.encode('utf-16-le')),
    'header in UTF-32-BE': lambda s: token(s, '{"alg":"HS256"}'.encode('utf-32-be')),
    'payload in UTF-16-BE': lambda s: token(s, payload=json.dumps(claims()).encode('utf-16-be')),
    'header with a BOM': lambda s: token(s, b'\xef\xbb\xbf{"alg":"HS256"}'),
    'header nested 2000 deep': lambda s: token(s, b'{"alg":"HS256","x":' + b'[' * 2000 + b']' * 2000 + b'}'),
    'padded base64': lambda s: token(s, pad=True),
    # '?' * 12 and '>' * 12 encode as Pz8_ and Pj4- whatever their alignment: both alphabets differ.
    'standard base64 alphabet throughout': lambda s: token(s, payload=claims(jti='?' * 12 + '>' * 12)).replace('-', '+').replace('_', '/'),
    'standard base64 alphabet in the signature': lambda s: (lambda t: t[:t.rindex('.')] + t[t.rindex('.'):].replace('-', '+').replace('_', '/'))(
        token(s, payload=claims(jti='?' * 12 + '>' * 12))),
    'base64 with a stray character': lambda s: token(s)[:10] + '!' + token(s)[10:],
    'an 8 KB payload within the header limit': lambda s: token(s, payload=claims(pad='x' * 5500)),
    'refresh as access': lambda s: token(s, payload=claims(token_type='refresh', exp=NOW + 86400)),
    'token_type missing': lambda s: token(s, payload=claims(token_type=DROP)),
    'token_type Access': lambda s: token(s, payload=claims(token_type='Access')),
    'token_type 1': lambda s: token(s, payload=claims(token_type=1)),
    'token_type null': lambda s: token(s, payload=claims(token_type=None)),
    'payload a list': lambda s: token(s, payload=[1]),
    'payload NaN': lambda s: token(s, payload=b'NaN'),
    'user_id missing': lambda s: token(s, payload=claims(user_id=DROP)),
    'user_id a deleted user': lambda s: token(s, payload=claims(user_id=99)),
    'user_id an inactive user': lambda s: token(s, payload=claims(user_id=5)),
    'user_id as a string': lambda s: token(s, payload=claims(user_id='3')),
    'user_id with spaces': lambda s: token(s, payload=claims(user_id=' 3 ')),
    'user_id a float': lambda s: token(s, payload=claims(user_id=3.0)),
    'user_id 3.5': lambda s: token(s, payload=claims(user_id=3.5)),
    'user_id true': lambda s: token(s, payload=claims(user_id=True)),
    'user_id null': lambda s: token(s, payload=claims(user_id=None)),
    'user_id a list': lambda s: token(s, payload=claims(user_id=[3])),
    'user_id an object': lambda s: token(s, payload=claims(user_id={'id': 3})),
    'user_id not a number': lambda s: token(s, payload=claims(user_id='x')),
    'user_id negative': lambda s: token(s, payload=claims(user_id=-3)),
    'user_id 10**30': lambda s: token(s, payload=claims(user_id=10**30)),
    'user_id NaN': lambda s: token(s, payload=claims(user_id=NAN)),
    'user_id Infinity': lambda s: token(s, payload=claims(user_id=INF)),
}
for name, value in [('now', NOW), ('a second ago', NOW - 1), ('a second ahead', NOW + 1), ('half a second ahead', NOW + 0.5),
                    ('a string', str(NOW + 300)), ('true', True), ('false', False), ('null', None), ('a list', [NOW + 300]),
                    ('an object', {}), ('NaN', NAN), ('Infinity', INF), ('-Infinity', -INF), ('10**30', 10**30),
                    ('-10**30', -10**30), ('1e300', 1e300), ('negative', -1), ('missing', DROP)]:
    cases['exp ' + name] = (lambda v: lambda s: token(s, payload=claims(exp=v)))(value)
for name, value in [('now', NOW), ('a second ahead', NOW + 1), ('a second ago', NOW - 1), ('a string', str(NOW)),
                    ('true', True), ('null', None), ('a list', []), ('NaN', NAN), ('Infinity', INF), ('-Infinity', -INF),
                    ('10**30', 10**30), ('1e300', 1e300)]:
    cases['nbf ' + name] = (lambda v: lambda s: token(s, payload=claims(nbf=v)))(value)
for name, value in [('a second ahead', NOW + 1), ('a string', str(NOW)), ('true', True), ('null', None), ('a list', []),
                    ('NaN', NAN), ('Infinity', INF), ('10**30', 10**30), ('a float', NOW + 0.5), ('missing', DROP)]:
    cases['iat ' + name] = (lambda v: lambda s: token(s, payload=claims(iat=v)))(value)
# 2.6.0-1+deb12u1's checks (CVE-2024-53861 backport): kid must be a string, crit must be known.
versioned = {
    'kid a number': lambda s: token(s, {'alg': 'HS256', 'kid': 1}),
    'crit unknown': lambda s: token(s, {'alg': 'HS256', 'crit': ['exp']}),
    'crit empty': lambda s: token(s, {'alg': 'HS256', 'crit': []}),
}
cases.update(versioned)
secrets = json.loads(sys.stdin.read())
version = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'python3-jwt'], capture_output=True, text=True).stdout
print(json.dumps({'version': version, 'versioned': list(versioned),
                  'cases': [{'name': n, 'tokens': [make(s) for s in secrets]} for n, make in cases.items()]}))
)";

json scenario_with(const json& cases, std::size_t side) {
    json scenario = {{"name", "jwt-attacks"}, {"setup", {{"world", "default"}}}, {"steps", json::array()}};
    for (const json& c : cases) {
        scenario["steps"].push_back({{"request", {{"method", "GET"}, {"path", "/auth/users/me/"},
                                                  {"headers", {{"Authorization", "Bearer " + c["tokens"][side].get<std::string>()}}}}}});
    }
    return scenario;
}

// The reference project's SECRET_KEY (tests/reference/refproject/settings.py).
const std::string reference_secret = "authlab-reference-not-secret-0123456789abcdefghijklmnopqrstuvwxyz";

json what_matters(const json& record) {
    return {{"status", record["status"]}, {"json", record["json"]}, {"www-authenticate", record["headers"].value("www-authenticate", "")},
            {"server error page", record["status"] == 500}};
}

}  // namespace

TEST_CASE("every JWT attack is answered as simplejwt answers it", "[jwt][attack][reference]") {
    const std::string core_secret = scenario::base_world("default")->secret_key;
    const json made = json::parse(testing::python::run(attack_tokens, {.input = json::array({core_secret, reference_secret}).dump()}));
    const json& cases = made["cases"];
    REQUIRE(cases.size() > 90);
    const json core = testing::core_answers(scenario_with(cases, 0));
    const json reference = testing::reference_answers(scenario_with(cases, 1));
    REQUIRE(core.size() == cases.size());
    REQUIRE(reference.size() == cases.size());
    const std::string version = made["version"];
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string name = cases[i]["name"];
        bool versioned = std::find(made["versioned"].begin(), made["versioned"].end(), name) != made["versioned"].end();
        INFO(name << ": the core answers " << what_matters(core[i]).dump() << ", simplejwt " << what_matters(reference[i]).dump());
        // A case that depends on the package version says so when it fails.
        INFO((versioned && version < "2.6.0-1+deb12u1"
                  ? "python3-jwt " + version + " lacks the kid/crit checks of 2.6.0-1+deb12u1 that the core mirrors; run tools/setup"
                  : std::string()));
        CHECK(what_matters(core[i]) == what_matters(reference[i]));
    }
    // The good token, the inactive user and the deleted one are answered as they should be,
    // so the comparison above compares something.
    CHECK(core[0]["status"] == 200);
}

TEST_CASE("a token longer than a header may be is refused before simplejwt reads it", "[jwt][attack][limits]") {
    const std::string core_secret = scenario::base_world("default")->secret_key;
    std::string token(http::max_request_header_bytes, 'a');
    json scenario = {{"name", "oversized-jwt"}, {"setup", {{"world", "default"}}},
                     {"steps", {{{"request", {{"method", "GET"}, {"path", "/auth/users/me/"},
                                              {"headers", {{"Authorization", "Bearer " + token}}}}}}}}};
    const json core = testing::core_answers(scenario);
    CHECK(core[0]["status"] == 431);
    CHECK(core[0]["text"] == "Request refused before it reached Django: the Authorization header is 8210 bytes long (name and value); "
                             "at most 8190 bytes are accepted.\n");
}
