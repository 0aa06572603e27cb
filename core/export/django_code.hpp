#pragma once
// The world's policies as Python a learner pastes into a Django project: the REST_FRAMEWORK
// settings block (authentication classes, throttle classes and rates), the IsInGroup and
// IsOwner permissions, the throttle subclasses a rate of its own needs (export/django_throttles),
// and for each bookshop view a small mixin that carries its authentication_classes,
// permission_classes (composed with DRF's own &, | and ~ exactly as the policy's expressions
// are) and throttle_classes. The text is also one valid module, so the tests load it into the
// reference project as it is.
#include <string>
#include <string_view>

#include "world/world.hpp"

namespace authlab::exporting {

std::string django_code(const World& world);

// A permission expression ("IsAuthenticated & ~IsInGroup:Banned") as a Python expression
// ("IsAuthenticated & ~IsInGroup('Banned')"), parenthesised as Python's precedence needs.
std::string python_permission(std::string_view expression);

// A Python string literal for any UTF-8 text: 'it\'s'.
std::string python_string(std::string_view text);

}  // namespace authlab::exporting
