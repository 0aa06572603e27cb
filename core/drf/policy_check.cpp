#include "drf/policy_check.hpp"

#include <algorithm>

#include "drf/authentication.hpp"
#include "drf/permission_expression.hpp"
#include "drf/permissions.hpp"
#include "drf/throttling.hpp"

namespace authlab::drf {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The first unknown class of an authentication list, as the reference runner words it.
std::string authentication_problem(const std::vector<std::string>& names, const std::string& where) {
    for (const std::string& name : names) {
        if (!contains(authentication_class_names(), name)) return where + ": unknown authentication class '" + name + "'";
    }
    return "";
}

// The first throttle entry that cannot be built, e.g. a rate DRF's parse_rate refuses.
std::string throttle_problem(const std::vector<std::string>& entries, const std::string& where) {
    for (const std::string& entry : entries) {
        if (std::string problem = drf::throttle_problem(entry); !problem.empty()) return where + ": " + problem;
    }
    return "";
}

}  // namespace

const std::vector<std::string>& policy_view_names() {
    static const std::vector<std::string> names = {"books", "orders", "manager_users"};
    return names;
}

std::string policies_problem(const Policies& policies) {
    if (std::string problem = authentication_problem(policies.authentication, "authentication"); !problem.empty()) return problem;
    if (std::string problem = throttle_problem(policies.throttle, "throttle"); !problem.empty()) return problem;
    for (const auto& [view, policy] : policies.views) {
        if (!contains(policy_view_names(), view)) return "unknown policy key '" + view + "'";
        if (policy.authentication) {
            if (std::string problem = authentication_problem(*policy.authentication, view); !problem.empty()) return problem;
        }
        if (policy.throttle) {
            if (std::string problem = throttle_problem(*policy.throttle, view); !problem.empty()) return problem;
        }
        for (const std::string& expression : policy.permissions) {
            if (ExpressionParse parsed = parse_permission_expression(expression, permission_class_names()); !parsed.expression) {
                // A long expression is named by its start: the error says where the rest went wrong.
                std::size_t cut = 60;  // on a code point's first byte
                while (cut > 0 && cut < expression.size() && (static_cast<unsigned char>(expression[cut]) & 0xC0) == 0x80) --cut;
                std::string shown = expression.size() <= 80 ? expression : expression.substr(0, cut) + "…";
                return view + ": permission \"" + shown + "\": " + parsed.error;
            }
        }
    }
    return "";
}

}  // namespace authlab::drf
