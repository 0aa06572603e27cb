#!/usr/bin/python3
"""Turns lessons into scenario files, so the real Django stack (tests/reference) can say
whether every expectation a lesson teaches is what the stack really answers.

    /usr/bin/python3 tests/lessons/lesson_to_scenarios.py [--authlab AUTHLAB] OUT_DIR LESSON.json...
    /usr/bin/python3 tests/lessons/lesson_to_scenarios.py [--authlab AUTHLAB] --check LESSON.json...

A guided lesson's request and advance steps are scenario steps already. An admin step is not:
the reference runner cannot click in an admin. So the lesson is cut at each admin step, and
the change is folded into the setup of what follows (save_group into setup.groups,
create_user, edit_user and set_password into setup.users, set_policies into setup.policies).
Each later part first replays the earlier requests without their expectations, to get the
same captures, cookies and clock back; only the requests that change books and orders are
left out of the replay (they could go another way with the change already made). The admin
step's `check` becomes the last step of a part of its own, as the core tries it on a copy of
the world.

A challenge lesson is played by its steps' solutions. Its solution requests carry no
expectation, so each gets the status the core answered it: AUTHLAB (default
build/native/tools/authlab) plays the lesson with `lessons play FILE --progress OUT`, and the
evidence's request events hold those statuses, in order. A `sent` goal condition's expect is
added to the solution requests it matches (method, path, status). Solution admin actions are
folded as above. A solution's forge_jwt action is no request: the core signs its header and
payload with HS256 and the lesson world's own key, as the attack lab does once the key is
revealed. The real stack has another key (SECRET_KEY in tests/reference/refproject/settings.py),
so the converter signs the same header and payload (JSON as Python's json.dumps writes them, as
the core does) with PyJWT's HS256 and that key, and writes the token in place of ${name} in the
later requests of the step's solution. Each `check` goal condition becomes a part of its own
at the end of its step (the core tries it on a copy of the world); one with "as" first logs
that user in with the password the setup gives them (the default world's, api.md) and sends
the check with the credential "with" names (token: djoser's login, bearer: /api/token/,
session: Django's login form), without the earlier cookies, as the core's "send as"
credentials. `user` and `unchanged` conditions are about the world, not an answer: the core
alone checks them.

--check converts into a temporary directory and runs tests/reference/run_scenarios.py on the
result: exit 0 when the real stack meets every expectation of every lesson."""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

from jwt.algorithms import HMACAlgorithm
from jwt.utils import base64url_encode

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, '..', 'reference', 'run_scenarios.py')
sys.path.insert(0, os.path.join(HERE, '..', 'reference'))
from refproject.settings import SECRET_KEY  # noqa: E402  (the key the real stack signs and checks JWTs with)
DEFAULT_AUTHLAB = os.path.join(HERE, '..', '..', 'build', 'native', 'tools', 'authlab')
REPLAY_PATHS = ('/auth/', '/api-auth/', '/api/token/')
USER_KEYS = ('username', 'password', 'email', 'groups', 'permissions', 'is_active', 'is_staff', 'is_superuser')
CREDENTIAL = 'check_credential'  # the capture an "as" check's login makes


class CannotConvert(Exception):
    pass


def default_users():
    """The default world's users (api.md), as setup entries, by id."""
    users = {}
    for number, (name, group) in enumerate([('admin', None), ('mary', 'Manager'), ('eddie', 'Editor'),
                                            ('carol', 'Customer'), ('ivan', 'Customer')], 1):
        users[number] = {'username': name, 'password': name + '-pass-1', 'email': name + '@example.com',
                         'groups': [group] if group else [], 'is_active': name != 'ivan',
                         'is_staff': name == 'admin', 'is_superuser': name == 'admin'}
    return users


class Users:
    """Who exists, with the password the lesson gave them: for folding edits, and for logging
    a check's "as" user in."""

    def __init__(self, setup):
        self.by_id = default_users() if setup.get('world', 'default') == 'default' else {}
        for user in setup.get('users', []):
            self.put(dict(user))

    def put(self, spec):
        known = self.find(spec['username'])
        self.by_id[known if known is not None else max(self.by_id, default=0) + 1] = spec

    def find(self, username):
        return next((number for number, spec in self.by_id.items() if spec['username'] == username), None)

    def password(self, username, where):
        number = self.find(username)
        password = self.by_id[number].get('password') if number is not None else None
        if password is None:
            raise CannotConvert('%s: no password is known for %r, so a check "as" them cannot log in' % (where, username))
        return password


def replayable(step):
    """A request worth replaying: it captures, reads, or logs in and out."""
    if 'advance' in step:
        return True
    request = step['request']
    return bool(step.get('capture')) or request['method'] in ('GET', 'HEAD') or request['path'].startswith(REPLAY_PATHS)


def replay(step):
    return {'advance': step['advance']} if 'advance' in step else {'request': step['request'], 'capture': step.get('capture', {})}


