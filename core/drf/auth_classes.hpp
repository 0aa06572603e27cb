#pragma once
// The four authentication classes of rest_framework/authentication.py and
// rest_framework_simplejwt/authentication.py, one file each (auth_*.cpp), and what they share.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drf/authentication.hpp"

namespace authlab::drf {

std::unique_ptr<Authenticator> make_token_authentication();
std::unique_ptr<Authenticator> make_basic_authentication();
std::unique_ptr<Authenticator> make_session_authentication();
std::unique_ptr<Authenticator> make_jwt_authentication();

// get_authorization_header(request).split(): the header's text encoded as ISO-8859-1, split on
// runs of ASCII whitespace (bytes.split()); empty without the header. Throws ServerError for a
// character ISO-8859-1 lacks, as DRF's encode does.
std::vector<std::string> authorization_parts(const RequestContext& request);

// auth[0].lower() == keyword: DRF folds ASCII letters only. `keyword` is lower case.
bool keyword_matches(std::string_view word, std::string_view keyword);

// A credential as the trace may show it: its first characters only, then "…".
std::string redact(std::string_view credential);
// Every JWT starts alike ("eyJhbGciOi…"): the trace shows the end of its signature instead.
std::string redact_jwt(std::string_view token);
// A part of authorization_parts as the trace shows it: its bytes read back as ISO-8859-1, the
// header's own text.
std::string trace_text(std::string_view bytes);

}  // namespace authlab::drf
