#include "views/login_page.hpp"

namespace authlab::views {
namespace {

// rest_framework/login_base.html (extending base.html) as Django renders it, up to the token.
constexpr std::string_view page_head =
    "\n"
    "\n"
    "\n"
    "\n"
    "<!DOCTYPE html>\n"
    "<html>\n"
    "  <head>\n"
    "    \n"
    "\n"
    "      \n"
    "        <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/>\n"
    "        <meta name=\"robots\" content=\"NONE,NOARCHIVE\" />\n"
    "      \n"
    "\n"
    "      <title>Django REST framework</title>\n"
    "\n"
    "      \n"
    "        \n"
    "          <link rel=\"stylesheet\" type=\"text/css\" href=\"/static/rest_framework/css/bootstrap.min.css\"/>\n"
    "          <link rel=\"stylesheet\" type=\"text/css\" href=\"/static/rest_framework/css/bootstrap-tweaks.css\"/>\n"
    "        \n"
    "\n"
    "        <link rel=\"stylesheet\" type=\"text/css\" href=\"/static/rest_framework/css/prettify.css\"/>\n"
    "        <link rel=\"stylesheet\" type=\"text/css\" href=\"/static/rest_framework/css/default.css\"/>\n"
    "        \n"
    "      \n"
    "\n"
    "    \n"
    "  </head>\n"
    "\n"
    "  \n"
    "<body class=\"container\">\n"
    "  <div class=\"container-fluid\" style=\"margin-top: 30px\">\n"
    "    <div class=\"row-fluid\">\n"
    "      <div class=\"well\" style=\"width: 320px; margin-left: auto; margin-right: auto\">\n"
    "        <div class=\"row-fluid\">\n"
    "          <div>\n"
    "            <h3 style=\"margin: 0 0 20px;\">Django REST framework</h3>\n"
    "          </div>\n"
    "        </div><!-- /row fluid -->\n"
    "\n"
    "        <div class=\"row-fluid\">\n"
    "          <div>\n"
    "            <form action=\"/api-auth/login/\" role=\"form\" method=\"post\">\n"
    "              <input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"";

constexpr std::string_view page_tail =
    "<div class=\"form-actions-no-box\">\n"
    "                <input type=\"submit\" name=\"submit\" value=\"Log in\" class=\"btn btn-primary form-control\" id=\"submit-id-submit\">\n"
    "              </div>\n"
    "            </form>\n"
    "          </div>\n"
    "        </div><!-- /.row-fluid -->\n"
    "      </div><!--/.well-->\n"
    "    </div><!-- /.row-fluid -->\n"
    "  </div><!-- /.container-fluid -->\n"
    "</body>\n"
    "\n"
    "</html>\n";

void field_errors(std::string& out, const std::vector<std::string>& errors) {
    // {{ field.errors|striptags }}: the <ul> of errors with its tags removed, so the messages run together.
    if (errors.empty()) return;
    out += "                    <p class=\"text-error\">\n                      ";
    for (const std::string& error : errors) out += escape(error);
    out += "\n                    </p>\n                  \n";
}

}  // namespace

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#x27;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string render_login_page(const LoginPage& page) {
    std::string out(page_head);
    out += page.csrf_token;
    out += "\">\n              <input type=\"hidden\" name=\"next\" value=\"" + escape(page.next) + "\" />\n\n";
    out += "              <div id=\"div_id_username\" class=\"clearfix control-group ";
    out += page.username_errors.empty() ? "" : "error";
    out += "\">\n                <div class=\"form-group\">\n                  <label for=\"id_username\">Username:</label>\n"
           "                  <input type=\"text\" name=\"username\" maxlength=\"100\"\n"
           "                      autocapitalize=\"off\"\n"
           "                      autocorrect=\"off\" class=\"form-control textinput textInput\"\n"
           "                      id=\"id_username\" required autofocus\n                      ";
    if (!page.username_value.empty()) out += "value=\"" + escape(page.username_value) + "\"";
    out += ">\n                  \n";
    field_errors(out, page.username_errors);
    out += "                </div>\n              </div>\n\n";
    out += "              <div id=\"div_id_password\" class=\"clearfix control-group ";
    out += page.password_errors.empty() ? "" : "error";
    out += "\">\n                <div class=\"form-group\">\n                  <label for=\"id_password\">Password:</label>\n"
           "                  <input type=\"password\" name=\"password\" maxlength=\"100\" autocapitalize=\"off\" "
           "autocorrect=\"off\" class=\"form-control textinput textInput\" id=\"id_password\" required>\n                  \n";
    field_errors(out, page.password_errors);
    out += "                </div>\n              </div>\n\n              ";
    if (!page.non_field_errors.empty()) {
        out += "\n                ";
        for (const std::string& error : page.non_field_errors) {
            out += "\n                  <div class=\"well well-small text-error\" style=\"border: none\">" + escape(error) +
                   "</div>\n                ";
        }
        out += "\n              ";
    }
    out += "\n\n              ";
    out += page_tail;
    return out;
}

}  // namespace authlab::views
