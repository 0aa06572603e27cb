#!/usr/bin/python3
"""The peer for tools/bench/run: the same measurements on the real stack (the reference
project of tests/reference), one JSON object per line. --request-only measures the request mix
alone (tools/bench/run's further rounds)."""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'reference'))
os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'
import django  # noqa: E402

django.setup()
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def median_seconds(runs, work):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if '--request-only' not in sys.argv[1:]:
    print(json.dumps({'measure': 'argon2', 'seconds': median_seconds(5, lambda: make_password('carol-pass-1'))}))
    print(json.dumps({'measure': 'pbkdf2', 'seconds': median_seconds(
        5, lambda: make_password('lètmein', 'seasalt', hasher='pbkdf2_sha256'))}))

# The same default world as the core's (three books to serialise), built by the reference.
call_command('migrate', verbosity=0)
from django.contrib.auth.models import User  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from policies import Applied  # noqa: E402
from world import build_default  # noqa: E402

build_default()
Applied(None)  # the default policies of api.md, as the core's default world has them
key = Token.objects.create(user=User.objects.get(username='carol')).key
client = Client()
with open(os.path.join(os.path.dirname(__file__), 'request_mix.json'), encoding='utf-8') as f:
    mix = json.load(f)


def send(entry):
    headers = {'HTTP_AUTHORIZATION': f'Token {key}'} if entry['auth'] else {}
    if 'json' in entry:
        return client.post(entry['path'], json.dumps(entry['json']), content_type='application/json', **headers)
    return client.generic(entry['method'], entry['path'], **headers)


for entry in mix:
    status = send(entry).status_code
    if status != entry['status']:
        sys.exit('%s %s answered %d, not %d' % (entry['method'], entry['path'], status, entry['status']))
rounds = 25
per_request = median_seconds(5, lambda: [send(entry) for _ in range(rounds) for entry in mix]) / (rounds * len(mix))
print(json.dumps({'measure': 'request', 'seconds': per_request}))
