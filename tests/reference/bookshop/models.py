from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Django 3.2 gives integer fields no range validators on SQLite
# (DatabaseOperations.integer_field_range is (None, None) there), so the
# 0/1..32767 bounds of api.md are written out; otherwise -1 would reach the
# database's CHECK constraint (IntegrityError, 500) and 32768 would be stored.
SMALL_MAX = MaxValueValidator(32767)


class Book(models.Model):
    title = models.CharField(max_length=255)
    author = models.CharField(max_length=255)
    price = models.DecimalField(max_digits=6, decimal_places=2,
                                validators=[MinValueValidator(0)])
    inventory = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), SMALL_MAX])


class Order(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    quantity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), SMALL_MAX])
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
