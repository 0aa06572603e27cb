#pragma once
// What Django 3.2 checks and writes when it redirects: to a URL the client chose (the login
// view's `next`), django.utils.http.url_has_allowed_host_and_scheme, the open-redirect guard,
// and django.utils.encoding.iri_to_uri for the Location header; to the path with a slash
// (APPEND_SLASH), CommonMiddleware.get_full_path_with_slash.
#include <set>
#include <string>
#include <string_view>

namespace authlab::django {

// Only a relative URL, or an absolute http(s) one on an allowed host, is safe. Limit: a first
// character that Unicode leaves unassigned (category Cn) is not recognised as unsafe.
bool url_has_allowed_host_and_scheme(std::string_view url, const std::set<std::string>& allowed_hosts);

std::string iri_to_uri(std::string_view iri);

// repercent_broken_unicode, which makes PATH_INFO text: each byte that is not part of a
// well-formed UTF-8 sequence becomes %XX.
std::string repercent_broken_unicode(std::string_view bytes);

// request.get_full_path(force_append_slash=True) with escape_leading_slashes: the percent-decoded
// path's bytes repercented and escaped (escape_uri_path), a slash, and the raw query string, which
// Django holds as Latin-1 text (PEP 3333) and passes through iri_to_uri: its bytes past ASCII
// come out as the UTF-8 of their Latin-1 reading ("é" sent as C3 A9 → %C3%83%C2%A9).
std::string get_full_path_with_slash(std::string_view path_bytes, std::string_view query_string);

}  // namespace authlab::django
