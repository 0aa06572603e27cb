#!/usr/bin/python3
"""Django's ModelBackend on a world: reads {"groups": [{"name", "permissions"}], "users":
[{"username", "is_active", "is_superuser", "groups", "permissions"}], "ask": [[username,
permission], …]} and prints, per user, get_user_permissions, get_group_permissions,
get_all_permissions, and the answers of has_perm for each question; and every Permission
as [key, name]."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'reference'))
os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, Permission, User  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command('migrate', verbosity=0)
world = json.load(sys.stdin)


def permission(key):
    app_label, codename = key.split('.')
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


for g in world['groups']:
    Group.objects.create(name=g['name']).permissions.set([permission(p) for p in g['permissions']])
for u in world['users']:
    user = User.objects.create(username=u['username'], is_active=u['is_active'], is_superuser=u['is_superuser'])
    user.groups.set([Group.objects.get(name=n) for n in u['groups']])
    user.user_permissions.set([permission(p) for p in u['permissions']])

answers = {}
for u in world['users']:
    user = User.objects.get(username=u['username'])
    answers[u['username']] = {
        'user': sorted(user.get_user_permissions()),
        'group': sorted(user.get_group_permissions()),
        'all': sorted(user.get_all_permissions()),
        'has_perm': [User.objects.get(username=name).has_perm(p) for name, p in world['ask'] if name == u['username']],
    }
catalogue = sorted([f'{p.content_type.app_label}.{p.codename}', p.name] for p in Permission.objects.all())
print(json.dumps({'answers': answers, 'catalogue': catalogue}))
