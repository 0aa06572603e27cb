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
    path('api/books/', views.BookList.as_view()),
    path('api/books/<pk>/', views.BookDetail.as_view()),
    path('api/orders/', views.OrderList.as_view()),
    path('api/orders/<pk>/', views.OrderDetail.as_view()),
    path('api/groups/manager/users/', views.ManagerUserList.as_view()),
    path('api/groups/manager/users/<pk>/', views.ManagerUserDetail.as_view()),
]
