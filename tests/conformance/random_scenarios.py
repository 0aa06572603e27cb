#!/usr/bin/env python3
"""Random scenarios for the differential test: what nobody thought to write by hand.

    random_scenarios.py SEED COUNT DIR

writes COUNT scenario files (scenarios.md format, no expectations: compare.py judges them
against the real stack) into DIR. The same seed always writes the same files, so a
disagreement can be replayed. Each scenario starts from the default world with random
policies (composed permission expressions, authentication lists, throttles, group permissions), logs
some users in by each mechanism, then sends random requests with random credentials and
bodies, sometimes moving the clock. Some users place orders first, so that the order detail
route has other users' orders to refuse (IsOwner); djoser's user routes, token verify and the
session logout are among the targets. Some bodies name a charset (sent in it when its bytes are
UTF-8's too, else mislabelled) and hold text outside ASCII; some headers hold text past ASCII
and past ISO-8859-1. Now and then a path loses its trailing slash, and the
APPEND_SLASH redirect's Location must escape the query string (and id) drawn with it.
"""
import base64
import json
import os
import random
import sys
from urllib.parse import urlencode

USERS = ['admin', 'mary', 'eddie', 'carol', 'ivan']  # ivan is inactive
AUTHENTICATORS = ['TokenAuthentication', 'JWTAuthentication', 'SessionAuthentication', 'BasicAuthentication']
PERMISSION_CLASSES = ['AllowAny', 'IsAuthenticated', 'IsAdminUser', 'IsAuthenticatedOrReadOnly',
                      'DjangoModelPermissions', 'DjangoModelPermissionsOrAnonReadOnly',
                      'IsInGroup:Manager', 'IsInGroup:Editor', 'IsInGroup:Customer', 'IsOwner']
PERMISSIONS = [f'bookshop.{action}_{model}' for action in ('add', 'change', 'delete', 'view') for model in ('book', 'order')]
THROTTLES = ['AnonRateThrottle', 'UserRateThrottle']
RATES = ['1/s', '2/min', '3/min', '4/hour', '2/day', '0/min', '5/m']
FORWARDED_FOR = ['10.0.0.1', '10.0.0.1, 10.0.0.2', '10.0.0.1,10.0.0.2', '2', ' ', '']
# Drawn from their own generator (text_rng), so the rest of a seed's scenario stays as it was.
CHARSETS = ['utf-8', 'UTF8', 'latin-1', 'L1', 'ISO-8859-1', 'ascii', 'US-ASCII', 'windows-1252', 'cp1252', 'utf-8-sig',
            'utf-16', 'UTF-16LE', 'utf-16-be', 'utf-32', 'utf-32-le', 'klingon', '"utf-8"']
TEXTS = ['\u00c9mile', '\u00c6r\u00f8 \u2013 \u20ac5', '\u65e5\u672c', '\u00a0Emma\u00a0', '\u0100', 'caf\u00e9@example.com']
TEXT_HEADERS = {
    'Authorization': ['Token \u00e9', 'Token \u0100', 'Token\u00a0abc', 'Bearer \u00e9', 'Basic \u00e9', 'token \u00ff\u00ff'],
    'X-Forwarded-For': ['\u00a0127.0.0.1', '10.0.0.1\u3000', '10.0.0.\u0661', '\u00a0'],
    'Accept': ['application/json\u00a0', '\u3000*/*', 'application/json; indent=\u0664', 'application/j\u00e9son', '*/*;q=\u00e9'],
}
# What the APPEND_SLASH redirect's Location escapes: query values iri_to_uri quotes or keeps,
# and path ids that are not UTF-8 once decoded (escape_uri_path re-escapes their %).
SLASH_QUERIES = ['{"title":"Dracula"}', 'a|b<c>^`\\', 'caf\u00e9', '\u4e2d', 'a b', '%FF', '%41', '"q"', '[1]',
                 "~!$&'()*+,;=:@/?", '']
SLASH_IDS = ['%FF', 'caf%C3%A9', '%ED%A0%80', '1%2541', 'a%20b']
BAD_AUTHORIZATION = ['Token abc', 'Token', 'Token a b', 'Bearer x.y.z', 'Bearer', 'Basic !!',
                     'Basic ' + base64.b64encode(b'no-colon').decode()]


def password(user):
    return f'{user}-pass-1'


