#include "export/django_code.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "drf/permission_expression.hpp"
#include "drf/permissions.hpp"
#include "drf/policy_check.hpp"
#include "export/django_throttles.hpp"

namespace authlab::exporting {
namespace {

using drf::PermissionExpr;

struct PythonClass {
    std::string_view name;
    std::string_view module;
};

constexpr PythonClass authentication_classes[] = {
    {"TokenAuthentication", "rest_framework.authentication"},
    {"JWTAuthentication", "rest_framework_simplejwt.authentication"},
    {"SessionAuthentication", "rest_framework.authentication"},
    {"BasicAuthentication", "rest_framework.authentication"},
};

const PythonClass& authentication_class(const std::string& name) {
    for (const PythonClass& c : authentication_classes) {
        if (c.name == name) return c;
    }
    throw std::invalid_argument("unknown authentication class " + name);
}

// Which bookshop views each policy entry governs, as the reference project names them.
struct PolicyViews {
    std::string_view key;
    std::string_view mixin;
    std::string_view views;
};

constexpr PolicyViews policy_views[] = {
    {"books", "BooksPolicy", "BookViewSet"},
    {"orders", "OrdersPolicy", "OrderViewSet"},
    {"manager_users", "ManagerUsersPolicy", "ManagerUsersViewSet"},
};

// Python's binding strength: | below & below ~ (and a class name binds tightest).
int strength(const PermissionExpr& e) {
    switch (e.kind) {
        case PermissionExpr::Kind::Or: return 1;
        case PermissionExpr::Kind::And: return 2;
        case PermissionExpr::Kind::Not: return 3;
        case PermissionExpr::Kind::Class: return 4;
    }
    return 4;
}

std::string python(const PermissionExpr& e);

std::string operand(const PermissionExpr& e, int least) {
    std::string text = python(e);
    return strength(e) < least ? "(" + text + ")" : text;
}

std::string python(const PermissionExpr& e) {
    switch (e.kind) {
        case PermissionExpr::Kind::Class:
            return e.name == "IsInGroup" ? "IsInGroup(" + python_string(e.group) + ")" : e.name;
        case PermissionExpr::Kind::Not:
            return "~" + operand(e.operands[0], 3);
        case PermissionExpr::Kind::And:  // left-associative: a right operand of equal strength needs parentheses
            return operand(e.operands[0], 2) + " & " + operand(e.operands[1], 3);
        case PermissionExpr::Kind::Or:
            return operand(e.operands[0], 1) + " | " + operand(e.operands[1], 2);
    }
    return "";
}

void collect_classes(const PermissionExpr& e, std::set<std::string>& names) {
    if (e.kind == PermissionExpr::Kind::Class) names.insert(e.name);
    for (const PermissionExpr& o : e.operands) collect_classes(o, names);
}

PermissionExpr parse(std::string_view expression) {
    drf::ExpressionParse parsed = drf::parse_permission_expression(expression, drf::permission_class_names());
    if (!parsed.expression) throw std::invalid_argument("permission \"" + std::string(expression) + "\": " + parsed.error);
    return *parsed.expression;
}

std::string python_list(const std::vector<std::string>& items, const std::string& indent) {
    if (items.empty()) return "[]";
    std::string out = "[\n";
    for (const std::string& item : items) out += indent + "    " + item + ",\n";
    return out + indent + "]";
}

std::string settings_block(const Policies& policies, const ThrottleCode& throttles) {
    std::vector<std::string> paths;
    for (const std::string& name : policies.authentication) {
        const PythonClass& c = authentication_class(name);
        paths.push_back(python_string(std::string(c.module) + "." + std::string(c.name)));
    }
    std::vector<std::string> throttle_paths;
    for (const std::string& entry : policies.throttle) throttle_paths.push_back(python_string(throttles.class_path(entry)));
    std::string rates = "{";
    for (const auto& [scope, rate] : throttles.default_rates()) rates += "\n        " + python_string(scope) + ": " + python_string(rate) + ",";
    rates += throttles.default_rates().empty() ? "}" : "\n    }";
    return "# ---- settings.py " + std::string(60, '-') + "\n"
           "REST_FRAMEWORK = {\n"
           "    # Tried in this order by every view that names no authentication_classes of its own.\n"
           "    'DEFAULT_AUTHENTICATION_CLASSES': " + python_list(paths, "    ") + ",\n"
           "    # Run by every view that names no throttle_classes of its own, djoser's and simplejwt's too.\n"
           "    'DEFAULT_THROTTLE_CLASSES': " + python_list(throttle_paths, "    ") + ",\n"
           "    # Each scope's rate, for the throttle classes that carry none of their own.\n"
           "    'DEFAULT_THROTTLE_RATES': " + rates + ",\n"
           "}\n";
}

std::string permissions_block() {
    return "# ---- bookshop/permissions.py " + std::string(47, '-') + "\n"
           "from rest_framework.permissions import BasePermission\n"
           "\n"
           "_group_permissions = {}\n"
           "\n"
           "\n"
           "def IsInGroup(name):\n"
           "    \"\"\"The permission class for members of the group `name`: IsInGroup('Manager').\n"
           "\n"
           "    Only membership counts: a superuser outside the group is refused. One class per\n"
           "    name, so it composes with DRF's &, | and ~ like any other permission class.\"\"\"\n"
           "    if name not in _group_permissions:\n"
           "        class _IsInGroup(BasePermission):\n"
           "            def has_permission(self, request, view):\n"
           "                return request.user.groups.filter(name=name).exists()\n"
           "\n"
           "        _IsInGroup.__name__ = _IsInGroup.__qualname__ = 'IsInGroup(%r)' % name\n"
           "        _group_permissions[name] = _IsInGroup\n"
           "    return _group_permissions[name]\n"
           "\n"
           "\n"
           "class IsOwner(BasePermission):\n"
           "    \"\"\"An order is its owner's alone. An object-level check: has_permission is\n"
           "    BasePermission's True, and any other row passes.\"\"\"\n"
           "\n"
           "    def has_object_permission(self, request, view, obj):\n"
           "        from bookshop.models import Order\n"
           "\n"
           "        if isinstance(obj, Order):\n"
           "            return obj.owner == request.user\n"
           "        return True\n";
}

std::string views_block(const Policies& policies, const ThrottleCode& throttles) {
    std::set<std::string> authentication;
    std::set<std::string> permissions;
    std::set<std::string> drf_throttles;  // DRF's own classes
    std::set<std::string> own_throttles;  // bookshop/throttles.py's subclasses
    std::string mixins;
    for (const PolicyViews& pv : policy_views) {
        auto it = policies.views.find(std::string(pv.key));
        ViewPolicy policy = it == policies.views.end() ? ViewPolicy{} : it->second;
        mixins += "\n\nclass " + std::string(pv.mixin) + ":\n";
        mixins += "    \"\"\"The '" + std::string(pv.key) + "' policy, first among the bases of " + std::string(pv.views) + ":\n";
        std::string_view example = pv.views.substr(0, pv.views.find(' '));
        mixins += "    class " + std::string(example) + "(" + std::string(pv.mixin) + ", generics.…).\"\"\"\n";
        if (policy.authentication) {
            mixins += "    authentication_classes = " + python_list(*policy.authentication, "    ") + "\n";
            authentication.insert(policy.authentication->begin(), policy.authentication->end());
        } else {
            mixins += "    # authentication_classes: REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES\n";
        }
        std::vector<std::string> classes;
        for (const std::string& expression : policy.permissions) {
            PermissionExpr parsed = parse(expression);
            collect_classes(parsed, permissions);
            classes.push_back(python(parsed));
        }
        if (classes.empty()) mixins += "    # No permission classes: DRF lets every request through.\n";
        mixins += "    permission_classes = " + python_list(classes, "    ") + "\n";
        if (policy.throttle) {
            std::vector<std::string> throttle_classes;
            for (const std::string& entry : *policy.throttle) {
                std::string name = throttles.class_name(entry);
                (entry.starts_with(name + ":") ? drf_throttles : own_throttles).insert(name);
                throttle_classes.push_back(std::move(name));
            }
            mixins += "    throttle_classes = " + python_list(throttle_classes, "    ") + "\n";
        } else {
            mixins += "    # throttle_classes: REST_FRAMEWORK's DEFAULT_THROTTLE_CLASSES\n";
        }
    }
    // Imports, one line per module, sorted as isort would.
    std::map<std::string, std::set<std::string>> imports;
    for (const std::string& name : authentication) {
        const PythonClass& c = authentication_class(name);
        imports[std::string(c.module)].insert(std::string(c.name));
    }
    permissions.erase("IsInGroup");  // defined above (in a project: from .permissions import …)
    permissions.erase("IsOwner");
    for (const std::string& name : permissions) imports["rest_framework.permissions"].insert(name);
    for (const std::string& name : drf_throttles) imports["rest_framework.throttling"].insert(name);
    std::string own;
    for (const std::string& name : own_throttles) own += (own.empty() ? "" : ", ") + name;
    std::string out = "# ---- bookshop/views.py " + std::string(53, '-') + "\n"
                      "# (in a project, also: from .permissions import IsInGroup, IsOwner" +
                      (own.empty() ? "" : "; from .throttles import " + own) + ")\n";
    for (const auto& [module, names] : imports) {
        out += "from " + module + " import ";
        bool first = true;
        for (const std::string& n : names) out += (first ? "" : ", ") + n, first = false;
        out += "\n";
    }
    return out + mixins;
}

}  // namespace

std::string python_string(std::string_view text) {
    std::string out = "'";
    for (unsigned char c : text) {
        if (c == '\\' || c == '\'') out += '\\', out += static_cast<char>(c);
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        } else out += static_cast<char>(c);  // UTF-8 passes through: Python 3 source is UTF-8
    }
    return out + "'";
}

std::string python_permission(std::string_view expression) { return python(parse(expression)); }

std::string django_code(const World& world) {
    if (std::string problem = drf::policies_problem(world.policies); !problem.empty()) throw std::invalid_argument(problem);
    const ThrottleCode throttles(world.policies);
    const std::string throttle_module = throttles.module();
    return "# Django REST framework code for this AuthLab world. Paste each part into the file its\n"
           "# header names; every view of the bookshop takes its policy's mixin first.\n"
           "\n" +
           settings_block(world.policies, throttles) + "\n\n" + permissions_block() + "\n\n" +
           (throttle_module.empty() ? "" : throttle_module + "\n\n") + views_block(world.policies, throttles);
}

}  // namespace authlab::exporting
