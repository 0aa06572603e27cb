from rest_framework.permissions import BasePermission

from .models import Order

_classes = {}


def IsInGroup(name):
    """The permission class for membership of group `name` (one class per name)."""
    if name not in _classes:
        class _IsInGroup(BasePermission):
            def has_permission(self, request, view):
                # Groups only: a superuser outside the group fails.
                return request.user.groups.filter(name=name).exists()

        _IsInGroup.__name__ = _IsInGroup.__qualname__ = 'IsInGroup:%s' % name
        _classes[name] = _IsInGroup
    return _classes[name]


class IsOwner(BasePermission):
    """The object-level check every DRF course writes: an order is its owner's
    alone (has_permission is BasePermission's True); any other row passes."""

    def has_object_permission(self, request, view, obj):
        if isinstance(obj, Order):
            return obj.owner == request.user
        return True
