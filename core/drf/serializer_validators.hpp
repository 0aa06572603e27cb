#pragma once
// The Django validators the project's serializers carry (django/core/validators.py,
// django/contrib/auth/validators.py), as predicates over the field's str value (UTF-8).
#include <optional>
#include <string>
#include <string_view>

namespace authlab::drf::validators {

// EmailValidator: dot-atom or quoted user part (re.IGNORECASE, so U+0130, U+0131, U+017F and
// U+212A count as letters), a domain of labels, 'localhost', or an [IPv4/IPv6] literal; a
// non-ASCII domain is tried again in IDNA form.
bool valid_email(std::string_view value);

// UnicodeUsernameValidator: ^[\w.@+-]+\Z
bool valid_unicode_username(std::string_view value);

// ipaddress.IPv4Address / Django's is_valid_ipv6_address.
bool valid_ipv4(std::u32string_view text);
bool valid_ipv6(std::u32string_view text);

// RFC 3492 Punycode of one label (Python's "punycode" codec), without the "xn--" prefix.
std::string punycode(std::u32string_view label);

// str.encode('idna') (IDNA 2003) of a domain, or nullopt where Python raises UnicodeError.
// Limit: nameprep is reduced to its tables B.1 (removal), C (prohibited) and D (bidi) plus
// ASCII lower-casing; the case folding and NFKC of other characters are not applied.
std::optional<std::string> idna_encode(std::u32string_view domain);

}  // namespace authlab::drf::validators
