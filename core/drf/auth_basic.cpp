// rest_framework.authentication.BasicAuthentication: "Authorization: Basic <base64>", decoded
// with Python's lenient b64decode, read as UTF-8 (else Latin-1), split at the first ':', then
// checked by Django's ModelBackend (so it costs one password hash, known user or not).
#include "backends/model_backend.hpp"
#include "crypto/base64.hpp"
#include "drf/auth_classes.hpp"
#include "drf/errors.hpp"
#include "python/codecs.hpp"

namespace authlab::drf {
namespace {

constexpr std::string_view component = "BasicAuthentication";


std::string outcome_text(auth::LoginOutcome outcome) {
    switch (outcome) {
        case auth::LoginOutcome::success: return "the password matches";
        case auth::LoginOutcome::missing_credentials: return "credentials are missing";
        case auth::LoginOutcome::unknown_user: return "no user has that username (the hasher ran anyway, to take as long)";
        case auth::LoginOutcome::wrong_password: return "the password does not match";
        case auth::LoginOutcome::inactive: return "the password matches but the user is inactive, which ModelBackend refuses";
    }
    return "";
}

class BasicAuthentication final : public Authenticator {
public:
    std::string_view name() const override { return component; }
    std::optional<std::string> authenticate_header() const override { return "Basic realm=\"api\""; }

    std::optional<Authenticated> authenticate(RequestContext& request) const override {
        const std::vector<std::string> auth = authorization_parts(request);
        if (auth.empty() || !keyword_matches(auth[0], "basic")) {
            request.trace.add("authentication", std::string(component), "no_credentials",
                              "No 'Authorization: Basic …' header, so BasicAuthentication steps aside.");
            return std::nullopt;
        }
        if (auth.size() == 1) {
            fail(request, "Invalid basic header. No credentials provided.", "The Basic header holds no credentials", {});
        }
        if (auth.size() > 2) {
            fail(request, "Invalid basic header. Credentials string should not contain spaces.",
                 "The Basic header holds more than one word after the keyword", {});
        }
        const std::optional<std::string> decoded = crypto::base64_decode_lenient(auth[1]);
        if (!decoded) {
            fail(request, "Invalid basic header. Credentials not correctly base64 encoded.",
                 "Python's b64decode refuses the credentials (after dropping characters outside the alphabet, the "
                 "padding is wrong)", {});
        }
        // .decode('utf-8'), and on UnicodeDecodeError .decode('latin-1').
        const std::optional<std::string> as_utf8 = python::decode_strict(*decoded, python::Codec::utf8);
        const bool utf8 = as_utf8.has_value();
        const std::string text = utf8 ? *as_utf8 : *python::decode_strict(*decoded, python::Codec::latin1);
        const std::size_t colon = text.find(':');  // str.partition(':')
        const std::string userid = text.substr(0, colon);
        const std::string password = colon == std::string::npos ? "" : text.substr(colon + 1);
        return authenticate_credentials(request, userid, password,
                                        {{"username", userid},
                                         {"decoded_as", utf8 ? "UTF-8" : "Latin-1"},
                                         {"has_colon", colon != std::string::npos}});
    }

private:
    // Django's authenticate(username=…, password=…) through ModelBackend; the user must be active.
    static Authenticated authenticate_credentials(RequestContext& request, const std::string& userid,
                                                  const std::string& password, nlohmann::ordered_json data) {
        const std::size_t hashes_before = request.passwords.hashes_run();
        const auth::LoginResult result = auth::authenticate(request.world, request.passwords, userid, password);
        data["backend"] = outcome_text(result.outcome);
        data["password_hashes"] = request.passwords.hashes_run() - hashes_before;
        if (!result.user) {
            fail(request, "Invalid username/password.",
                 "ModelBackend refuses '" + userid + "': " + outcome_text(result.outcome), data);
        }
        if (!result.user->is_active) fail(request, "User inactive or deleted.", result.user->username + " is inactive", data);
        request.trace.add("authentication", std::string(component), "authenticated",
                          "Basic credentials for " + result.user->username + ": the password matches, authenticated.", data);
        return Authenticated{result.user, nullptr};
    }

    [[noreturn]] static void fail(RequestContext& request, const std::string& message, const std::string& why,
                                  nlohmann::ordered_json data) {
        if (!data.is_object()) data = nlohmann::ordered_json::object();
        data["detail"] = message;
        request.fail(authentication_failed(message), "authentication", std::string(component),
                     why + ": AuthenticationFailed(\"" + message + "\").", std::move(data));
    }
};

}  // namespace

std::unique_ptr<Authenticator> make_basic_authentication() { return std::make_unique<BasicAuthentication>(); }

}  // namespace authlab::drf
