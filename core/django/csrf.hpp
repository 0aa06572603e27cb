#pragma once
// Django 3.2's CSRF protection (django/middleware/csrf.py): a 32-character secret kept in the
// csrftoken cookie, always sent out masked (64 characters: a random mask, then the secret
// shifted by it), compared after unmasking so that each page can carry a different token.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/random.hpp"
#include "http/message.hpp"
#include "time/clock.hpp"

namespace authlab::django {

inline constexpr std::string_view reason_no_csrf_cookie = "CSRF cookie not set.";
inline constexpr std::string_view reason_bad_token = "CSRF token missing or incorrect.";
inline constexpr std::size_t csrf_secret_length = 32;
inline constexpr std::size_t csrf_token_length = 64;
inline constexpr std::int64_t csrf_cookie_age = 31449600;  // CSRF_COOKIE_AGE: 52 weeks
inline constexpr std::string_view csrf_cookie_name = "csrftoken";

std::string mask_cipher_secret(std::string_view secret, crypto::RandomSource& random);  // _mask_cipher_secret
std::string unmask_cipher_token(std::string_view token);                                // _unmask_cipher_token
std::string get_new_csrf_token(crypto::RandomSource& random);                           // _get_new_csrf_token
// _sanitize_token: a 64-character alphanumeric token as it is, a 32-character one (an old
// unmasked secret) masked, anything else replaced by a new token.
std::string sanitize_token(std::string_view token, crypto::RandomSource& random);
bool compare_masked_tokens(std::string_view a, std::string_view b);  // both sanitized

// One request's CsrfViewMiddleware: request.META["CSRF_COOKIE"], "CSRF_COOKIE_USED" and
// request.csrf_cookie_needs_reset, with the hooks that read and change them.
class CsrfMiddleware {
public:
    // Keeps its own copy of the csrftoken cookie: nothing it holds can outlive the request's map.
    CsrfMiddleware(const std::map<std::string, std::string>& cookies, crypto::RandomSource& random);

    void process_request();
    // process_view for a view that is not csrf_exempt: nullopt accepts, else the reason.
    // `post_token` is request.POST.get("csrfmiddlewaretoken", ""), read for POST only and only
    // once a cookie is there; it may throw (DRF's request.POST parses the body).
    std::optional<std::string> process_view(std::string_view method, std::string_view header_token,
                                            const std::function<std::string()>& post_token);
    std::string get_token();  // what {% csrf_token %} puts in a form; marks the cookie used
    void rotate_token();      // on login
    // process_response: the csrftoken cookie to send (and "Vary: Cookie"), if any. One that
    // would expire after year 9999 throws HandlerFailure: set_cookie cannot write its date,
    // and Django's 500 page, which sets it too, fails the same way.
    std::optional<http::SetCookie> process_response(Micros now);

    // What the check looked at, for the trace (never the secrets themselves).
    std::string last_check;

private:
    std::optional<std::string> cookie_token();  // _get_token

    std::optional<std::string> incoming_cookie_;  // the request's csrftoken cookie, as sent
    crypto::RandomSource& random_;
    std::optional<std::string> csrf_cookie_;
    bool used_ = false;
    bool needs_reset_ = false;
};

// django.views.csrf.csrf_failure with DEBUG = False: 403, Django's HTML page.
http::Response csrf_failure_page(std::string_view reason);

}  // namespace authlab::django
