// Django 3.2's CSRF tokens: masked by the core, read by Django's middleware functions, and the
// reverse; _sanitize_token's cases; and the 403 page Django renders with DEBUG = False.
#include <catch2/catch.hpp>

#include "django/csrf.hpp"
#include "support/django.hpp"

using namespace authlab;
using nlohmann::json;

namespace {

// Django 3.2 names them _mask_cipher_secret / _unmask_cipher_token / _compare_masked_tokens;
// earlier releases said "salt". Either set is looked up.
const char* const csrf_functions = R"(
from django.middleware import csrf
mask = getattr(csrf, '_mask_cipher_secret', None) or getattr(csrf, '_salt_cipher_secret')
unmask = getattr(csrf, '_unmask_cipher_token', None) or getattr(csrf, '_unsalt_cipher_token')
compare = getattr(csrf, '_compare_masked_tokens', None) or getattr(csrf, '_compare_salted_tokens')
)";

}  // namespace

TEST_CASE("CSRF tokens masked by the core unmask in Django, and the reverse", "[csrf][django]") {
    crypto::SeededRandom random(42);
    json input = {{"ours", json::array()}, {"secrets", json::array()}};
    std::vector<std::string> secrets, tokens;
    for (int i = 0; i < 40; ++i) {
        // Secrets from the core's own generator (a fresh token's second half unmasked).
        const std::string secret = django::unmask_cipher_token(django::get_new_csrf_token(random));
        const std::string token = django::mask_cipher_secret(secret, random);
        REQUIRE(token.size() == django::csrf_token_length);
        secrets.push_back(secret);
        tokens.push_back(token);
        input["ours"].push_back({{"secret", secret}, {"token", token}});
        input["secrets"].push_back(secret);
    }
    const json real = testing::django::ask(std::string(csrf_functions) + R"(
out = {'unmasked': [unmask(x['token']) for x in data['ours']],
       'compared': [compare(x['token'], mask(x['secret'])) for x in data['ours']],
       'theirs': [mask(s) for s in data['secrets']]}
answer(out)
)",
                                          input);
    for (std::size_t i = 0; i < secrets.size(); ++i) {
        INFO(tokens[i]);
        CHECK(real["unmasked"][i] == secrets[i]);
        CHECK(real["compared"][i] == true);
        const std::string theirs = real["theirs"][i];
        CHECK(theirs != tokens[i]);  // another mask ...
        CHECK(django::unmask_cipher_token(theirs) == secrets[i]);  // ... the same secret
        CHECK(django::compare_masked_tokens(theirs, tokens[i]));
        CHECK_FALSE(django::compare_masked_tokens(theirs, tokens[(i + 1) % tokens.size()]));
    }
}

TEST_CASE("_sanitize_token keeps, masks or replaces a token as Django does", "[csrf][django]") {
    crypto::SeededRandom random(7);
    const std::string token = django::get_new_csrf_token(random);
    const std::vector<std::string> inputs = {token, token.substr(0, 32), token.substr(0, 31), token + "a", "", "not-a-token",
                                             std::string(64, '!'), token.substr(0, 63) + "\xC3\xA9", "abc"};
    const json real = testing::django::ask(std::string(csrf_functions) + R"(
out = []
for t in data:
    s = csrf._sanitize_token(t)
    out.append({'kept': s == t, 'length': len(s), 'secret': unmask(s), 'masked_input': len(t) == 32 and unmask(s) == t})
answer(out)
)",
                                          inputs);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        INFO(inputs[i]);
        const std::string ours = django::sanitize_token(inputs[i], random);
        CHECK((ours == inputs[i]) == real[i]["kept"].get<bool>());
        CHECK(ours.size() == real[i]["length"].get<std::size_t>());
        CHECK((inputs[i].size() == 32 && django::unmask_cipher_token(ours) == inputs[i]) == real[i]["masked_input"].get<bool>());
        if (real[i]["kept"].get<bool>()) CHECK(django::unmask_cipher_token(ours) == real[i]["secret"]);
    }
}

TEST_CASE("the CSRF failure page is Django's, byte for byte", "[csrf][django]") {
    const json real = testing::django::ask(R"(
from django.middleware.csrf import REASON_BAD_TOKEN, REASON_NO_CSRF_COOKIE
from django.test import RequestFactory
from django.views.csrf import csrf_failure
out = {}
for reason in (REASON_NO_CSRF_COOKIE, REASON_BAD_TOKEN):
    response = csrf_failure(RequestFactory().post('/'), reason=reason)
    out[reason] = {'status': response.status_code, 'type': response['Content-Type'], 'body': response.content.decode()}
answer(out)
)",
                                          json::object());
    for (auto reason : {django::reason_no_csrf_cookie, django::reason_bad_token}) {
        INFO(reason);
        const json& expected = real[std::string(reason)];
        const http::Response page = django::csrf_failure_page(reason);
        CHECK(page.status == expected["status"].get<int>());
        CHECK(page.headers.get("Content-Type") == expected["type"]);
        CHECK(page.body == expected["body"]);
    }
}

TEST_CASE("CsrfViewMiddleware reads the form field first, then X-CSRFToken", "[csrf]") {
    crypto::SeededRandom random(9);
    const std::string cookie = django::get_new_csrf_token(random);
    const std::map<std::string, std::string> cookies = {{"csrftoken", cookie}};
    const std::string other_mask = django::mask_cipher_secret(django::unmask_cipher_token(cookie), random);
    const auto check = [&](const std::map<std::string, std::string>& jar, std::string_view method, std::string header,
                           std::string form) {
        django::CsrfMiddleware middleware(jar, random);
        middleware.process_request();
        return middleware.process_view(method, header, [&] { return form; });
    };
    CHECK_FALSE(check(cookies, "POST", "", other_mask));                 // the form's token
    CHECK_FALSE(check(cookies, "POST", other_mask, ""));                 // the header, when the form has none
    CHECK(check(cookies, "POST", other_mask, "wrong") == std::string(django::reason_bad_token));  // the form wins
    CHECK_FALSE(check(cookies, "DELETE", other_mask, "ignored"));        // only POST has a form
    CHECK(check(cookies, "PUT", "", "") == std::string(django::reason_bad_token));
    CHECK(check({}, "POST", other_mask, other_mask) == std::string(django::reason_no_csrf_cookie));
    CHECK_FALSE(check({}, "GET", "", ""));
    CHECK_FALSE(check({}, "TRACE", "", ""));
    // The form is not read for a POST without a cookie (DRF would parse the body for it).
    django::CsrfMiddleware middleware({}, random);
    middleware.process_request();
    bool read = false;
    middleware.process_view("POST", "", [&] { read = true; return std::string(); });
    CHECK_FALSE(read);
}