def expression(rng, depth=0):
    roll = rng.random()
    if depth > 2 or roll < 0.5:
        return rng.choice(PERMISSION_CLASSES)
    if roll < 0.65:
        return '~' + expression(rng, depth + 1)
    text = expression(rng, depth + 1) + rng.choice([' & ', ' | ']) + expression(rng, depth + 1)
    return f'({text})' if rng.random() < 0.5 else text


def authenticators(rng):
    return rng.sample(AUTHENTICATORS, rng.randint(0, len(AUTHENTICATORS)))


def throttles(rng, rates=RATES):
    return [f'{rng.choice(THROTTLES)}:{rng.choice(rates)}' for _ in range(rng.randint(0, 2))]


# The global list also throttles the login views: it lets the (at most two) logins through, so
# the captures later steps use exist.
GLOBAL_RATES = [rate for rate in RATES if rate not in ('1/s', '0/min')]


def add_throttles(rng, chosen):
    """Throttle lists, drawn from their own generator so the rest of a seed's scenario stays."""
    if rng.random() < 0.5:
        chosen['throttle'] = throttles(rng, GLOBAL_RATES)
    for view in ('books', 'orders', 'manager_users'):
        if rng.random() < 0.2:
            chosen.setdefault(view, {'permissions': ['AllowAny']})['throttle'] = throttles(rng)
    return chosen


def policies(rng):
    chosen = {}
    if rng.random() < 0.3:
        chosen['authentication'] = authenticators(rng)
    for view in ('books', 'orders', 'manager_users'):
        if rng.random() < 0.5:
            chosen[view] = {'permissions': [expression(rng) for _ in range(rng.randint(0, 2))]}
            if rng.random() < 0.3:
                chosen[view]['authentication'] = authenticators(rng)
    return chosen


def book_body(rng):
    candidates = {
        'title': rng.choice(['Emma', '', ' Emma ', 'A' * 256, None, 5]),
        'author': rng.choice(['Jane Austen', 'B', None]),
        'price': rng.choice(['4.50', '-1', '1e3', 3, '12345.67', 'abc', '0.1']),
        'inventory': rng.choice([1, -1, 40000, '3', None, 2.0]),
    }
    return {key: value for key, value in candidates.items() if rng.random() < 0.85}


def authorization(rng, held):
    roll = rng.random()
    if roll < 0.12:
        return None
    if roll < 0.35 and 'tok' in held:
        return 'Token ${tok}'
    if roll < 0.55 and 'access' in held:
        return 'Bearer ${access}'
    if roll < 0.6 and 'refresh' in held:
        return 'Bearer ${refresh}'  # the wrong token type
    if roll < 0.75:
        user = rng.choice(USERS)
        secret = password(user) if rng.random() < 0.8 else 'wrong'
        return 'Basic ' + base64.b64encode(f'{user}:{secret}'.encode()).decode()
    return rng.choice(BAD_AUTHORIZATION)


def order_body(rng):
    candidates = {'book': rng.choice([1, 2, 9, '1', None]), 'quantity': rng.choice([1, 0, 5, 'x'])}
    return {key: value for key, value in candidates.items() if rng.random() < 0.85}


def user_body(rng, method):
    """A body for djoser's user routes: an email to write, or the password DELETE needs."""
    if method == 'DELETE':
        user = rng.choice(USERS)
        return {'current_password': rng.choice([password(user), 'wrong', ''])} if rng.random() < 0.8 else {}
    return {'email': rng.choice(['new@example.com', 'not-an-email', '', None])} if rng.random() < 0.8 else {}


