#include "django/csrf.hpp"

#include <algorithm>

#include "crypto/constant_time.hpp"
#include "django/handler_errors.hpp"

namespace authlab::django {
namespace {

constexpr std::string_view allowed_chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

int index_of(char c) { return static_cast<int>(allowed_chars.find(c)); }

bool is_alphanumeric(std::string_view token) {
    return std::all_of(token.begin(), token.end(), [](char c) { return index_of(c) >= 0; });
}

std::string get_new_csrf_string(crypto::RandomSource& random) { return random.string_from(allowed_chars, csrf_secret_length); }

}  // namespace

std::string mask_cipher_secret(std::string_view secret, crypto::RandomSource& random) {
    const std::string mask = get_new_csrf_string(random);
    std::string cipher;
    for (std::size_t i = 0; i < secret.size() && i < mask.size(); ++i) {
        cipher += allowed_chars[static_cast<std::size_t>(index_of(secret[i]) + index_of(mask[i])) % allowed_chars.size()];
    }
    return mask + cipher;
}

std::string unmask_cipher_token(std::string_view token) {
    const std::string_view mask = token.substr(0, csrf_secret_length);
    const std::string_view cipher = token.substr(std::min(token.size(), csrf_secret_length));
    std::string secret;
    const int n = static_cast<int>(allowed_chars.size());
    for (std::size_t i = 0; i < cipher.size() && i < mask.size(); ++i) {
        secret += allowed_chars[static_cast<std::size_t>((index_of(cipher[i]) - index_of(mask[i]) + n) % n)];  // Python: chars[x - y]
    }
    return secret;
}

std::string get_new_csrf_token(crypto::RandomSource& random) { return mask_cipher_secret(get_new_csrf_string(random), random); }

std::string sanitize_token(std::string_view token, crypto::RandomSource& random) {
    if (!is_alphanumeric(token)) return get_new_csrf_token(random);
    if (token.size() == csrf_token_length) return std::string(token);
    if (token.size() == csrf_secret_length) return mask_cipher_secret(token, random);
    return get_new_csrf_token(random);
}

bool compare_masked_tokens(std::string_view a, std::string_view b) {
    return crypto::constant_time_equals(unmask_cipher_token(a), unmask_cipher_token(b));
}

CsrfMiddleware::CsrfMiddleware(const std::map<std::string, std::string>& cookies, crypto::RandomSource& random)
    : random_(random) {
    if (auto it = cookies.find(std::string(csrf_cookie_name)); it != cookies.end()) incoming_cookie_ = it->second;
}

std::optional<std::string> CsrfMiddleware::cookie_token() {
    if (!incoming_cookie_) return std::nullopt;
    std::string token = sanitize_token(*incoming_cookie_, random_);
    if (token != *incoming_cookie_) needs_reset_ = true;  // the cookie was replaced, so send the new one
    return token;
}

void CsrfMiddleware::process_request() {
    if (auto token = cookie_token()) csrf_cookie_ = std::move(*token);
}

std::optional<std::string> CsrfMiddleware::process_view(std::string_view method, std::string_view header_token,
                                                        const std::function<std::string()>& post_token) {
    if (method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE") {
        last_check = std::string(method) + " is a safe method: no CSRF check";
        return std::nullopt;
    }
    // Read again: rotate_token() may have run since process_request.
    const std::optional<std::string> csrf_token = cookie_token();
    if (!csrf_token) {
        last_check = "the request has no csrftoken cookie";
        return std::string(reason_no_csrf_cookie);
    }
    std::string request_token;
    std::string source = "the csrfmiddlewaretoken form field";
    if (method == "POST") request_token = post_token();
    if (request_token.empty()) {
        request_token = std::string(header_token);
        source = "the X-CSRFToken header";
    }
    const bool present = !request_token.empty();
    request_token = sanitize_token(request_token, random_);
    if (!compare_masked_tokens(request_token, *csrf_token)) {
        last_check = present ? source + " does not unmask to the csrftoken cookie's secret"
                             : "neither a csrfmiddlewaretoken form field nor an X-CSRFToken header was sent";
        return std::string(reason_bad_token);
    }
    last_check = source + " unmasks to the csrftoken cookie's secret";
    return std::nullopt;
}

std::string CsrfMiddleware::get_token() {
    if (!csrf_cookie_) csrf_cookie_ = mask_cipher_secret(get_new_csrf_string(random_), random_);
    used_ = true;
    return mask_cipher_secret(unmask_cipher_token(*csrf_cookie_), random_);
}

void CsrfMiddleware::rotate_token() {
    used_ = true;
    csrf_cookie_ = get_new_csrf_token(random_);
    needs_reset_ = true;
}

std::optional<http::SetCookie> CsrfMiddleware::process_response(Micros now) {
    if (!used_ || !csrf_cookie_) return std::nullopt;
    if (!fits_in_datetime(now, csrf_cookie_age)) throw HandlerFailure("ValueError: year 10000 is out of range (the csrftoken cookie's expires)");
    return http::SetCookie{std::string(csrf_cookie_name), *csrf_cookie_, csrf_cookie_age, false, "Lax"};
}

http::Response csrf_failure_page(std::string_view reason) {
    // django/views/csrf.py's CSRF_FAILURE_TEMPLATE as Django renders it with DEBUG = False.
    std::string body = R"(
<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style type="text/css">
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font:small sans-serif; background:#eee; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 span { font-size:60%; color:#666; font-weight:normal; }
    #info { background:#f6f6f6; }
    #info ul { margin: 0.5em 4em; }
    #info p, #summary p { padding-top:10px; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }
  </style>
</head>
<body>
<div id="summary">
  <h1>Forbidden <span>(403)</span></h1>
  <p>CSRF verification failed. Request aborted.</p>

)";
    if (reason == reason_no_csrf_cookie) {
        body += "\n  <p>You are seeing this message because this site requires a CSRF cookie when submitting forms. This "
                "cookie is required for security reasons, to ensure that your browser is not being hijacked by third "
                "parties.</p>\n  <p>If you have configured your browser to disable cookies, please re-enable them, at "
                "least for this site, or for \xe2\x80\x9csame-origin\xe2\x80\x9d requests.</p>\n";
    }
    body += R"(
</div>

<div id="explanation">
  <p><small>More information is available with DEBUG=True.</small></p>
</div>

</body>
</html>
)";
    http::Response response;
    response.status = 403;
    response.body = std::move(body);
    response.headers.add("Content-Type", "text/html");
    return response;
}

}  // namespace authlab::django
