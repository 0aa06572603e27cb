"""Scenario policies: parse them, then put them on the views.

A policy names DRF's real classes; permission expressions are combined with
DRF's own `&`, `|`, `~` operators, so OperandHolder/AND/OR/NOT do the work."""
import copy
import re

from django.conf import settings
from django.test.utils import override_settings
from django.utils.module_loading import import_string
from rest_framework import permissions
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from bookshop.permissions import IsInGroup, IsOwner
from bookshop.throttles import THROTTLES, throttle_class
from bookshop.views import POLICY_VIEWS


class PolicyError(Exception):
    """The scenario's policy cannot be built: it must fail to run."""


DEFAULT = {
    'authentication': ['TokenAuthentication', 'JWTAuthentication',
                       'SessionAuthentication', 'BasicAuthentication'],
    'books': {'permissions': ['DjangoModelPermissions']},
    'orders': {'permissions': ['IsAuthenticated', 'DjangoModelPermissions',
                                'IsOwner | IsAdminUser']},
    'manager_users': {'permissions': ['IsAuthenticated', 'IsInGroup:Manager']},
    'throttle': [],
}

AUTHENTICATION = {
    'TokenAuthentication': 'rest_framework.authentication.TokenAuthentication',
    'JWTAuthentication': 'rest_framework_simplejwt.authentication.JWTAuthentication',
    'SessionAuthentication': 'rest_framework.authentication.SessionAuthentication',
    'BasicAuthentication': 'rest_framework.authentication.BasicAuthentication',
}

PERMISSIONS = {name: getattr(permissions, name) for name in [
    'AllowAny', 'IsAuthenticated', 'IsAdminUser', 'IsAuthenticatedOrReadOnly',
    'DjangoModelPermissions', 'DjangoModelPermissionsOrAnonReadOnly']}
PERMISSIONS['IsOwner'] = IsOwner


# --- permission expressions: Python's precedence, ~ then & then | ---

TOKEN = re.compile(r'\s*(?:(?P<op>[()&|~])|(?P<name>IsInGroup:[^\s()&|~]+|[A-Za-z_]\w*))')


def tokenize(text):
    tokens, pos, text = [], 0, text.rstrip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise PolicyError('bad permission expression %r at column %d' % (text, pos + 1))
        tokens.append(m.group('op') or m.group('name'))
        pos = m.end()
    return tokens


def parse_permission(text):
    """'(A | B) & ~C' -> the class (or operand holder) DRF's operators build."""
    if not isinstance(text, str):
        raise PolicyError('a permission must be a string, not %r' % (text,))
    tokens = tokenize(text)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take(expected=None):
        nonlocal pos
        tok = peek()
        if tok is None or (expected and tok != expected):
            raise PolicyError('bad permission expression %r: expected %s, got %s'
                              % (text, expected or 'a class', tok or 'the end'))
        pos += 1
        return tok

    def or_expr():
        left = and_expr()
        while peek() == '|':
            take('|')
            left = left | and_expr()
        return left

    def and_expr():
        left = not_expr()
        while peek() == '&':
            take('&')
            left = left & not_expr()
        return left

    def not_expr():
        if peek() == '~':
            take('~')
            return ~not_expr()
        return atom()

    def atom():
        tok = take()
        if tok == '(':
            inner = or_expr()
            take(')')
            return inner
        if tok.startswith('IsInGroup:'):
            return IsInGroup(tok[len('IsInGroup:'):])
        if tok in PERMISSIONS:
            return PERMISSIONS[tok]
        raise PolicyError('unknown permission class %r in %r' % (tok, text))

    result = or_expr()
    if peek() is not None:
        raise PolicyError('bad permission expression %r: unexpected %r' % (text, peek()))
    return result


def authentication_paths(names, where):
    if not isinstance(names, list):
        raise PolicyError('%s: authentication must be a list' % where)
    for name in names:
        if name not in AUTHENTICATION:
            raise PolicyError('%s: unknown authentication class %r' % (where, name))
    return [AUTHENTICATION[name] for name in names]


def throttle_classes(entries, where):
    """["AnonRateThrottle:5/min", …] -> DRF's classes with those rates."""
    if not isinstance(entries, list):
        raise PolicyError('%s: throttle must be a list' % where)
    classes = []
    for entry in entries:
        name, colon, rate = entry.partition(':') if isinstance(entry, str) else ('', '', '')
        if name not in THROTTLES or not colon:
            raise PolicyError('%s: unknown throttle %r (AnonRateThrottle:<rate> or '
                              'UserRateThrottle:<rate>)' % (where, entry))
        try:
            classes.append(throttle_class(name, rate))
        except (ValueError, KeyError, IndexError):
            raise PolicyError('%s: throttle %r: bad rate %r (like 5/min or 100/day)'
                              % (where, entry, rate)) from None
    return classes


def merge(given):
    """The default policy with the scenario's keys replacing whole entries."""
    policy = copy.deepcopy(DEFAULT)
    for key, value in (given or {}).items():
        if key not in DEFAULT:
            raise PolicyError('unknown policy key %r' % key)
        if key not in ('authentication', 'throttle'):
            if not isinstance(value, dict) or set(value) - {'authentication', 'permissions', 'throttle'}:
                raise PolicyError('policy %r must be an object with authentication, '
                                  'permissions and/or throttle' % key)
        policy[key] = value
    return policy


class Applied:
    """The policy in force; undo() restores the project's own settings."""

    def __init__(self, given):
        policy = merge(given)
        global_paths = authentication_paths(policy['authentication'], 'authentication')
        # Build everything before touching anything, so errors change nothing.
        views = {}
        for key in POLICY_VIEWS:
            entry = policy[key]
            own = entry.get('authentication')
            auth = None if own is None else authentication_paths(own, key)
            perms = entry.get('permissions', [])
            if not isinstance(perms, list):
                raise PolicyError('%s: permissions must be a list' % key)
            own_throttle = entry.get('throttle')
            throttles = None if own_throttle is None else throttle_classes(own_throttle, key)
            views[key] = (auth, [parse_permission(p) for p in perms], throttles)
        global_throttles = throttle_classes(policy['throttle'], 'throttle')

        # The global list is DRF's DEFAULT_AUTHENTICATION_CLASSES: override the
        # setting (setting_changed makes DRF reload api_settings), then rebind
        # the attribute APIView read from it at import time (djoser's views
        # inherit it).
        rest = dict(settings.REST_FRAMEWORK, DEFAULT_AUTHENTICATION_CLASSES=global_paths)
        self.override = override_settings(REST_FRAMEWORK=rest)
        self.override.enable()
        APIView.authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES
        # DEFAULT_THROTTLE_CLASSES likewise (classes, not paths: each carries its rate).
        APIView.throttle_classes = global_throttles
        for key, (auth, perms, throttles) in views.items():
            for view in POLICY_VIEWS[key]:
                view.authentication_classes = (
                    [import_string(path) for path in auth] if auth is not None
                    else api_settings.DEFAULT_AUTHENTICATION_CLASSES)
                view.permission_classes = perms
                if throttles is not None:
                    view.throttle_classes = throttles

    def undo(self):
        self.override.disable()
        APIView.authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES
        APIView.throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES
        for classes in POLICY_VIEWS.values():
            for view in classes:  # back to the inherited attributes
                del view.authentication_classes
                del view.permission_classes
                if 'throttle_classes' in view.__dict__:
                    del view.throttle_classes
