from django.contrib.auth.models import User
from rest_framework import serializers

from .models import Book, Order


class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ['id', 'title', 'author', 'price', 'inventory']


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ['id', 'book', 'quantity', 'owner']
        read_only_fields = ['owner']


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ['id', 'username', 'email']


class UsernameSerializer(serializers.Serializer):
    """The body of 'add a user to the group'."""
    username = serializers.CharField()
