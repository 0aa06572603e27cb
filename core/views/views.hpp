#pragma once
// The bookshop project's views, one factory per view class of the reference project
// (tests/reference/bookshop/views.py and the djoser, simplejwt and DRF views it mounts).
#include <functional>

#include "drf/api_view.hpp"

namespace authlab::views {

// A plain Django view (not an APIView): no DRF pipeline, CSRF enforced by the middleware.
struct DjangoView {
    std::string name;  // the class, for the trace: "LoginView"
    std::function<http::Response(drf::RequestContext&, const drf::PathArgs&)> run;
};

// bookshop/views.py
drf::ApiView book_list();            // /api/books/
drf::ApiView book_detail();          // /api/books/<pk>/
drf::ApiView order_list();           // /api/orders/
drf::ApiView order_detail();         // /api/orders/<pk>/
drf::ApiView manager_user_list();    // /api/groups/manager/users/
drf::ApiView manager_user_detail();  // /api/groups/manager/users/<pk>/

// djoser
drf::ApiView djoser_user_list();     // /auth/users/
drf::ApiView djoser_user_me();       // /auth/users/me/
drf::ApiView djoser_user_detail();   // /auth/users/<id>/
drf::ApiView djoser_set_password();  // /auth/users/set_password/
drf::ApiView djoser_set_username();  // /auth/users/set_username/
drf::ApiView djoser_token_login();   // /auth/token/login/
drf::ApiView djoser_token_logout();  // /auth/token/logout/

// simplejwt
drf::ApiView jwt_token_pair();     // /api/token/
drf::ApiView jwt_token_refresh();  // /api/token/refresh/
drf::ApiView jwt_token_verify();   // /api/token/verify/

// rest_framework.urls: Django's LoginView at /api-auth/login/, LogoutView at /api-auth/logout/
http::Response session_login(drf::RequestContext& request, const drf::PathArgs& args);
http::Response session_logout(drf::RequestContext& request, const drf::PathArgs& args);

}  // namespace authlab::views
