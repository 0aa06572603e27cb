#!/usr/bin/python3
"""The round trip: a lab world → its Django fixture and code (tools/authlab export) → the real
stack (tests/reference/run_exported.py loads both) → the same scenarios through the core on
that world (authlab run --world) and through Django, compared step by step (compare.py).

    /usr/bin/python3 tests/conformance/roundtrip.py --authlab build/native/tools/authlab WORLD_CASE
    WORLD_CASE: default | admin | random:SEED | dumpdata

default  the default world, replayed with the shared scenarios and the generated ones
admin    a world changed by the page's admin commands (roundtrip/admin-commands.json: a new
         group, users moved, composed policies, throttles global and per view, cheaper hashes)
         plus users imported from a
         fixture with other hashers' hashes (PBKDF2-SHA1 too) and tokens (roundtrip/legacy-users.json)
random   a world from random admin commands, throttles included (a seed, so a failure replays)
dumpdata the real project's `dumpdata` (natural keys, then numeric ids with contenttypes)
         imported into the core: every group, user, password, token and permission intact;
         then the imported world replayed against Django loaded with that very dump

Scenarios are generated from the world: every user logs in every way (Basic, djoser token,
JWT, a stored DRF token) and reads and writes each policy's views; where the world throttles,
bursts of requests on every view run into the 429s and the clock moves on by Retry-After."""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

from random_scenarios import GLOBAL_RATES, THROTTLES, throttles  # the conformance run's throttle entries

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = '/usr/bin/python3'
SHARED = os.path.join(os.path.dirname(ROOT), 'shared', 'scenarios')
DEFAULT_PASSWORDS = {'admin': 'admin-pass-1', 'mary': 'mary-pass-1', 'eddie': 'eddie-pass-1',
                     'carol': 'carol-pass-1', 'ivan': 'ivan-pass-1'}
LEGACY_PASSWORD = 'legacy-pass-1'


def run(argv, **kwargs):
    done = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit('%s failed (%d):\n%s%s' % (' '.join(argv), done.returncode, done.stdout[-2000:], done.stderr[-4000:]))
    return done.stdout


# --- scenarios from a world -------------------------------------------------------------

def basic(username, password):
    import base64
    return 'Basic ' + base64.b64encode(('%s:%s' % (username, password)).encode()).decode()


TOKEN_LOGIN, JWT_LOGIN = 6, 7  # step indexes in user_scenario


def user_scenario(username, password):
    """One user through every way in, against each policy's views."""
    auth = {'Authorization': basic(username, password)}
    book = {'title': 'Emma', 'author': 'Jane Austen', 'price': '4.50', 'inventory': 2}
    credentials = {'username': username, 'password': password}
    steps = [
        {'request': {'method': 'GET', 'path': '/api/books/', 'headers': auth}},
        {'request': {'method': 'POST', 'path': '/api/books/', 'headers': auth, 'json': book}},
        {'request': {'method': 'GET', 'path': '/api/orders/', 'headers': auth}},
        {'request': {'method': 'POST', 'path': '/api/orders/', 'headers': auth, 'json': {'book': 1, 'quantity': 1}}},
        {'request': {'method': 'GET', 'path': '/api/groups/manager/users/', 'headers': auth}},
        {'request': {'method': 'DELETE', 'path': '/api/books/2/', 'headers': auth}},
        {'request': {'method': 'POST', 'path': '/auth/token/login/', 'json': credentials}},
        {'request': {'method': 'POST', 'path': '/api/token/', 'json': credentials}},
    ]
    return {'name': 'roundtrip-%s' % username, 'setup': {}, 'steps': steps}


