#pragma once
// The project's URLconf: which view answers a path, with Django's APPEND_SLASH behaviour.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "views/views.hpp"

namespace authlab {

struct Route {
    std::string pattern;  // "/api/books/<pk>/": "<pk>" matches one path segment, "<id>" one without '.'
    bool slash_optional;  // djoser's token routes: ^token/login/?$
    std::variant<drf::ApiView, views::DjangoView> view;
};

struct RouteMatch {
    const Route* route = nullptr;
    drf::PathArgs args;
};

const std::vector<Route>& routes();
std::optional<RouteMatch> resolve(std::string_view path);

}  // namespace authlab