def target(rng, held):
    """A method, a path and maybe a body."""
    roll = rng.random()
    if roll < 0.2:
        method = rng.choice(['GET', 'GET', 'POST', 'HEAD'])
        return method, '/api/books/', book_body(rng) if method == 'POST' else None
    if roll < 0.32:
        method = rng.choice(['GET', 'PUT', 'PATCH', 'DELETE', 'POST'])
        return method, f'/api/books/{rng.choice([1, 2, 3, 9, "x"])}/', book_body(rng) if method in ('PUT', 'PATCH', 'POST') else None
    if roll < 0.42:
        method = rng.choice(['GET', 'POST'])
        return method, '/api/orders/', order_body(rng) if method == 'POST' else None
    if roll < 0.56:
        method = rng.choice(['GET', 'GET', 'PUT', 'PATCH', 'DELETE'])
        return method, f'/api/orders/{rng.choice([1, 1, 2, 3, "x"])}/', order_body(rng) if method in ('PUT', 'PATCH') else None
    if roll < 0.63:
        method = rng.choice(['GET', 'POST'])
        return method, '/api/groups/manager/users/', {'username': rng.choice(USERS + ['nobody'])} if method == 'POST' else None
    if roll < 0.66:
        return 'DELETE', f'/api/groups/manager/users/{rng.randint(1, 6)}/', None
    if roll < 0.7:
        return 'GET', '/auth/users/', None
    if roll < 0.79:
        method = rng.choice(['GET', 'GET', 'PUT', 'PATCH', 'DELETE'])
        who = rng.choice(['me', 1, 2, 3, 4, 5, 9, 'x'])
        return method, f'/auth/users/{who}/', user_body(rng, method) if method != 'GET' else None
    if roll < 0.82:
        user = rng.choice(USERS)
        body = {'new_password': rng.choice(['changed-1', '']), 'current_password': rng.choice([password(user), 'wrong'])}
        return 'POST', '/auth/users/set_password/', body
    if roll < 0.84:
        user = rng.choice(USERS)
        body = {'new_username': rng.choice(['renamed', 'carol', 'bad name!']), 'current_password': rng.choice([password(user), 'wrong'])}
        return 'POST', '/auth/users/set_username/', body
    if roll < 0.87:
        return 'POST', '/api/token/verify/', {'token': rng.choice(['${access}' if 'access' in held else 'x', '${refresh}' if 'refresh' in held else 'x.y.z', ''])}
    if roll < 0.9:
        return rng.choice(['GET', 'POST']), rng.choice(['/api-auth/logout/', '/api-auth/logout/?next=/api/books/', '/api-auth/logout/?next=//evil.example/']), None
    if roll < 0.93:
        return 'POST', '/auth/token/logout/', None
    if roll < 0.97:
        user = rng.choice(USERS)
        return 'POST', '/auth/token/login/', {'username': user, 'password': rng.choice([password(user), 'wrong'])}
    return 'POST', '/api/token/refresh/', {'refresh': '${refresh}' if 'refresh' in held else 'x'}


def unslashed(slash_rng, path):
    """Now and then the path without its trailing slash, which APPEND_SLASH redirects, with a
    query string (and a detail route's id) that the Location must escape."""
    if '?' in path or slash_rng.random() >= 0.12:
        return path
    path = path[:-1]
    head, last = path.rsplit('/', 1)
    if (last.isdigit() or last == 'x') and slash_rng.random() < 0.7:
        path = head + '/' + slash_rng.choice(SLASH_IDS)
    query = slash_rng.choice(SLASH_QUERIES)
    return path + ('?q=' + query if query else '')


def multipart(rng, body):
    """The body as multipart/form-data, one field (maybe) sent as a file part: a file's name
    is all a serializer sees of it."""
    keys = [key for key, value in body.items() if value is not None]
    as_file = rng.choice(keys + [None]) if keys else None
    text = ''
    for key in keys:
        value = str(body[key])
        disposition = f'form-data; name="{key}"'
        if key == as_file:
            disposition += '; filename="' + rng.choice([value, 'upload.txt', 'dir/' + value]) + '"'
        text += f'--AuthLabB\r\nContent-Disposition: {disposition}\r\n\r\n{value}\r\n'
    return text + '--AuthLabB--\r\n'


def text_outside_ascii(rng, body):
    """Some of the body's strings replaced by text outside ASCII."""
    for key, value in body.items():
        if isinstance(value, str) and rng.random() < 0.3:
            body[key] = rng.choice(TEXTS)


def in_charset(rng, request):
    """A JSON or form body sent raw, its Content-Type naming a charset."""
    if 'json' in request:
        text, kind = json.dumps(request.pop('json'), ensure_ascii=False), 'application/json'
    else:
        text, kind = urlencode(request.pop('form')), 'application/x-www-form-urlencoded'
    charset = rng.choice(CHARSETS)
    try:
        request['body'] = text.encode(charset.strip('"')).decode('utf-8')
    except (UnicodeError, LookupError):  # sent as UTF-8, read in the charset: mojibake or an error
        request['body'] = text
    request.setdefault('headers', {})['Content-Type'] = f'{kind}; charset={charset}'


