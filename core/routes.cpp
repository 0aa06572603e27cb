#include "routes.hpp"

namespace authlab {
namespace {

std::vector<Route> build_routes() {
    return {
        {"/auth/users/", false, views::djoser_user_list()},
        {"/auth/users/me/", false, views::djoser_user_me()},
        {"/auth/users/set_password/", false, views::djoser_set_password()},
        {"/auth/users/set_username/", false, views::djoser_set_username()},
        {"/auth/users/<id>/", false, views::djoser_user_detail()},
        {"/auth/token/login/", true, views::djoser_token_login()},
        {"/auth/token/logout/", true, views::djoser_token_logout()},
        {"/api/token/", false, views::jwt_token_pair()},
        {"/api/token/refresh/", false, views::jwt_token_refresh()},
        {"/api/token/verify/", false, views::jwt_token_verify()},
        {"/api-auth/login/", false, views::DjangoView{"LoginView", views::session_login}},
        {"/api-auth/logout/", false, views::DjangoView{"LogoutView", views::session_logout}},
        {"/api/books/", false, views::book_list()},
        {"/api/books/<pk>/", false, views::book_detail()},
        {"/api/orders/", false, views::order_list()},
        {"/api/orders/<pk>/", false, views::order_detail()},
        {"/api/groups/manager/users/", false, views::manager_user_list()},
        {"/api/groups/manager/users/<pk>/", false, views::manager_user_detail()},
    };
}

// Matches segment by segment; "<pk>" takes any non-empty segment, like Django's str converter;
// "<id>" one without a dot, like a DRF router's lookup_value_regex [^/.]+.
std::optional<drf::PathArgs> match(std::string_view pattern, std::string_view path) {
    drf::PathArgs args;
    std::size_t p = 0, q = 0;
    while (p < pattern.size()) {
        if (pattern.substr(p, 4) == "<pk>" || pattern.substr(p, 4) == "<id>") {
            std::size_t end = path.find('/', q);
            if (end == q || end == std::string_view::npos) return std::nullopt;
            if (pattern.substr(p, 4) == "<id>" && path.substr(q, end - q).find('.') != std::string_view::npos) return std::nullopt;
            args.emplace_back(path.substr(q, end - q));
            p += 4;
            q = end;
        } else {
            if (q >= path.size() || path[q] != pattern[p]) return std::nullopt;
            ++p;
            ++q;
        }
    }
    if (q != path.size()) return std::nullopt;
    return args;
}

}  // namespace

const std::vector<Route>& routes() {
    static const std::vector<Route> table = build_routes();
    return table;
}

std::optional<RouteMatch> resolve(std::string_view path) {
    for (const Route& route : routes()) {
        if (auto args = match(route.pattern, path)) return RouteMatch{&route, std::move(*args)};
        if (route.slash_optional && !path.ends_with('/')) {
            std::string slashed = std::string(path) + "/";
            if (auto args = match(route.pattern, slashed)) return RouteMatch{&route, std::move(*args)};
        }
    }
    return std::nullopt;
}

}  // namespace authlab