def logged_in_scenario(username, password, token, jwt):
    """What a user who could log in does with the token or JWT they got."""
    credentials = {'username': username, 'password': password}
    steps = []
    if token:
        steps += [
            {'request': {'method': 'POST', 'path': '/auth/token/login/', 'json': credentials}, 'capture': {'tok': 'auth_token'}},
            {'request': {'method': 'GET', 'path': '/api/books/1/', 'headers': {'Authorization': 'Token ${tok}'}}},
            {'request': {'method': 'POST', 'path': '/api/orders/', 'headers': {'Authorization': 'Token ${tok}'},
                         'json': {'book': 2, 'quantity': 1}}},
            {'request': {'method': 'GET', 'path': '/auth/users/me/', 'headers': {'Authorization': 'Token ${tok}'}}},
        ]
    if jwt:
        steps += [
            {'request': {'method': 'POST', 'path': '/api/token/', 'json': credentials}, 'capture': {'jwt': 'access'}},
            {'request': {'method': 'PATCH', 'path': '/api/books/1/', 'headers': {'Authorization': 'Bearer ${jwt}'},
                         'json': {'inventory': 7}}},
            {'request': {'method': 'GET', 'path': '/api/orders/', 'headers': {'Authorization': 'Bearer ${jwt}'}}},
            {'request': {'method': 'POST', 'path': '/api/groups/manager/users/', 'headers': {'Authorization': 'Bearer ${jwt}'},
                         'json': {'username': 'carol'}}},
        ]
    return {'name': 'roundtrip-%s-logged-in' % username, 'setup': {}, 'steps': steps}


# --- throttles: bursts into the 429s, then the wait the answer asked for -----------------

BURST_PATHS = ['/api/books/', '/api/orders/', '/api/groups/manager/users/', '/auth/users/me/']
MAX_BURST = 12


def throttle_entries(policies):
    entries = list(policies.get('throttle', []))
    for key, entry in policies.items():
        if isinstance(entry, dict):
            entries += entry.get('throttle') or []
    return entries


def burst_size(policies):
    """One request more than the largest rate allows (bounded), or 0 when nothing throttles."""
    counts = [int(entry.split(':', 1)[1].split('/')[0]) for entry in throttle_entries(policies)]
    return min(max(counts) + 1, MAX_BURST) if counts else 0


def burst_scenario(world, passwords):
    """Each view, anonymously and with a credential, more often than its throttles allow."""
    size = burst_size(world['policies'])
    if not size:
        return None
    identities = [{}]
    active = {u['id'] for u in world['users'] if u['is_active']}
    tokens = [t['key'] for t in world['tokens'] if t['user'] in active]
    if tokens:  # a stored DRF token of an active user: no password hashing in the burst
        identities.append({'Authorization': 'Token ' + tokens[0]})
    else:
        user = world['users'][0]['username']
        identities.append({'Authorization': basic(user, passwords.get(user, 'not-the-password'))})
    steps = [{'request': {'method': 'GET', 'path': path, 'headers': headers}}
             for headers in identities for path in BURST_PATHS for _ in range(size)]
    return {'name': 'roundtrip-throttle-bursts', 'setup': {}, 'steps': steps}


def waited_scenario(burst, answers):
    """The burst, then for its first 429: the clock moved to a second before Retry-After (still
    refused), then to it (let through, unless another throttle's history still refuses)."""
    for step, answer in zip(burst['steps'], answers):
        if answer and answer['status'] == 429 and answer['headers'].get('retry-after', '').isdigit():
            wait = int(answer['headers']['retry-after'])
            again = {'request': step['request']}
            steps = burst['steps'] + [{'advance': wait - 1}, again, {'advance': 1}, again, again]
            return {'name': 'roundtrip-throttle-waits', 'setup': {}, 'steps': steps}
    return None


def throttle_scenarios(authlab, directory, world_path, world, passwords):
    burst = burst_scenario(world, passwords)
    if not burst:
        return []
    paths = [write(directory, 'throttle-burst.json', json.dumps(burst))]
    answers = json.loads(run([authlab, 'run', '--json', '--world', world_path, paths[0]]))
    refused = sum(1 for a in answers if a and a['status'] == 429)
    print('throttle bursts: %d requests, %d answered 429 by the core' % (len(answers), refused))
    waited = waited_scenario(burst, answers)
    if waited:
        paths.append(write(directory, 'throttle-waits.json', json.dumps(waited)))
    return paths


