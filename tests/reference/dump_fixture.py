#!/usr/bin/python3
"""Print what the real project's `manage.py dumpdata` writes for the default world, with a few
users whose hashes come from other hashers (as an older project's would).

    /usr/bin/python3 tests/reference/dump_fixture.py natural   # dumpdata --natural-foreign --natural-primary auth.group auth.user authtoken
    /usr/bin/python3 tests/reference/dump_fixture.py ids       # dumpdata contenttypes auth.permission auth.group auth.user authtoken

The core's fixture import is tested against this output (tests/conformance/roundtrip.py)."""
import io
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'

import django  # noqa: E402

# Hashes other hashers wrote for the password "legacy-pass-1" (Django 3.2's own encoders).
LEGACY = {
    'pat': 'pbkdf2_sha256',
    'pbs': 'pbkdf2_sha1',
    'mo': 'md5',
    'sha': 'sha1',
    'umo': 'unsalted_md5',
}


def build():
    from django.contrib.auth.hashers import get_hasher, MD5PasswordHasher, SHA1PasswordHasher, UnsaltedMD5PasswordHasher
    from django.contrib.auth.models import Group, Permission, User
    from rest_framework.authtoken.models import Token
    from world import Worlds

    Worlds()  # migrated, the default world built
    encoders = {'md5': MD5PasswordHasher(), 'sha1': SHA1PasswordHasher(), 'unsalted_md5': UnsaltedMD5PasswordHasher()}
    auditors = Group.objects.create(name='Auditors')
    auditors.permissions.set(Permission.objects.filter(codename__in=['view_order', 'view_user', 'view_session']))
    for username, algorithm in LEGACY.items():
        hasher = encoders.get(algorithm) or get_hasher(algorithm)
        salt = '' if algorithm == 'unsalted_md5' else hasher.salt()
        user = User.objects.create(username=username, email='%s@example.com' % username,
                                   password=hasher.encode('legacy-pass-1', salt))
        user.groups.add(auditors)
    User.objects.get(username='eddie').user_permissions.set(Permission.objects.filter(codename='delete_book'))
    User.objects.create(username='blank')  # saved without set_password(): password ''
    nopass = User(username='nopass')
    nopass.set_unusable_password()
    nopass.save()
    for username in ('carol', 'mary'):
        Token.objects.create(user=User.objects.get(username=username))


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else 'natural'
    django.setup()
    from django.core.management import call_command
    build()
    out = io.StringIO()
    if mode == 'natural':
        call_command('dumpdata', 'auth.group', 'auth.user', 'authtoken', natural_foreign=True,
                     natural_primary=True, indent=2, stdout=out)
    elif mode == 'ids':
        call_command('dumpdata', 'contenttypes', 'auth.permission', 'auth.group', 'auth.user', 'authtoken',
                     indent=2, stdout=out)
    else:
        raise SystemExit('usage: dump_fixture.py natural|ids')
    sys.stdout.write(out.getvalue())


if __name__ == '__main__':
    main()
