#pragma once
// What a request may hold before the core looks at it, as a front server (gunicorn, nginx)
// bounds what reaches Django: so a hostile request costs little and cannot exhaust the page.
// The header bounds are gunicorn's defaults; Django's own bounds (DATA_UPLOAD_MAX_*) still
// apply inside these.
#include <cstddef>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace authlab::http {

constexpr std::size_t max_request_target_bytes = 4094;         // the path and query (limit_request_line)
constexpr std::size_t max_request_headers = 100;               // header fields (limit_request_fields)
constexpr std::size_t max_request_header_bytes = 8190;         // one field, name and value (limit_request_field_size)
constexpr std::size_t max_request_body_bytes = 4 * 1024 * 1024;  // above Django's 2.5 MiB for forms

struct LimitRefusal {
    int status = 0;       // 414, 431 or 413
    std::string message;  // what is too large and by how much, e.g. "the Authorization header is 9000 bytes; …"
};

// The first bound the request passes, or nullopt when it keeps within all of them.
std::optional<LimitRefusal> request_limit_refusal(const Request& request);

// The front server's answer: the status and the message as plain text.
Response limit_response(const LimitRefusal& refusal);

// What the simulator answers when a request would grow the world past what its world file
// holds (a limit of AuthLab's, not of Django's): 507 Insufficient Storage, "the server cannot
// store what the request needs", with the reason as plain text. Not 503: retrying does not help
// until the learner deletes something or resets the world.
constexpr int simulator_storage_status = 507;
Response simulator_limit_response(const std::string& problem);

}  // namespace authlab::http
