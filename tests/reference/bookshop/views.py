"""The bookshop's views, written as a DRF course writes them: ViewSets, each routed as a
list and an instance (refproject/urls.py). Their `authentication_classes` and
`permission_classes` are set per scenario by policies.apply() (see POLICY_VIEWS).

No class has a docstring: OPTIONS answers its class's docstring as `description`, and
api.md says it is "" (comments instead)."""
from django.contrib.auth.models import Group, User
from django.shortcuts import get_object_or_404
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from .models import Book, Order
from .serializers import (BookSerializer, MemberSerializer, OrderSerializer,
                          UsernameSerializer)


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.order_by('id')
    serializer_class = BookSerializer


class OrderViewSet(viewsets.ModelViewSet):
    # The list route shows the user's own orders; the instance route looks an order up
    # among every order, so that IsOwner has something to refuse.
    queryset = Order.objects.order_by('id')  # DjangoModelPermissions reads its model
    serializer_class = OrderSerializer

    def get_queryset(self):
        if self.detail:
            return super().get_queryset()
        user = self.request.user
        if not user.is_authenticated:  # only under a permissive policy
            return Order.objects.none()
        return Order.objects.filter(owner=user).order_by('id')

    def perform_create(self, serializer):
        if not self.request.user.is_authenticated:
            raise NotAuthenticated()
        serializer.save(owner=self.request.user)


class ManagerUsersViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    # The Manager group's members: list them, add one by username, remove one by id.
    queryset = User.objects.filter(groups__name='Manager').order_by('id')
    serializer_class = MemberSerializer

    def create(self, request, *args, **kwargs):
        body = UsernameSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = get_object_or_404(User, username=body.validated_data['username'])
        managers = get_object_or_404(Group, name='Manager')
        managers.user_set.add(user)
        return Response(MemberSerializer(user).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        user = self.get_object()  # 404 unless a member; object permissions
        managers = get_object_or_404(Group, name='Manager')
        managers.user_set.remove(user)
        return Response(MemberSerializer(user).data, status=status.HTTP_200_OK)


# A router's two routes for each ViewSet, without its format suffixes and with Django's
# `<pk>` (any text without a slash, where a router's lookup also refuses dots).
LIST = {'get': 'list', 'post': 'create'}
INSTANCE = {'get': 'retrieve', 'put': 'update', 'patch': 'partial_update', 'delete': 'destroy'}


def list_route(viewset, actions=LIST):
    return viewset.as_view(dict(actions), suffix='List', detail=False)


def instance_route(viewset, actions=INSTANCE):
    return viewset.as_view(dict(actions), suffix='Instance', detail=True)


# Which views each policy entry governs.
POLICY_VIEWS = {
    'books': [BookViewSet],
    'orders': [OrderViewSet],
    'manager_users': [ManagerUsersViewSet],
}
