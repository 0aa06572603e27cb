#pragma once
// Exceptions that leave a Django view (not DRF's: DRF catches its own): where Django's handler
// answers, and where even its answer fails.
#include <stdexcept>

namespace authlab::django {

// Nothing in the view catches it: Django's handler answers with its 500 page, which the
// middleware then sees like any response.
struct UncaughtException : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Django's own 500 page raises it again (it sets the same CSRF cookie), in every middleware's
// handler on the way out: it leaves Django, and the WSGI server answers with its own page.
struct HandlerFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace authlab::django
