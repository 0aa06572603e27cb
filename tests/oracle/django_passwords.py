#!/usr/bin/python3
"""Django's own hashers, for interop tests: reads {"make": [[algorithm, password], …],
"check": [[password, encoded], …]} and prints {"made": [encoded, …], "checked": [bool, …]}."""
import json
import sys

import django
from django.conf import settings

settings.configure(PASSWORD_HASHERS=[
    'django.contrib.auth.hashers.Argon2PasswordHasher',
    'django.contrib.auth.hashers.PBKDF2PasswordHasher',
])
django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402

request = json.load(sys.stdin)
hasher_names = {'argon2': 'argon2', 'pbkdf2_sha256': 'pbkdf2_sha256'}
print(json.dumps({
    'made': [make_password(password, hasher=hasher_names[algorithm]) for algorithm, password in request.get('make', [])],
    'checked': [check_password(password, encoded) for password, encoded in request.get('check', [])],
}))