def world_scenarios(world, passwords):
    scenarios = []
    for user in world['users']:
        password = passwords.get(user['username'], 'not-the-password')
        scenarios.append(user_scenario(user['username'], password))
    steps = [{'request': {'method': method, 'path': path}} for method, path in
             [('GET', '/api/books/'), ('GET', '/api/orders/'), ('GET', '/api/groups/manager/users/')]]
    for token in world['tokens']:  # stored DRF tokens still open the doors
        for path in ('/api/books/', '/api/orders/', '/auth/users/me/'):
            steps.append({'request': {'method': 'GET', 'path': path, 'headers': {'Authorization': 'Token ' + token['key']}}})
    scenarios.append({'name': 'roundtrip-anonymous-and-tokens', 'setup': {}, 'steps': steps})
    return scenarios


# --- a random world ----------------------------------------------------------------------

PERMISSIONS = ['bookshop.%s_%s' % (a, m) for m in ('book', 'order') for a in ('add', 'change', 'delete', 'view')]
CLASSES = ['AllowAny', 'IsAuthenticated', 'IsAdminUser', 'IsAuthenticatedOrReadOnly',
           'DjangoModelPermissions', 'DjangoModelPermissionsOrAnonReadOnly']
AUTHENTICATION = ['TokenAuthentication', 'JWTAuthentication', 'SessionAuthentication', 'BasicAuthentication']


def random_expression(rng, groups, depth=0):
    roll = rng.random()
    if depth > 2 or roll < 0.4:
        return 'IsInGroup:' + rng.choice(groups) if rng.random() < 0.3 else rng.choice(CLASSES)
    if roll < 0.55:
        return '~' + random_expression(rng, groups, depth + 1)
    op = rng.choice(['&', '|'])
    return '(%s %s %s)' % (random_expression(rng, groups, depth + 1), op, random_expression(rng, groups, depth + 1))


def add_throttles(rng, policies):
    """A global throttle list (never empty: the round trip is to carry throttles) and some views'
    own, drawn from their own generator so the rest of a seed's world stays."""
    policies['throttle'] = throttles(rng, GLOBAL_RATES) or ['%s:%s' % (rng.choice(THROTTLES), rng.choice(GLOBAL_RATES))]
    for view in ('books', 'orders', 'manager_users'):
        if rng.random() < 0.5:
            policies[view]['throttle'] = throttles(rng)


def random_world_commands(seed):
    """Admin commands building a random world, and the passwords of its users."""
    rng = random.Random(seed)
    commands = [{'op': 'set_password_cost', 'preset': 'owasp_minimum'}]
    groups = ['Manager', 'Editor', 'Customer'] + ['Team%d' % i for i in range(rng.randint(1, 3))]
    for name in groups:
        commands.append({'op': 'save_group', 'name': name, 'permissions': rng.sample(PERMISSIONS, rng.randint(0, 5))})
    passwords = dict(DEFAULT_PASSWORDS)
    for i in range(rng.randint(2, 4)):
        name = 'user%d' % i
        passwords[name] = '%s-pass-%d' % (name, rng.randint(1, 99))
        commands.append({'op': 'create_user', 'username': name, 'password': passwords[name],
                         'is_active': rng.random() < 0.85, 'is_staff': rng.random() < 0.3,
                         'is_superuser': rng.random() < 0.15, 'groups': rng.sample(groups, rng.randint(0, 2)),
                         'permissions': rng.sample(PERMISSIONS, rng.randint(0, 3))})
    for user_id in rng.sample(range(2, 6), 2):  # default users moved between groups
        commands.append({'op': 'edit_user', 'id': user_id, 'groups': rng.sample(groups, rng.randint(0, 2))})
    policies = {'authentication': rng.sample(AUTHENTICATION, rng.randint(2, 4))}
    for view in ('books', 'orders', 'manager_users'):
        entry = {'permissions': [random_expression(rng, groups) for _ in range(rng.randint(1, 2))]}
        if rng.random() < 0.3:
            entry['authentication'] = rng.sample(AUTHENTICATION, rng.randint(1, 3))
        policies[view] = entry
    add_throttles(random.Random('throttle-%d' % seed), policies)
    commands.append({'op': 'set_policies', 'policies': policies})
    return commands, passwords


# --- the cases ------------------------------------------------------------------------------

def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return path