def request(rng, held, client_rng, text_rng, slash_rng):
    method, path, body = target(rng, held)
    path = unslashed(slash_rng, path)
    if rng.random() < 0.08:  # SimpleMetadata's answer, after authentication and permissions
        method, body = 'OPTIONS', None
    request = {'method': method, 'path': path}
    headers = {}
    if client_rng.random() < 0.25:  # get_ident reads it: one client, or one pretending to be many
        headers['X-Forwarded-For'] = client_rng.choice(FORWARDED_FOR)
    header = authorization(rng, held)
    if header:
        headers['Authorization'] = header
    if rng.random() < 0.5:
        headers['X-CSRFToken'] = '${cookie:csrftoken}'
    for name, values in TEXT_HEADERS.items():
        if text_rng.random() < 0.06:
            headers[name] = text_rng.choice(values)
    if headers:
        request['headers'] = headers
    if body is not None and text_rng.random() < 0.3:
        text_outside_ascii(text_rng, body)
    if body is not None:
        roll = rng.random()
        if roll < 0.7:
            request['json'] = body
        elif roll < 0.85:
            request['form'] = {key: str(value) for key, value in body.items() if value is not None}
        else:
            request.setdefault('headers', {})['Content-Type'] = 'multipart/form-data; boundary=AuthLabB'
            request['body'] = multipart(rng, body)
        if 'body' not in request and text_rng.random() < 0.3:
            in_charset(text_rng, request)
    return request


def logins(rng):
    """Steps that log users in before the random part, and the names they capture."""
    steps, held = [], set()
    if rng.random() < 0.7:
        user = rng.choice(USERS[:4])
        steps.append({'request': {'method': 'POST', 'path': '/auth/token/login/',
                                  'json': {'username': user, 'password': password(user)}},
                      'capture': {'tok': 'auth_token'}})
        held.add('tok')
    if rng.random() < 0.6:
        user = rng.choice(USERS[:4])
        steps.append({'request': {'method': 'POST', 'path': '/api/token/',
                                  'json': {'username': user, 'password': password(user)}},
                      'capture': {'access': 'access', 'refresh': 'refresh'}})
        held |= {'access', 'refresh'}
    if rng.random() < 0.5:
        user = rng.choice(USERS)
        steps.append({'request': {'method': 'GET', 'path': '/api-auth/login/'}})
        steps.append({'request': {'method': 'POST', 'path': '/api-auth/login/',
                                  'form': {'username': user, 'password': password(user),
                                           'csrfmiddlewaretoken': '${cookie:csrftoken}'}}})
    # Orders placed by two users (Basic, so no capture is needed), for the detail route to find
    # its owner or refuse another user (the policy may refuse the placing itself).
    for user in rng.sample(USERS[:4], rng.choice([0, 1, 2, 2])):
        basic = 'Basic ' + base64.b64encode(f'{user}:{password(user)}'.encode()).decode()
        steps.append({'request': {'method': 'POST', 'path': '/api/orders/', 'headers': {'Authorization': basic},
                                  'json': {'book': rng.choice([1, 2]), 'quantity': rng.randint(1, 3)}}})
    return steps, held


def scenario(seed):
    rng = random.Random(seed)
    throttle_rng = random.Random(f'throttle-{seed}')
    text_rng = random.Random(f'text-{seed}')
    slash_rng = random.Random(f'slash-{seed}')  # its own, so the rest of a seed's scenario stays
    setup = {'world': 'default', 'policies': add_throttles(throttle_rng, policies(rng))}
    if rng.random() < 0.3:
        setup['groups'] = [{'name': rng.choice(['Customer', 'Editor', 'Manager', 'Auditor']),
                            'permissions': rng.sample(PERMISSIONS, rng.randint(0, 4))}]
    steps, held = logins(rng)
    for _ in range(rng.randint(4, 12)):
        if rng.random() < 0.08:
            steps.append({'advance': rng.choice([60, 299, 301, 86400])})
        else:
            steps.append({'request': request(rng, held, throttle_rng, text_rng, slash_rng)})
    return {'name': f'random-{seed}', 'description': f'Random scenario, seed {seed}.', 'setup': setup, 'steps': steps}


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    seed, count, folder = int(argv[1]), int(argv[2]), argv[3]
    os.makedirs(folder, exist_ok=True)
    for offset in range(count):
        with open(os.path.join(folder, f'random-{seed + offset:06d}.json'), 'w', encoding='utf-8') as out:
            json.dump(scenario(seed + offset), out, indent=1)


if __name__ == '__main__':
    main(sys.argv)
