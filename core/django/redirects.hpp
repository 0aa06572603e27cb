#pragma once
// What Django 3.2 checks and writes when a view redirects to a URL the client chose (the login
// view's `next`): django.utils.http.url_has_allowed_host_and_scheme, the open-redirect guard,
// and django.utils.encoding.iri_to_uri for the Location header.
#include <set>
#include <string>
#include <string_view>

namespace authlab::django {

// Only a relative URL, or an absolute http(s) one on an allowed host, is safe. Limit: a first
// character that Unicode leaves unassigned (category Cn) is not recognised as unsafe.
bool url_has_allowed_host_and_scheme(std::string_view url, const std::set<std::string>& allowed_hosts);

std::string iri_to_uri(std::string_view iri);

}  // namespace authlab::django
