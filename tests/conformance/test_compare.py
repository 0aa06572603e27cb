#!/usr/bin/python3
"""Proves compare.py catches what it must and forgives only what it may: fake
runners print doctored copies of one reference output, and compare.py is run on
them end to end.

    /usr/bin/python3 tests/conformance/test_compare.py
    /usr/bin/python3 tests/conformance/compare.py --self-test"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = os.path.join(HERE, 'compare.py')

FAKE_RUNNER = r'''
import json, sys
spec = json.load(open(sys.argv[1]))
sys.stderr.write(spec.get('stderr', ''))
for line in spec['lines']:
    print(line if isinstance(line, str) else json.dumps(line))
sys.exit(spec.get('exit', 0))
'''

SCENARIO = {
    'name': 'self-test',
    'description': 'Only its number of steps and which are advances matter here.',
    'steps': [
        {'request': {'method': 'POST', 'path': '/api/token/', 'json': {'username': 'carol', 'password': 'x'}}},
        {'request': {'method': 'GET', 'path': '/api/books/', 'headers': {'Authorization': 'Bearer ${t}'}}},
        {'advance': 300},
        {'request': {'method': 'POST', 'path': '/api-auth/login/', 'form': {'username': 'carol'}}},
        {'request': {'method': 'GET', 'path': '/nowhere/'}},
        {'request': {'method': 'DELETE', 'path': '/api/books/1/'}},
    ],
}


SESSION = 'nso6p4n103b7cz8i62ipvd764q5f3o2x'  # a real sessionid's shape: 32 of [a-z0-9]


def b64(obj):
    raw = json.dumps(obj, separators=(',', ':')).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b'=').decode()


def jwt(token_type, iat, lifetime, jti, user_id=4, signature='s' * 43):
    payload = {'token_type': token_type, 'exp': iat + lifetime, 'iat': iat, 'jti': jti, 'user_id': user_id}
    return '%s.%s.%s' % (b64({'alg': 'HS256', 'typ': 'JWT'}), b64(payload), signature)


def reference_output():
    """Shaped like the real stack's answers (tests/reference/run_scenarios.py --json)."""
    return [
        {'status': 200, 'headers': {'content-type': 'application/json'},
         'json': {'refresh': jwt('refresh', 1704110400, 86400, 'a' * 32),
                  'access': jwt('access', 1704110400, 300, 'b' * 32)}, 'text': None},
        {'status': 401, 'headers': {'content-type': 'application/json', 'www-authenticate': 'Token'},
         'json': {'detail': 'Given token not valid for any token type', 'code': 'token_not_valid',
                  'messages': [{'token_class': 'AccessToken', 'token_type': 'access',
                                'message': 'Token is invalid or expired'}]}, 'text': None},
        None,
        {'status': 302, 'headers': {'content-type': 'text/html; charset=utf-8', 'location': '/accounts/profile/',
                                    'set-cookie': [
                                        'csrftoken=' + 'Ab1' * 21 + 'x; expires=Mon, 30 Dec 2024 12:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax',
                                        'sessionid=' + SESSION + '; expires=Mon, 15 Jan 2024 12:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax']},
         'json': None, 'text': None},
        {'status': 404, 'headers': {'content-type': 'text/html'}, 'json': None,
         'text': '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n</html>\n'},
        {'status': 204, 'headers': {'vary': 'Accept'}, 'json': None, 'text': None},
    ]


class CompareTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        d = cls.dir.name
        cls.scenario = os.path.join(d, 'scenario.json')
        with open(cls.scenario, 'w') as f:
            json.dump(SCENARIO, f)
        cls.runner = os.path.join(d, 'fake_runner.py')
        with open(cls.runner, 'w') as f:
            f.write(FAKE_RUNNER)
        cls.count = 0

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def command(self, lines, exit=0, stderr=''):
        CompareTest.count += 1
        spec = os.path.join(self.dir.name, 'spec%d.json' % self.count)
        with open(spec, 'w') as f:
            json.dump({'lines': lines, 'exit': exit, 'stderr': stderr}, f)
        return '%s %s %s' % (sys.executable, self.runner, spec)

    def compare(self, core_lines, reference_lines=None, **core_kw):
        return self.compare_cores([self.command(core_lines, **core_kw)], reference_lines)

    def compare_cores(self, cores, reference_lines=None):
        ref = self.command(reference_lines if reference_lines is not None else [reference_output()])
        core_args = [arg for core in cores for arg in ('--core', core)]
        p = subprocess.run([sys.executable, COMPARE, '--reference', ref, *core_args, self.scenario],
                           capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout + p.stderr

    def doctored(self, change):
        out = reference_output()
        change(out)
        return self.compare([out])

    def assertMismatch(self, result, *words):
        code, text = result
        self.assertEqual(code, 1, text)
        self.assertIn('MISMATCH', text)
        for w in words:
            self.assertIn(w, text)

    # --- what must agree -----------------------------------------------------

    def test_identical_outputs_agree(self):
        code, text = self.compare([reference_output()])
        self.assertEqual(code, 0, text)
        self.assertIn('1 scenarios, 6 steps compared; 1 scenarios and 6 steps agreed', text)

    def test_random_values_are_compared_by_shape(self):
        def change(out):
            out[0]['json']['refresh'] = jwt('refresh', 1800000000, 86400, 'c' * 32, signature='t' * 43)
            out[0]['json']['access'] = jwt('access', 1800000000, 300, 'd' * 32, signature='u' * 43)
            cookies = out[3]['headers']['set-cookie']
            cookies[0] = cookies[0].replace('Ab1' * 21 + 'x', 'Zz9' * 21 + 'q').replace('30 Dec', '31 Dec')
            cookies[1] = cookies[1].replace(SESSION, 'q0w9e8r7t6y5u4i3o2p1a0s9d8f7g6hz')
            out[4]['text'] = 'a different page, same status and type'
        self.assertEqual(self.doctored(change)[0], 0)

    # --- what must be caught ------------------------------------------------

    def test_changed_status(self):
        self.assertMismatch(self.doctored(lambda o: o[1].update(status=403)), 'status', 'step 2')

    def test_changed_body(self):
        def change(out):
            out[1]['json']['messages'][0]['message'] = 'Token has wrong type'
        self.assertMismatch(self.doctored(change), 'body.messages[0].message', 'Token has wrong type')

    def test_changed_challenge(self):
        def change(out):
            out[1]['headers']['www-authenticate'] = 'Bearer realm="api"'
        self.assertMismatch(self.doctored(change), 'www-authenticate', 'Bearer realm=')

    def test_missing_challenge(self):
        self.assertMismatch(self.doctored(lambda o: o[1]['headers'].pop('www-authenticate')),
                            'www-authenticate')

    def test_changed_location(self):
        def change(out):
            out[3]['headers']['location'] = '/api/books/'
        self.assertMismatch(self.doctored(change), 'location')

    def test_changed_or_missing_retry_after(self):
        def change(out):
            out[1]['headers']['retry-after'] = '59'
        self.assertMismatch(self.doctored(change), 'retry-after', '59')

    def test_cookie_deletion_and_missing_cookie(self):
        def change(out):
            cookies = out[3]['headers']['set-cookie']
            cookies[1] = 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'
        self.assertMismatch(self.doctored(change), 'set-cookie sessionid')
        self.assertMismatch(self.doctored(lambda o: o[3]['headers']['set-cookie'].pop(0)),
                            'set-cookie csrftoken')

    def test_cookie_value_of_another_shape(self):
        def change(out):
            cookies = out[3]['headers']['set-cookie']
            cookies[1] = cookies[1].replace(SESSION, SESSION + 'abcdefgh')
        self.assertMismatch(self.doctored(change), 'set-cookie sessionid')

    def test_token_of_another_kind_or_lifetime(self):
        def lifetime(out):
            out[0]['json']['access'] = jwt('access', 1704110400, 299, 'b' * 32)
        self.assertMismatch(self.doctored(lifetime), 'lifetime')

        def not_a_jwt(out):
            out[0]['json']['access'] = 'f' * 40
        self.assertMismatch(self.doctored(not_a_jwt), 'body.access')

        def other_user(out):
            out[0]['json']['access'] = jwt('access', 1704110400, 300, 'b' * 32, user_id=5)
        self.assertMismatch(self.doctored(other_user), 'user_id')

    def test_json_types_and_key_order(self):
        def order(out):
            body = out[1]['json']
            out[1]['json'] = {'code': body['code'], 'detail': body['detail'], 'messages': body['messages']}
        self.assertMismatch(self.doctored(order), 'key order')
        self.assertMismatch(self.doctored(lambda o: o[1]['json'].update(code=True)), 'body.code')

    def test_content_type_and_body_kind(self):
        def html_type(out):
            out[4]['headers']['content-type'] = 'text/html; charset=utf-8'
        self.assertMismatch(self.doctored(html_type), 'content-type')

        def json_instead_of_empty(out):
            out[5]['json'] = {'detail': 'x'}
            out[5]['headers']['content-type'] = 'application/json'
        self.assertMismatch(self.doctored(json_instead_of_empty), 'body')

    # --- two cores print the same bytes --------------------------------------

    def two_cores(self, second=None, stderr=('', '')):
        """compare.py with two cores: the reference's output, then `second` (the same by default)."""
        return self.compare_cores([self.command([reference_output()], stderr=stderr[0]),
                                   self.command([second or reference_output()], stderr=stderr[1])])

    def test_two_cores_printing_the_same_bytes_agree(self):
        code, text = self.two_cores(stderr=('note\n', 'note\n'))
        self.assertEqual(code, 0, text)
        self.assertIn('the 2 cores printed the same bytes', text)

    def test_cores_differing_where_the_reference_is_forgiven_are_caught(self):
        other = reference_output()
        other[0]['json']['access'] = jwt('access', 1704110400, 300, 'e' * 32)  # another jti: same shape
        code, text = self.two_cores(other)
        self.assertEqual(code, 1, text)
        self.assertNotIn('MISMATCH', text)
        self.assertIn('CORES DIFFER on stdout, line 1', text)

    def test_cores_differing_on_stderr_are_caught(self):
        code, text = self.two_cores(stderr=('one\n', 'two\n'))
        self.assertEqual(code, 1, text)
        self.assertIn('CORES DIFFER on stderr, line 1', text)

    # --- runners that break the contract fail, never pass ------------------

    def test_wrong_number_of_steps(self):
        code, text = self.compare([reference_output()[:-1]])
        self.assertEqual(code, 2, text)
        self.assertIn('has 6 steps but the runner printed 5 entries', text)

    def test_wrong_number_of_lines(self):
        code, text = self.compare([reference_output(), reference_output()])
        self.assertEqual(code, 2, text)
        self.assertIn('printed 2 lines for 1 scenario files', text)

    def test_advance_step_must_be_null(self):
        out = reference_output()
        out[2] = out[1]
        code, text = self.compare([out])
        self.assertEqual(code, 2, text)
        self.assertIn('is an advance', text)

    def test_reference_that_cannot_run(self):
        ref = self.command([], exit=1, stderr='ModuleNotFoundError: No module named \'django\'\n')
        core = self.command([reference_output()])
        p = subprocess.run([sys.executable, COMPARE, '--reference', ref, '--core', core, self.scenario],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 2, p.stdout)
        self.assertIn("No module named 'django'", p.stdout)
        self.assertIn('nothing was compared', p.stdout)

    def test_missing_runner_program(self):
        ref = self.command([reference_output()])
        p = subprocess.run([sys.executable, COMPARE, '--reference', ref, '--core',
                            '/nonexistent/authlab run', self.scenario],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 2, p.stdout)
        self.assertIn('cannot start', p.stdout)

    def test_core_silent_on_a_file(self):
        code, text = self.compare([], exit=2, stderr='scenario.json: cannot run: unknown class\n')
        self.assertEqual(code, 2, text)
        self.assertIn('unknown class', text)


def run():
    """Run the tests; the exit status for compare.py --self-test."""
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(CompareTest)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == '__main__':
    sys.exit(run())
