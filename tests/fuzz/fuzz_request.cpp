// Whole requests through the backend: the router, Django's middleware (cookies, CSRF,
// sessions), DRF's authenticators (Basic, Token, JWT, session) and parsers (JSON, form,
// multipart), the serializers and views. The backend promises never to throw.
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    authlab::fuzz::FreshBackend fresh;
    fresh.backend.handle(authlab::fuzz::request_from_text(authlab::fuzz::as_text(data, size)));
    return 0;
}
