"""The database a scenario starts from.

Argon2 with Django 3.2's parameters costs ~0.2 s a hash, so the default world
is built once per process and saved with SQLite's online backup API; each
scenario copies the saved database back over the live in-memory one (a few
milliseconds) and so starts from a truly fresh database: ids, sequences and
all."""
import sqlite3
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from bookshop.models import Book


class SetupError(Exception):
    """The scenario's setup cannot be built: it must fail to run."""


USERS = [  # (username, password, group, flags), ids 1-5 in this order
    ('admin', 'admin-pass-1', None, {'is_staff': True, 'is_superuser': True}),
    ('mary', 'mary-pass-1', 'Manager', {}),
    ('eddie', 'eddie-pass-1', 'Editor', {}),
    ('carol', 'carol-pass-1', 'Customer', {}),
    ('ivan', 'ivan-pass-1', 'Customer', {'is_active': False}),
]

GROUPS = {
    'Manager': ['bookshop.add_book', 'bookshop.change_book', 'bookshop.delete_book',
                'bookshop.view_book', 'bookshop.view_order', 'bookshop.change_order'],
    'Editor': ['bookshop.view_book', 'bookshop.add_book', 'bookshop.change_book'],
    'Customer': ['bookshop.view_book', 'bookshop.add_order', 'bookshop.view_order'],
}

BOOKS = [
    {'title': 'Pride and Prejudice', 'author': 'Jane Austen', 'price': '7.99', 'inventory': 10},
    {'title': 'Dracula', 'author': 'Bram Stoker', 'price': '5.50', 'inventory': 4},
    {'title': 'Moby Dick', 'author': 'Herman Melville', 'price': '12.00', 'inventory': 0},
]


def permission(full_name):
    app_label, _, codename = str(full_name).partition('.')
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise SetupError('unknown permission %r' % full_name) from None


def group(name):
    try:
        return Group.objects.get(name=name)
    except Group.DoesNotExist:
        raise SetupError('unknown group %r' % name) from None


def set_group(spec):
    check_keys(spec, {'name', 'permissions'}, 'group')
    grp, _ = Group.objects.get_or_create(name=spec['name'])
    grp.permissions.set([permission(p) for p in spec.get('permissions', [])])


USER_FIELDS = {'username', 'password', 'email', 'groups', 'permissions',
               'is_active', 'is_staff', 'is_superuser'}


def set_user(spec):
    """Create the user, or replace every field of an existing one (its id stays)."""
    check_keys(spec, USER_FIELDS, 'user')
    if 'username' not in spec:
        raise SetupError('a user needs a username')
    groups = [group(g) for g in spec.get('groups', [])]
    perms = [permission(p) for p in spec.get('permissions', [])]
    user = User.objects.filter(username=spec['username']).first() or User(username=spec['username'])
    user.email = spec.get('email', '')
    user.is_active = spec.get('is_active', True)
    user.is_staff = spec.get('is_staff', False)
    user.is_superuser = spec.get('is_superuser', False)
    if spec.get('password') is None:
        user.set_unusable_password()
    else:
        user.set_password(spec['password'])
    user.save()
    user.groups.set(groups)
    user.user_permissions.set(perms)


def add_book(spec):
    check_keys(spec, {'title', 'author', 'price', 'inventory'}, 'book')
    try:
        book = Book(title=spec.get('title'), author=spec.get('author'),
                    price=Decimal(str(spec.get('price'))), inventory=spec.get('inventory'))
        book.full_clean()
    except (ValidationError, InvalidOperation, TypeError) as e:
        raise SetupError('bad book %r: %s' % (spec, e)) from None
    book.save()


def check_keys(spec, allowed, what):
    if not isinstance(spec, dict):
        raise SetupError('a %s must be an object, not %r' % (what, spec))
    unknown = set(spec) - allowed
    if unknown:
        raise SetupError('unknown %s field(s) %s' % (what, ', '.join(sorted(unknown))))


def build_default():
    for name, perms in GROUPS.items():
        set_group({'name': name, 'permissions': perms})
    for username, password, grp, flags in USERS:
        set_user(dict(flags, username=username, password=password,
                      email='%s@example.com' % username, groups=[grp] if grp else []))
    for book in BOOKS:
        add_book(book)


class Worlds:
    """Saved copies of the 'empty' and 'default' databases."""

    def __init__(self):
        call_command('migrate', verbosity=0, interactive=False)
        self.saved = {'empty': self.save()}
        build_default()
        self.saved['default'] = self.save()

    def save(self):
        copy = sqlite3.connect(':memory:')
        connection.ensure_connection()
        connection.connection.backup(copy)
        return copy

    def load(self, setup):
        """Fresh database for a scenario's `setup` (policies are not data: see policies.py)."""
        check_keys(setup, {'world', 'groups', 'users', 'books', 'policies'}, 'setup')
        name = setup.get('world', 'default')
        if name not in self.saved:
            raise SetupError('unknown world %r' % name)
        self.saved[name].backup(connection.connection)
        for spec in setup.get('groups', []):
            set_group(spec)
        for spec in setup.get('users', []):
            set_user(spec)
        for spec in setup.get('books', []):
            add_book(spec)
