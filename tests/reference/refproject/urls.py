from django.urls import include, path
from rest_framework_simplejwt.views import (TokenObtainPairView, TokenRefreshView,
                                            TokenVerifyView)

from bookshop import views

urlpatterns = [
    path('auth/', include('djoser.urls')),
    path('auth/', include('djoser.urls.authtoken')),
    path('api/token/', TokenObtainPairView.as_view()),
    path('api/token/refresh/', TokenRefreshView.as_view()),
    path('api/token/verify/', TokenVerifyView.as_view()),
    path('api-auth/', include('rest_framework.urls')),
    path('api/books/', views.list_route(views.BookViewSet)),
    path('api/books/<pk>/', views.instance_route(views.BookViewSet)),
    path('api/orders/', views.list_route(views.OrderViewSet)),
    path('api/orders/<pk>/', views.instance_route(views.OrderViewSet)),
    path('api/groups/manager/users/', views.list_route(views.ManagerUsersViewSet)),
    path('api/groups/manager/users/<pk>/',
         views.instance_route(views.ManagerUsersViewSet, {'delete': 'destroy'})),
]
