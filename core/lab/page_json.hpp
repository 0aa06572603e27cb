#pragma once
// The page's requests and answers as JSON text: what crosses from the worker into the core and
// back for core.handle and core.whyNot. It lives here, not in the WebAssembly bindings, so that
// the bindings only marshal and the native benchmark times the very work the page asks for.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "lab/browser_session.hpp"

namespace authlab::lab {

// A scenario-shaped request (method, path, headers, json | form | body: scenario::build_request).
// Text that is not JSON, or not a request, throws an exception saying so in the user's words.
http::Request request_from_json(std::string_view request_json);

// JSON text for the page: bytes that are not UTF-8 become U+FFFD, as the page would decode them.
std::string json_text(const nlohmann::ordered_json& json);

// {"response": {status, headers (as sent), cookies [{name, value, max_age, header}], body, json},
//  "trace": the pipeline's steps}
std::string sent_to_json(const BrowserSession::Sent& sent);

}  // namespace authlab::lab
