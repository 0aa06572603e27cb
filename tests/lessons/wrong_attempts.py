#!/usr/bin/python3
"""A plausible wrong attempt at a shipped challenge does not meet its goal.

    /usr/bin/python3 tests/lessons/wrong_attempts.py [--authlab AUTHLAB] [LESSONS_DIR]

For each attempt below, the challenge is copied with the attempt in place of one step's
solution (the steps before it keep theirs, the steps after it are left out), and
`authlab lessons check` must fail on exactly that step, once the attempt has been played:
exit 1 and a line naming the step that says what of the goal is still unmet.
LESSONS_DIR defaults to web/lessons, AUTHLAB to build/native/tools/authlab. Exit 0 when every
attempt is refused."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import jwt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..')

DEFAULT_POLICIES = {
    'authentication': ['TokenAuthentication', 'JWTAuthentication', 'SessionAuthentication', 'BasicAuthentication'],
    'books': {'permissions': ['DjangoModelPermissions']},
    'orders': {'permissions': ['IsAuthenticated', 'DjangoModelPermissions', 'IsOwner | IsAdminUser']},
    'manager_users': {'permissions': ['IsAuthenticated', 'IsInGroup:Manager']},
}


def policies(**changed):
    return {'admin': {'op': 'set_policies', 'policies': dict(DEFAULT_POLICIES, **changed)}}


def request(method, path, headers=None, body=None, capture=None):
    action = {'request': {'method': method, 'path': path}}
    if headers:
        action['request']['headers'] = headers
    if body is not None:
        action['request']['json'] = body
    if capture:
        action['capture'] = capture
    return action


def login(username, name, headers=None):
    return request('POST', '/auth/token/login/', headers, {'username': username, 'password': username + '-pass-1'}, {name: 'auth_token'})


def as_token(name):
    return {'Authorization': 'Token ${%s}' % name}


def as_bearer(token):
    return {'Authorization': 'Bearer ' + token}


# An access token's claims as simplejwt makes them, saying admin (user 1), good until 2100.
ADMIN_CLAIMS = {'token_type': 'access', 'exp': 4102444800, 'iat': 1704110400, 'jti': '0123456789abcdef0123456789abcdef', 'user_id': 1}
NO_COOKIES = {'Cookie': ''}  # the request without the jar's session (djoser's login would ask it for CSRF)
BOOK_PERMS = ['bookshop.view_book', 'bookshop.add_book', 'bookshop.change_book', 'bookshop.delete_book']
JWT_PAIR = request('POST', '/api/token/', body={'username': 'carol', 'password': 'carol-pass-1'},
                   capture={'access': 'access', 'refresh': 'refresh'})
SESSION_LOGIN = [request('GET', '/api-auth/login/'),
                 {'request': {'method': 'POST', 'path': '/api-auth/login/',
                              'form': {'username': 'carol', 'password': 'carol-pass-1', 'csrfmiddlewaretoken': '${cookie:csrftoken}'}}}]

# (lesson id, step index from 0, what the learner tried, the attempt as solution actions)
ATTEMPTS = [
    ('least-privilege-editor', 0, 'eddie made a superuser', [{'admin': {'op': 'edit_user', 'id': 3, 'is_superuser': True}}]),
    ('least-privilege-editor', 0, 'Editor given every book permission, delete included',
     [{'admin': {'op': 'save_group', 'name': 'Editor', 'permissions': BOOK_PERMS}}]),
    ('least-privilege-editor', 0, 'eddie made staff', [{'admin': {'op': 'edit_user', 'id': 3, 'is_staff': True}}]),
    ('manager-role', 0, 'the permissions given to mary alone',
     [{'admin': {'op': 'edit_user', 'id': 2, 'permissions': BOOK_PERMS}}]),
    ('manager-role', 0, 'mary and mona made superusers',
     [{'admin': {'op': 'edit_user', 'id': 2, 'is_superuser': True}}, {'admin': {'op': 'edit_user', 'id': 6, 'is_superuser': True}}]),
    ('customers-order', 0, 'add_order added, change_book kept',
     [{'admin': {'op': 'save_group', 'name': 'Customer',
                 'permissions': ['bookshop.view_book', 'bookshop.change_book', 'bookshop.add_order', 'bookshop.view_order']}}]),
    ('someone-elses-order', 0, 'carol reads her own order',
     [login('carol', 'carol'), request('POST', '/api/orders/', as_token('carol'), {'book': 1, 'quantity': 1}, {'order': 'id'}),
      request('GET', '/api/orders/${order}/', as_token('carol'))]),
    ('someone-elses-order', 1, 'orders closed to everybody but staff',
     [policies(orders={'permissions': ['IsAuthenticated', 'DjangoModelPermissions', 'IsAdminUser']}),
      login('dora', 'dora'), login('carol', 'carol'),
      request('GET', '/api/orders/1/', as_token('carol')), request('GET', '/api/orders/1/', as_token('dora'))]),
    ('anonymous-403', 0, 'every authenticator but SessionAuthentication removed',
     [policies(authentication=['SessionAuthentication'])]),
    ('anonymous-403', 0, 'the books opened to anyone', [policies(books={'permissions': ['AllowAny']})]),
    ('revoke-token', 1, 'a made-up token refused, the real one never logged out',
     [JWT_PAIR, request('GET', '/auth/users/me/', {'Authorization': 'Token 0123456789abcdef0123456789abcdef01234567'}),
      request('GET', '/auth/users/me/', {'Authorization': 'Bearer ${access}'})]),
    ('refresh-past-expiry', 0, 'back in with the password instead of the refresh token',
     [JWT_PAIR, {'advance': 300}, request('GET', '/auth/users/me/', {'Authorization': 'Bearer ${access}'}),
      request('POST', '/api/token/', body={'username': 'carol', 'password': 'carol-pass-1'}, capture={'again': 'access'}),
      request('GET', '/auth/users/me/', {'Authorization': 'Bearer ${again}'})]),
    ('throttle-guessing', 0, 'a throttle on the books only',
     [policies(books={'permissions': ['DjangoModelPermissions'], 'throttle': ['AnonRateThrottle:5/min']})]
     + [request('POST', '/api/token/', body={'username': 'carol', 'password': 'guess-%d' % n}) for n in range(1, 7)]),
    ('throttle-guessing', 0, 'carol locked out instead',
     [{'admin': {'op': 'edit_user', 'id': 4, 'is_active': False}}]
     + [request('POST', '/api/token/', body={'username': 'carol', 'password': 'guess-%d' % n}) for n in range(1, 7)]),
    ('csrf-session-post', 1, 'a made-up CSRF token',
     SESSION_LOGIN + [request('POST', '/api/orders/', {'X-CSRFToken': 'not-the-cookie'}, {'book': 1, 'quantity': 1})]),
    ('csrf-session-post', 1, 'the order placed with a DRF token instead of the session',
     [login('carol', 'carol', NO_COOKIES),
      request('POST', '/api/orders/', dict(as_token('carol'), **NO_COOKIES), {'book': 1, 'quantity': 1})]),
    ('lock-out-user', 0, 'carol deleted', [{'admin': {'op': 'delete_user', 'id': 4}}]),
    ('lock-out-user', 0, 'carol\'s password made unusable', [{'admin': {'op': 'set_password', 'id': 4, 'password': None}}]),
    ('forged-jwt', 0, 'admin\'s token signed with a guessed key',
     [request('GET', '/auth/users/me/', as_bearer(jwt.encode(ADMIN_CLAIMS, 'secret', algorithm='HS256')))]),
    ('forged-jwt', 0, 'admin\'s token with "alg": "none" and no signature',
     [request('GET', '/auth/users/me/', as_bearer(jwt.encode(ADMIN_CLAIMS, None, algorithm='none')))]),
    ('forged-jwt', 0, 'admin\'s own JWT from /api/token/, not one the learner signed',
     [{'request': {'method': 'POST', 'path': '/api/token/', 'json': {'username': 'admin', 'password': 'admin-pass-1'}}, 'capture': {'tok': 'access'}},
      request('GET', '/auth/users/me/', {'Authorization': 'Bearer ${tok}'})]),
    ('forged-jwt', 1, 'the token signed with the key sent again',
     [{'forge_jwt': {'header': {'alg': 'HS256', 'typ': 'JWT'}, 'payload': ADMIN_CLAIMS}, 'capture': {'tok': 'token'}},
      request('GET', '/auth/users/me/', {'Authorization': 'Bearer ${tok}'})]),
    ('forged-jwt', 1, 'the token sent with the keyword Token',
     [request('GET', '/auth/users/me/', {'Authorization': 'Token eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoxfQ.'})]),
]


def attempt_file(lessons_dir, lesson_id, index, actions, scratch):
    with open(os.path.join(lessons_dir, lesson_id + '.json'), encoding='utf-8') as f:
        lesson = json.load(f)
    lesson['steps'] = lesson['steps'][:index + 1]
    lesson['steps'][index]['solution'] = actions
    path = os.path.join(scratch, lesson_id + '.json')
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(lesson, f, ensure_ascii=False)
    return path, lesson['steps'][index]['title']


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--authlab', default=os.path.join(ROOT, 'build', 'native', 'tools', 'authlab'))
    parser.add_argument('lessons_dir', nargs='?', default=os.path.join(ROOT, 'web', 'lessons'))
    args = parser.parse_args(argv)
    failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for lesson_id, index, what, actions in ATTEMPTS:
            path, title = attempt_file(args.lessons_dir, lesson_id, index, actions, scratch)
            checked = subprocess.run([args.authlab, 'lessons', 'check', path], capture_output=True, text=True)
            named = 'lesson %s, step %d "%s": after the solution: ' % (lesson_id, index + 1, title)
            lines = [line for line in checked.stdout.splitlines() if line.startswith(named)]
            refused = checked.returncode == 1 and lines
            print('%s  %s, step %d: %s%s' % ('refused' if refused else 'FAIL   ', lesson_id, index + 1, what,
                                            ' (%s)' % lines[0][len(named):] if lines else ''))
            if not refused:
                failed += 1
                sys.stdout.write(checked.stdout + checked.stderr)
    print('%d attempts refused, %d met the goal or did not run' % (len(ATTEMPTS) - failed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