def fold(setup, users, command, where):
    """The admin command as setup entries (scenarios.md's setup)."""
    op = command.get('op')
    if op == 'save_group':
        setup.setdefault('groups', []).append({'name': command['name'], 'permissions': command.get('permissions', [])})
    elif op == 'create_user':
        user = {key: command[key] for key in USER_KEYS if key in command}
        users.put(user)
        setup.setdefault('users', []).append(user)
    elif op in ('edit_user', 'set_password'):
        if command.get('id') not in users.by_id:
            raise CannotConvert('%s: %s of user id %r, which the lesson does not know' % (where, op, command.get('id')))
        user = dict(users.by_id[command['id']])
        changes = {'password': command.get('password')} if op == 'set_password' else command
        user.update({key: changes[key] for key in USER_KEYS if key in changes})
        users.by_id[command['id']] = user  # a setup entry replaces the user whole, keeping the id
        setup.setdefault('users', []).append(user)
    elif op == 'set_policies':
        setup['policies'] = dict(setup.get('policies') or {}, **command['policies'])
    else:
        raise CannotConvert('%s: the admin change %r has no setup form; convert it by hand' % (where, op))


def core_answers(filename, authlab):
    """{step index: [(request as sent, status)]}: what the core answered each solution request
    when it played the challenge lesson."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, 'progress.json')
        try:
            played = subprocess.run([authlab, 'lessons', 'play', filename, '--progress', out], capture_output=True, text=True)
        except OSError as e:
            raise CannotConvert('%s: cannot run %s (%s); build it, or give --authlab' % (filename, authlab, e)) from None
        if played.returncode != 0:
            raise CannotConvert('%s: `authlab lessons play` exited %d: %s' % (filename, played.returncode,
                                                                            (played.stdout + played.stderr).strip()))
        with open(out, encoding='utf-8') as f:
            events = json.load(f)['lessons'][0]['evidence']['events']
    answers = {}
    for event in events:  # each event names the step it happened in
        if 'request' in event:
            answers.setdefault(event['step'], []).append((event['request'], event['status']))
    return answers


def path_matches(pattern, path):
    """A sent condition's path: `*` is one segment, the query is not part of it."""
    want, got = pattern.split('/'), path.split('?')[0].split('/')
    return len(want) == len(got) and all(w == g or (w == '*' and g) for w, g in zip(want, got))


def sent_expect(goal, as_sent, status):
    """The expectations of the `sent` conditions this request (as the core sent it) meets."""
    expect = {'status': status}
    for condition in goal:
        pattern, wanted = condition.get('sent'), condition.get('expect')
        if pattern is None or not wanted or wanted.get('status', status) != status:
            continue
        same_method = pattern.get('method', as_sent['method']) == as_sent['method']
        if same_method and ('path' not in pattern or path_matches(pattern['path'], as_sent['path'])):
            expect.update(copy.deepcopy(wanted))
    return expect


def forged_jwt(forge):
    """A forge_jwt action's token, signed with the real stack's key: the header and payload
    bytes as the core makes them, then PyJWT's HS256 over them."""
    signing_input = b'.'.join(base64url_encode(json.dumps(forge[part]).encode()) for part in ('header', 'payload'))
    hs256 = HMACAlgorithm(HMACAlgorithm.SHA256)
    return (signing_input + b'.' + base64url_encode(hs256.sign(signing_input, hs256.prepare_key(SECRET_KEY)))).decode()


def put_tokens(value, tokens):
    """The value with each ${name} of a forged token replaced by the token."""
    if isinstance(value, str):
        for name, token in tokens.items():
            value = value.replace('${%s}' % name, token)
        return value
    if isinstance(value, dict):
        return {key: put_tokens(item, tokens) for key, item in value.items()}
    if isinstance(value, list):
        return [put_tokens(item, tokens) for item in value]
    return value


def challenge_steps(lesson, answers):
    """A challenge lesson as guided steps: each step's solution, then its goal's checks."""
    out = []
    for index, step in enumerate(lesson['steps']):
        where = '%s step %d' % (lesson['id'], index + 1)
        requests = [action for action in step['solution'] if 'request' in action]
        sent = answers.get(index, [])
        if len(sent) != len(requests):
            raise CannotConvert('%s: the solution sends %d requests, but the core\'s play recorded %d' % (where, len(requests), len(sent)))
        answered = iter(sent)
        tokens = {}  # forged this step: a solution's captures are its own
        for action in step['solution']:
            if 'forge_jwt' in action:
                tokens.update({name: forged_jwt(action['forge_jwt']) for name in action['capture']})
            elif 'request' in action:
                as_sent, status = next(answered)
                out.append({'request': put_tokens(action['request'], tokens), 'expect': sent_expect(step['goal'], as_sent, status),
                            'capture': action.get('capture', {})})
            else:
                out.append(dict(action))
        out += [{'goal_check': condition} for condition in step['goal'] if 'check' in condition]
    return out


