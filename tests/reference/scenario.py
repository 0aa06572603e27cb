"""Runs one scenario file's steps through the Django test client."""
import json
import re
import time
from urllib.parse import urlencode

from django.test import Client
from django.utils.http import parse_http_date_safe


class ScenarioError(Exception):
    """The scenario cannot run (bad file, unknown name): not a failed expectation."""


class CookieJar:
    """A browser's cookie store, on the virtual clock (time.time is frozen)."""

    def __init__(self):
        self.cookies = {}  # name -> (value, expires-at epoch or None)

    def store(self, morsel):
        now = time.time()
        if morsel['max-age'] != '':  # Max-Age wins over Expires, as in browsers
            expires = now + int(morsel['max-age'])
        elif morsel['expires']:
            expires = parse_http_date_safe(morsel['expires'])
        else:
            expires = None  # a session cookie
        self.cookies.pop(morsel.key, None)
        if expires is None or expires > now:
            self.cookies[morsel.key] = (morsel.coded_value, expires)

    def live(self):
        now = time.time()
        return {name: value for name, (value, expires) in self.cookies.items()
                if expires is None or expires > now}

    def header(self):
        return '; '.join('%s=%s' % item for item in self.live().items())


PLACEHOLDER = re.compile(r'\$\{([^}]*)\}')
LONE_SURROGATE = re.compile('[\ud800-\udfff]')


def substitute(value, captures, jar):
    """Replace ${name} and ${cookie:NAME} in every string of a request."""
    if isinstance(value, str):
        def one(m):
            name = m.group(1)
            if name.startswith('cookie:'):
                return jar.live().get(name[len('cookie:'):], '')
            if name not in captures:
                raise ScenarioError('unknown capture ${%s}' % name)
            got = captures[name]
            return got if isinstance(got, str) else json.dumps(got)
        return PLACEHOLDER.sub(one, value)
    if isinstance(value, list):
        return [substitute(v, captures, jar) for v in value]
    if isinstance(value, dict):
        return {substitute(k, captures, jar): substitute(v, captures, jar)
                for k, v in value.items()}
    return value


def build(request):
    """The test client's arguments for a scenario request (already substituted)."""
    check_keys(request, {'method', 'path', 'headers', 'json', 'form', 'body'}, 'request')
    if not isinstance(request.get('method'), str) or not isinstance(request.get('path'), str):
        raise ScenarioError('a request needs string "method" and "path"')
    bodies = [k for k in ('json', 'form', 'body') if k in request]
    if len(bodies) > 1:
        raise ScenarioError('a request has at most one of json, form, body')
    extra = {}
    headers = request.get('headers', {})
    if not isinstance(headers, dict):
        raise ScenarioError('"headers" must be an object')
    for name, value in headers.items():
        if not isinstance(value, str):
            raise ScenarioError('header %r must be a string' % name)
        key = name.upper().replace('-', '_')
        # The text as it stands in request.META (api.md): DRF encodes it as ISO-8859-1 itself.
        if key == 'CONTENT_TYPE':
            extra['CONTENT_TYPE'] = value
        elif key != 'CONTENT_LENGTH':  # the client computes it from the body
            extra['HTTP_' + key] = value
    data, content_type = '', None
    if 'json' in request:
        data = json.dumps(request['json'], ensure_ascii=False, separators=(',', ':'))
        # A lone surrogate (only ever inside a string) goes as its escape, as the page's
        # JSON.stringify sends it: UTF-8 has no form for it.
        data = LONE_SURROGATE.sub(lambda m: '\\u%04x' % ord(m.group()), data)
        content_type = 'application/json'
    elif 'form' in request:
        form = request['form']
        if not isinstance(form, dict):
            raise ScenarioError('"form" must be an object')
        data = urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in form.items()})
        content_type = 'application/x-www-form-urlencoded'
    elif 'body' in request:
        if not isinstance(request['body'], str):
            raise ScenarioError('"body" must be a string')
        data = request['body']
    if content_type and 'CONTENT_TYPE' not in extra:
        extra['CONTENT_TYPE'] = content_type
    return request['method'], request['path'], data.encode('utf-8'), extra


# What the WSGI server answers when an exception escapes Django's handler (its own 500 page
# failed too, e.g. a CSRF cookie that would expire after year 9999): gunicorn's error page,
# the front server whose bounds api.md's limits are.
SERVER_ERROR_PAGE = ('<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n'
                     '  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n')