def compare(authlab, directory, world_path, fixture_path, code_path, scenario_paths):
    reference = '%s %s --fixture %s --code %s' % (PYTHON, os.path.join(ROOT, 'tests', 'reference', 'run_exported.py'),
                                                   fixture_path, code_path)
    core = '%s run --world %s' % (authlab, world_path)
    done = subprocess.run([PYTHON, os.path.join(HERE, 'compare.py'), '--reference', reference, '--core', core]
                          + scenario_paths, text=True)
    return done.returncode


def round_trip(authlab, directory, world_text, passwords, extra_scenarios=()):
    world_path = write(directory, 'world.json', world_text)
    world = json.loads(world_text)
    fixture_path = write(directory, 'fixture.json', run([authlab, 'export', 'fixture', world_path]))
    code_path = write(directory, 'code.py', run([authlab, 'export', 'code', world_path]))
    paths = list(extra_scenarios)
    scenarios = world_scenarios(world, passwords)
    paths += [write(directory, 'scenario-%02d.json' % i, json.dumps(s)) for i, s in enumerate(scenarios)]
    paths += follow_ups(authlab, directory, world_path, world, passwords, paths[len(extra_scenarios):])
    paths += throttle_scenarios(authlab, directory, world_path, world, passwords)
    print('round trip: %d users, %d groups, %d tokens; %d scenario files' % (
        len(world['users']), len(world['groups']), len(world['tokens']), len(paths)))
    return compare(authlab, directory, world_path, fixture_path, code_path, paths)


def follow_ups(authlab, directory, world_path, world, passwords, user_paths):
    """Scenarios using the tokens of the users who can log in (asked of the core: a login that
    fails in one runner fails in the other too, and that is compared in the users' scenarios)."""
    answers = run([authlab, 'run', '--json', '--world', world_path] + user_paths).splitlines()
    paths = []
    for user, line in zip(world['users'], answers):
        steps = json.loads(line)
        token, jwt = steps[TOKEN_LOGIN]['status'] == 200, steps[JWT_LOGIN]['status'] == 200
        if token or jwt:
            name = user['username']
            scenario = logged_in_scenario(name, passwords.get(name, 'not-the-password'), token, jwt)
            paths.append(write(directory, 'logged-in-%d.json' % user['id'], json.dumps(scenario)))
    return paths


def legacy_passwords(world_text):
    users = json.loads(world_text)['users']
    return {u['username']: LEGACY_PASSWORD for u in users}


