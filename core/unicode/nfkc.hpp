#pragma once
// Unicode normalization exactly as Python 3.11's unicodedata.normalize('NFKC' / 'NFC', s) does
// it (Unicode 14.0.0). Django runs NFKC over every username (AbstractBaseUser.normalize_username,
// called by UserManager.create_user and by the login form's UsernameField), so "ｏｌｇａ" and
// "olga" are the same account.
//
// Input and output are UTF-8 as the core stores Python strings: lone surrogates (ED A0 80 ..
// ED BF BF) are characters Python keeps, and they pass through unchanged, as do bytes that are
// not UTF-8 at all. Neither ever combines with its neighbours.
#include <string>
#include <string_view>

namespace authlab::unicode {

std::string nfkc(std::string_view utf8);  // unicodedata.normalize('NFKC', s)
std::string nfc(std::string_view utf8);   // unicodedata.normalize('NFC', s)

}  // namespace authlab::unicode
