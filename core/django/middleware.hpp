#pragma once
// The project's MIDDLEWARE on the way out (process_response runs in reverse order):
// XFrameOptionsMiddleware, CommonMiddleware's Content-Length, SessionMiddleware (the sessionid
// cookie and "Vary: Cookie" when the session was read) and SecurityMiddleware. Every response
// passes through here once, whatever produced it.
#include "django/sessions.hpp"
#include "http/message.hpp"

namespace authlab::django {

// `frame_options`: false for CommonMiddleware's APPEND_SLASH redirect, made after
// XFrameOptionsMiddleware had already marked the 404 it replaces.
void process_response(http::Response& response, SessionStore& session, bool frame_options = true);

// django.utils.cache.patch_vary_headers: adds to an existing Vary header in place.
void patch_vary(http::Response& response, std::string_view header);

}  // namespace authlab::django