def dumpdata_case(authlab, directory):
    """Real Django's dumpdata into the core: everything intact, then the same answers."""
    failures = []
    for mode in ('natural', 'ids'):
        dump_text = run([PYTHON, os.path.join(ROOT, 'tests', 'reference', 'dump_fixture.py'), mode])
        dump_path = write(directory, 'dump-%s.json' % mode, dump_text)
        empty = write(directory, 'empty-world.json', run([authlab, 'world', '--admin',
                                                         write(directory, 'reset.json', '[{"op": "reset", "world": "empty"}]')]))
        done = subprocess.run([authlab, 'import', 'fixture', dump_path, empty], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit('import of the %s dump failed: %s' % (mode, done.stderr))
        print('import report (%s):\n  %s' % (mode, done.stderr.strip().replace('\n', '\n  ')))
        failures += intact(json.loads(dump_text), json.loads(done.stdout), mode)
        if mode == 'natural':
            world_path = write(directory, 'imported.json', done.stdout)
            passwords = dict(DEFAULT_PASSWORDS, **{u: LEGACY_PASSWORD for u in ('pat', 'pbs', 'mo', 'sha', 'umo')})
            paths = [write(directory, 'scenario-%02d.json' % i, json.dumps(s))
                     for i, s in enumerate(world_scenarios(json.loads(done.stdout), passwords))]
            code_path = write(directory, 'code.py', run([authlab, 'export', 'code', world_path]))
            if compare(authlab, directory, world_path, dump_path, code_path, paths) != 0:
                failures.append('the imported world answers differently from Django loaded with the dump')
    for failure in failures:
        print('FAIL', failure)
    return 1 if failures else 0


def intact(dump, world, mode):
    """Every group, user (flags, password, groups, permissions) and token of the dump, in the world."""
    content_types = {r['pk']: (r['fields']['app_label'], r['fields']['model'])
                     for r in dump if r['model'] == 'contenttypes.contenttype'}
    perms = {}
    for r in dump:
        if r['model'] == 'auth.permission':
            app, _ = content_types[r['fields']['content_type']]
            perms[r['pk']] = '%s.%s' % (app, r['fields']['codename'])
    group_names = {r['pk']: r['fields']['name'] for r in dump if r['model'] == 'auth.group' and 'pk' in r}
    usernames = {r['pk']: r['fields']['username'] for r in dump if r['model'] == 'auth.user' and 'pk' in r}

    def perm(ref):
        return '%s.%s' % (ref[1], ref[0]) if isinstance(ref, list) else perms[ref]

    def name(ref, names):
        return ref[0] if isinstance(ref, list) else names[ref]

    failures = []
    groups = {g['name']: g for g in world['groups']}
    users = {u['username']: u for u in world['users']}
    for r in dump:
        f = r['fields']
        if r['model'] == 'auth.group':
            got = groups.get(f['name'])
            want = sorted(perm(p) for p in f['permissions'])
            if not got or sorted(got['permissions']) != want:
                failures.append('%s: group %s: %s, expected permissions %s' % (mode, f['name'], got, want))
        elif r['model'] == 'auth.user':
            got = users.get(f['username'])
            want = {'password': f['password'], 'email': f['email'], 'is_active': f['is_active'],
                    'is_staff': f['is_staff'], 'is_superuser': f['is_superuser'],
                    'groups': sorted(name(g, group_names) for g in f['groups']),
                    'permissions': sorted(perm(p) for p in f['user_permissions'])}
            have = got and {k: sorted(got[k]) if k in ('groups', 'permissions') else got[k] for k in want}
            if have != want:
                failures.append('%s: user %s: %s, expected %s' % (mode, f['username'], have, want))
        elif r['model'] == 'authtoken.token':
            owner = name(f['user'], usernames)
            match = [t for t in world['tokens'] if t['key'] == r['pk']]
            if len(match) != 1 or users[owner]['id'] != match[0]['user']:
                failures.append('%s: token %s of %s is not in the world' % (mode, r['pk'], owner))
    counted = sum(1 for r in dump if r['model'] in ('auth.group', 'auth.user', 'authtoken.token'))
    print('%s: %d groups, users and tokens checked, %d problems' % (mode, counted, len(failures)))
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--authlab', required=True, help='the native CLI')
    parser.add_argument('case', help='default | admin | random:SEED | dumpdata')
    parser.add_argument('--keep', help='write the files here instead of a temporary directory')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix='authlab-roundtrip-') as scratch:
        directory = args.keep or scratch
        os.makedirs(directory, exist_ok=True)
        authlab = os.path.abspath(args.authlab)
        if args.case == 'default':
            shared = sorted(os.path.join(SHARED, f) for f in os.listdir(SHARED)) if os.path.isdir(SHARED) else []
            return round_trip(authlab, directory, run([authlab, 'world']), DEFAULT_PASSWORDS, shared)
        if args.case == 'admin':
            changed = write(directory, 'changed.json', run([authlab, 'world', '--admin',
                                                            os.path.join(HERE, 'roundtrip', 'admin-commands.json')]))
            world_text = run([authlab, 'import', 'fixture', os.path.join(HERE, 'roundtrip', 'legacy-users.json'), changed])
            passwords = dict(DEFAULT_PASSWORDS, olga='olga-pass-1', stan='stan-pass-1', dora='dora-pass-1',
                             **{u: LEGACY_PASSWORD for u in ('pat', 'mo', 'umo', 'bea', 'shay', 'blank')})
            return round_trip(authlab, directory, world_text, passwords)
        if args.case.startswith('random:'):
            commands, passwords = random_world_commands(int(args.case.split(':', 1)[1]))
            path = write(directory, 'commands.json', json.dumps(commands, indent=1))
            print('random world commands:', json.dumps(commands)[:3000])
            return round_trip(authlab, directory, run([authlab, 'world', '--admin', path]), passwords)
        if args.case == 'dumpdata':
            return dumpdata_case(authlab, directory)
        parser.error('unknown case %r' % args.case)


if __name__ == '__main__':
    sys.exit(main())
