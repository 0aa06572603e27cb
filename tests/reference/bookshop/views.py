"""The bookshop's views, written as a DRF course writes them. Their
`authentication_classes` and `permission_classes` are set per scenario by
policies.apply() (see POLICY_VIEWS)."""
from django.contrib.auth.models import Group, User
from django.shortcuts import get_object_or_404
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from .models import Book, Order
from .serializers import (BookSerializer, MemberSerializer, OrderSerializer,
                          UsernameSerializer)


class BookList(generics.ListCreateAPIView):
    queryset = Book.objects.order_by('id')
    serializer_class = BookSerializer


class BookDetail(generics.RetrieveUpdateDestroyAPIView):
    queryset = Book.objects.order_by('id')
    serializer_class = BookSerializer


class OrderList(generics.ListCreateAPIView):
    queryset = Order.objects.order_by('id')  # DjangoModelPermissions reads its model
    serializer_class = OrderSerializer

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:  # only under a permissive policy
            return Order.objects.none()
        return Order.objects.filter(owner=user).order_by('id')

    def perform_create(self, serializer):
        if not self.request.user.is_authenticated:
            raise NotAuthenticated()
        serializer.save(owner=self.request.user)


class OrderDetail(generics.RetrieveUpdateDestroyAPIView):
    """Every order, not only the user's own: whose it is, IsOwner decides."""
    queryset = Order.objects.order_by('id')
    serializer_class = OrderSerializer


class ManagerUserList(generics.ListCreateAPIView):
    queryset = User.objects.filter(groups__name='Manager').order_by('id')
    serializer_class = MemberSerializer

    def create(self, request, *args, **kwargs):
        body = UsernameSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = get_object_or_404(User, username=body.validated_data['username'])
        managers = get_object_or_404(Group, name='Manager')
        managers.user_set.add(user)
        return Response(MemberSerializer(user).data, status=status.HTTP_201_CREATED)


class ManagerUserDetail(generics.DestroyAPIView):
    queryset = User.objects.filter(groups__name='Manager').order_by('id')
    serializer_class = MemberSerializer

    def destroy(self, request, *args, **kwargs):
        user = self.get_object()  # 404 unless a member; object permissions
        managers = get_object_or_404(Group, name='Manager')
        managers.user_set.remove(user)
        return Response(MemberSerializer(user).data, status=status.HTTP_200_OK)


# Which views each policy entry governs.
POLICY_VIEWS = {
    'books': [BookList, BookDetail],
    'orders': [OrderList, OrderDetail],
    'manager_users': [ManagerUserList, ManagerUserDetail],
}