def server_error_record():
    """The step's output when Django itself raised: the server's 500, no cookies."""
    return {'status': 500, 'headers': {'content-type': 'text/html',
                                       'content-length': str(len(SERVER_ERROR_PAGE))},
            'json': None, 'text': SERVER_ERROR_PAGE}


def record(response):
    """The step's output in the shape scenarios.md gives."""
    headers = {name.lower(): value for name, value in response.items()}
    if response.cookies:
        headers['set-cookie'] = [m.OutputString() for m in response.cookies.values()]
    body = response.content
    ctype = response.get('Content-Type', '').split(';')[0].strip().lower()
    is_json = ctype == 'application/json' or ctype.endswith('+json')
    out = {'status': response.status_code, 'headers': headers, 'json': None, 'text': None}
    if is_json and body:
        try:
            out['json'] = json.loads(body.decode('utf-8'))
        except ValueError:  # not JSON after all: keep it as text
            out['text'] = body.decode('utf-8', errors='replace')
    elif body and not is_json:
        out['text'] = body.decode('utf-8', errors='replace')
    return out


def same(a, b):
    """JSON equality (true is not 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def short(value, limit=160):
    text = json.dumps(value)
    return text if len(text) <= limit else text[:limit] + '...'


def check(expect, out):
    """The reasons an expectation fails (empty when it holds)."""
    check_keys(expect, {'status', 'json', 'keys', 'header'}, 'expect')
    reasons = []
    if 'status' in expect and out['status'] != expect['status']:
        reasons.append('status %s, expected %s' % (out['status'], expect['status']))
    if 'json' in expect and not same(out['json'], expect['json']):
        reasons.append('json %s, expected %s' % (short(out['json']), short(expect['json'])))
    for key in expect.get('keys', []):
        if not isinstance(out['json'], dict) or key not in out['json']:
            reasons.append('key %r missing' % key)
    for name, want in expect.get('header', {}).items():
        got = out['headers'].get(name.lower())
        if name.lower() == 'set-cookie' and want is not None:
            ok = got is not None and want in got
        else:
            ok = got == want
        if not ok:
            reasons.append('header %s: %s, expected %s' % (name, short(got), short(want)))
    return reasons


def dig(body, path):
    for part in str(path).split('.'):
        if isinstance(body, dict) and part in body:
            body = body[part]
        elif isinstance(body, list) and part.isdigit() and int(part) < len(body):
            body = body[int(part)]
        else:
            raise KeyError(path)
    return body


def check_keys(obj, allowed, what):
    if not isinstance(obj, dict):
        raise ScenarioError('%s must be an object' % what)
    unknown = set(obj) - allowed
    if unknown:
        raise ScenarioError('unknown %s key(s): %s' % (what, ', '.join(sorted(unknown))))


def run_steps(steps, clock):
    """Yield (step, output, failure reasons) for each step; output None for advances."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    jar, captures = CookieJar(), {}
    if not isinstance(steps, list):
        raise ScenarioError('"steps" must be a list')
    for step in steps:
        if isinstance(step, dict) and 'advance' in step:
            check_keys(step, {'advance'}, 'advance step')
            seconds = step['advance']
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
                raise ScenarioError('"advance" must be a number of seconds >= 0')
            clock.tick(seconds)
            yield step, None, []
            continue
        check_keys(step, {'request', 'expect', 'capture'}, 'step')
        method, path, data, extra = build(substitute(step.get('request'), captures, jar))
        extra.setdefault('HTTP_COOKIE', jar.header())  # a Cookie header replaces the jar
        # content_type='': a raw body without a Content-Type header sends none.
        try:
            response = client.generic(method, path, data=data, content_type='', **extra)
        except Exception:  # noqa: BLE001 - it left Django: the server answers
            client.cookies.clear()
            out = server_error_record()
        else:
            client.cookies.clear()  # our jar, not the client's, is the browser's
            for morsel in response.cookies.values():
                jar.store(morsel)
            out = record(response)
        reasons = check(step.get('expect', {}), out)
        for name, path in step.get('capture', {}).items():
            try:
                captures[name] = dig(out['json'], path)
            except KeyError:
                reasons.append('capture %s: no %r in the body' % (name, path))
        yield step, out, reasons
