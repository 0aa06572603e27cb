#pragma once
// The page Django's LoginView renders for DRF's browsable API: rest_framework/login.html,
// with the CSRF token, the `next` field and the bound form's value and errors. Everything
// that came from the request is HTML-escaped, as Django's autoescape does.
#include <string>
#include <string_view>
#include <vector>

namespace authlab::views {

struct LoginPage {
    std::string csrf_token;      // {% csrf_token %}
    std::string next;            // the safe redirect target, or ""
    std::string username_value;  // the submitted username, as sent
    std::vector<std::string> username_errors;
    std::vector<std::string> password_errors;
    std::vector<std::string> non_field_errors;
};

std::string render_login_page(const LoginPage& page);

// django.utils.html.escape.
std::string escape(std::string_view text);

}  // namespace authlab::views