def check_steps(condition, users, where):
    """A goal's check: its user's login (for "as"), then the check with its expectation."""
    request = copy.deepcopy(condition['check'])
    username = condition.get('as')
    if username is None:
        return [{'request': request, 'expect': condition['expect']}]
    credentials = {'username': username, 'password': users.password(username, where)}
    no_cookies = {'Cookie': ''}  # fresh credentials, as "send as" makes them: not the jar's
    mechanism = condition.get('with', 'token')
    if mechanism == 'session':
        login = [{'request': {'method': 'GET', 'path': '/api-auth/login/', 'headers': no_cookies}, 'expect': {'status': 200}},
                 {'request': {'method': 'POST', 'path': '/api-auth/login/', 'headers': {'Cookie': 'csrftoken=${cookie:csrftoken}'},
                              'form': dict(credentials, csrfmiddlewaretoken='${cookie:csrftoken}')},
                  'expect': {'status': 302}}]
    else:
        path, field, scheme = ('/auth/token/login/', 'auth_token', 'Token') if mechanism == 'token' else ('/api/token/', 'access', 'Bearer')
        login = [{'request': {'method': 'POST', 'path': path, 'headers': no_cookies, 'json': credentials},
                  'expect': {'status': 200}, 'capture': {CREDENTIAL: field}}]
        request['headers'] = dict(request.get('headers', {}), Authorization='%s ${%s}' % (scheme, CREDENTIAL), **no_cookies)
    return login + [{'request': request, 'expect': condition['expect']}]


def scenarios_of(lesson, answers=None):
    """[(name, scenario)] for one lesson; `answers` (core_answers) for a challenge."""
    steps = challenge_steps(lesson, answers or {}) if lesson.get('mode') == 'challenge' else lesson['steps']
    setup = copy.deepcopy(lesson.get('setup', {}))
    users = Users(setup)
    start = [{'advance': setup.pop('advance')}] if setup.get('advance') else []
    out = []
    history = []  # the steps so far, as they replay
    part = {'setup': copy.deepcopy(setup), 'steps': list(start)}
    replayed = []  # the start of `part` that only replays

    def close(current, prefix):
        if any('request' in step for step in current['steps'][len(prefix):]):
            name = '%s-part%d' % (lesson['id'], len(out) + 1)
            out.append((name, dict(name=name, description=lesson['title'], **current)))

    for index, step in enumerate(steps):
        where = '%s step %d' % (lesson['id'], index + 1)
        if 'request' in step:
            part['steps'].append({key: step[key] for key in ('request', 'expect', 'capture') if key in step})
            if replayable(step):
                history.append(replay(step))
        elif 'advance' in step:
            part['steps'].append({'advance': step['advance']})
            history.append(replay(step))
        elif 'goal_check' in step:  # tried on a copy: a part of its own, the lesson goes on
            now = list(start) + [replay(s) for s in history]
            close({'setup': copy.deepcopy(setup), 'steps': now + check_steps(step['goal_check'], users, where)}, now)
        else:
            close(part, replayed)
            fold(setup, users, step['admin'], where)
            replayed = list(start) + [replay(s) for s in history]
            if 'check' in step:
                close({'setup': copy.deepcopy(setup), 'steps': replayed + [{'request': step['check'], 'expect': step['expect']}]}, replayed)
            part = {'setup': copy.deepcopy(setup), 'steps': list(replayed)}
    close(part, replayed)
    return out


def convert(out_dir, files, authlab):
    written = []
    for filename in files:
        with open(filename, encoding='utf-8') as f:
            lesson = json.load(f)
        if isinstance(lesson, list):  # index.json, the catalog
            continue
        answers = core_answers(filename, authlab) if lesson.get('mode') == 'challenge' else None
        for name, scenario in scenarios_of(lesson, answers):
            path = os.path.join(out_dir, name + '.json')
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(scenario, f, indent=1, ensure_ascii=False)
            written.append(path)
    return written


def main(argv):
    parser = argparse.ArgumentParser(usage=__doc__.split('\n\n')[1])
    parser.add_argument('--authlab', default=DEFAULT_AUTHLAB)
    parser.add_argument('--check', action='store_true')
    parser.add_argument('paths', nargs='+')
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as out_dir:
            written = convert(out_dir, args.paths, args.authlab)
            return subprocess.run(['/usr/bin/python3', REFERENCE] + written).returncode
    if len(args.paths) < 2:
        sys.stderr.write(__doc__)
        return 2
    os.makedirs(args.paths[0], exist_ok=True)
    for path in convert(args.paths[0], args.paths[1:], args.authlab):
        print(path)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except CannotConvert as e:
        sys.stderr.write('lesson_to_scenarios: %s\n' % e)
        sys.exit(2)
