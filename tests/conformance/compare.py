#!/usr/bin/python3
"""Differential conformance: run scenario files through the real Django/DRF stack
(the reference runner) and through the core's runners, and compare every step.

    /usr/bin/python3 tests/conformance/compare.py \\
        --reference "/usr/bin/python3 tests/reference/run_scenarios.py" \\
        --core "build/native/tools/authlab run" [--core "node tools/run-scenario.mjs"] \\
        FILE_OR_DIR...
    /usr/bin/python3 tests/conformance/compare.py --self-test

Each runner is started once with `--json` and every file (scenarios.md, "Runner
output"): one JSON array per file, one entry per step. Per step it compares the
status, the Content-Type, the JSON body (values that are random by nature --
DRF tokens, JWTs, jti, timestamps -- by shape), WWW-Authenticate, Location,
Retry-After, and the cookies set (names, deletion, attributes, value shape). Bodies that are not
JSON (Django's HTML pages) are compared by status and Content-Type only. With more than one
--core, the cores must also print the same bytes, stdout and stderr: the native and WebAssembly
runners run one core, so even what the reference is compared by shape must be equal.

Exit status: 0 every step agreed; 1 a step disagreed; 2 a runner could not run
or printed the wrong number of lines or steps (never a silent pass)."""
import argparse
import base64
import json
import os
import re
import shlex
import subprocess
import sys
import time

# --- values compared by shape ---------------------------------------------

DRF_TOKEN = re.compile(r'[0-9a-f]{40}')
JTI = re.compile(r'[0-9a-f]{32}')
JWT = re.compile(r'eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*')
TIMESTAMP = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?')
# Cookie values: sessionid is 32 [a-z0-9], csrftoken 64 [A-Za-z0-9] (Django 3.2).
SHAPED_COOKIES = {'sessionid', 'csrftoken'}


def b64json(part):
    """A JWT segment as JSON, or None."""
    try:
        return json.loads(base64.urlsafe_b64decode(part + '=' * (-len(part) % 4)))
    except ValueError:
        return None


def jwt_shape(ref, got):
    """Why two JWTs differ in shape (None when alike): same header, same claims in
    the same order, same token_type and user_id, same lifetime (exp - iat), a
    32-hex jti and a signature of the same length."""
    if not isinstance(got, str) or not JWT.fullmatch(got):
        return 'not a JWT'
    (rh, rp, rs), (gh, gp, gs) = ref.split('.'), got.split('.')
    rhead, ghead, rload, gload = b64json(rh), b64json(gh), b64json(rp), b64json(gp)
    if not isinstance(gload, dict) or not isinstance(ghead, dict):
        return 'JWT segments are not JSON objects'
    if not isinstance(rload, dict) or not isinstance(rhead, dict):
        return None  # the reference's own token is opaque: shape only
    if ghead != rhead:
        return 'JWT header %s, reference %s' % (dumps(ghead), dumps(rhead))
    if list(gload) != list(rload):
        return 'JWT claims %s, reference %s' % (list(gload), list(rload))
    for claim in ('token_type', 'user_id'):
        if claim in rload and not same_json(gload[claim], rload[claim]):
            return 'JWT %s %s, reference %s' % (claim, dumps(gload[claim]), dumps(rload[claim]))
    if 'jti' in rload and not (isinstance(gload['jti'], str) and JTI.fullmatch(gload['jti'])):
        return 'JWT jti %s is not 32 hex digits' % dumps(gload['jti'])
    if all(isinstance(d.get(k), int) for d in (rload, gload) for k in ('exp', 'iat')):
        if gload['exp'] - gload['iat'] != rload['exp'] - rload['iat']:
            return 'JWT lifetime exp-iat %d s, reference %d s' % (
                gload['exp'] - gload['iat'], rload['exp'] - rload['iat'])
    if len(gs) != len(rs):
        return 'JWT signature of %d characters, reference %d' % (len(gs), len(rs))
    return None


def string_shape(ref, got):
    """For a reference string that is random by nature: None when `got` has its
    shape, else the reason. Returns False when `ref` is an ordinary string."""
    for pattern, kind in ((DRF_TOKEN, '40-hex DRF token'), (JTI, '32-hex id'),
                          (TIMESTAMP, 'timestamp')):
        if pattern.fullmatch(ref):
            if isinstance(got, str) and pattern.fullmatch(got):
                return None
            return 'expected a %s' % kind
    if JWT.fullmatch(ref):
        return jwt_shape(ref, got)
    return False


def same_json(a, b):
    """Strict JSON equality: true is not 1, 3 is not 3.0, key order counts."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    return a == b


def json_diffs(ref, got, path='body'):
    """Where two JSON bodies differ, tokens compared by shape: [(path, reason)]."""
    if isinstance(ref, str) and ref != got:
        why = string_shape(ref, got)
        if why is None:
            return []
        if why is not False:
            return [(path, why)]
    if isinstance(ref, dict) and isinstance(got, dict):
        if set(ref) != set(got):
            missing, extra = [k for k in ref if k not in got], [k for k in got if k not in ref]
            return [(path, 'keys missing %s, extra %s' % (missing, extra))]
        out = []
        for key in ref:
            out += json_diffs(ref[key], got[key], '%s.%s' % (path, key))
        if not out and list(ref) != list(got):
            out.append((path, 'key order %s, reference %s' % (list(got), list(ref))))
        return out
    if isinstance(ref, list) and isinstance(got, list):
        if len(ref) != len(got):
            return [(path, '%d items, reference %d' % (len(got), len(ref)))]
        out = []
        for i, (r, g) in enumerate(zip(ref, got)):
            out += json_diffs(r, g, '%s[%d]' % (path, i))
        return out
    if not same_json(ref, got):
        return [(path, 'core %s, reference %s' % (short(dumps(got), 120), short(dumps(ref), 120)))]
    return []


# --- cookies ----------------------------------------------------------------

def parse_cookie(text):
    """'name=value; expires=...; Max-Age=0; Path=/' -> (name, value, {attr: value})."""
    parts = [p.strip() for p in str(text).split(';')]
    name, _, value = parts[0].partition('=')
    attrs = {}
    for p in parts[1:]:
        if p:
            key, _, val = p.partition('=')
            attrs[key.strip().lower()] = val.strip()
    return name.strip(), value.strip().strip('"'), attrs


def is_deletion(attrs):
    return attrs.get('max-age') == '0' or '1970' in attrs.get('expires', '')


ALPHABETS = [('hex', re.compile(r'[0-9a-f]*')), ('a-z0-9', re.compile(r'[a-z0-9]*')),
             ('A-Za-z0-9', re.compile(r'[A-Za-z0-9]*'))]


def value_shape(value):
    """Length and the smallest usual alphabet holding every character: two random
    values of one cookie agree on it (a chance miss is below 1e-11)."""
    for name, pattern in ALPHABETS:
        if pattern.fullmatch(value):
            return '%d chars of [%s]' % (len(value), name)
    return '%d chars, some outside [A-Za-z0-9]' % len(value)


def cookie_view(headers):
    """name -> what is compared: deletion, attributes but expires, value shape."""
    out = {}
    for text in (headers or {}).get('set-cookie') or []:
        name, value, attrs = parse_cookie(text)
        deleted = is_deletion(attrs)
        kept = {k: v for k, v in attrs.items() if k != 'expires'}
        if deleted:
            shape = 'deleted'
        elif name in SHAPED_COOKIES:
            shape = value_shape(value)
        else:
            shape = value
        out[name] = {'deleted': deleted, 'attributes': kept, 'value': shape}
    return out


# --- one step ---------------------------------------------------------------

def header(out, name):
    """A header of a step record (runners print lower-case names)."""
    return (out.get('headers') or {}).get(name)


def norm_ctype(value):
    """'text/html; charset=utf-8' and 'text/html;charset=UTF-8' are one type."""
    return None if value is None else re.sub(r'\s+', '', value).lower()


def compare_step(ref, got):
    """[(aspect, reference, core)] or [(aspect, note)] for one request step; empty
    when they agree."""
    diffs = []
    if ref.get('status') != got.get('status'):
        diffs.append(('status', ref.get('status'), got.get('status')))
    rct, gct = header(ref, 'content-type'), header(got, 'content-type')
    if norm_ctype(rct) != norm_ctype(gct):
        diffs.append(('content-type', rct, gct))
    rjson, gjson = ref.get('json'), got.get('json')
    rtext, gtext = ref.get('text') or None, got.get('text') or None
    if rjson is not None or gjson is not None:
        if rjson is None or gjson is None:
            diffs.append(('body', body_text(ref), body_text(got)))
        else:
            for path, why in json_diffs(rjson, gjson):
                diffs.append((path, why))  # a note, not a pair of values
            if any(d[0].startswith('body') for d in diffs):
                diffs.append(('whole body', rjson, gjson))
    elif (rtext is None) != (gtext is None):
        diffs.append(('body', body_text(ref), body_text(got)))
    for name in ('www-authenticate', 'location', 'retry-after'):
        if header(ref, name) != header(got, name):
            diffs.append((name, header(ref, name), header(got, name)))
    rc, gc = cookie_view(ref.get('headers')), cookie_view(got.get('headers'))
    if rc != gc:
        for name in sorted(set(rc) | set(gc)):
            if rc.get(name) != gc.get(name):
                diffs.append(('set-cookie ' + name, rc.get(name), gc.get(name)))
    return diffs


def body_text(out):
    """A body for the report when one side has JSON and the other not."""
    if out.get('json') is not None:
        return out['json']
    text = out.get('text')
    return None if not text else '<%d characters of %s>' % (len(text), header(out, 'content-type'))


# --- runners ----------------------------------------------------------------

class RunnerError(Exception):
    """A runner could not run, or printed something that is not the contract."""


def expand(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith('.json'))
        else:
            files.append(p)
    if not files:
        raise SystemExit('compare.py: no scenario files given')
    return files


def load_scenarios(files):
    scenarios = []
    for f in files:
        try:
            with open(f, encoding='utf-8') as fh:
                sc = json.load(fh)
            steps = sc['steps']
            assert isinstance(steps, list)
        except (OSError, ValueError, KeyError, TypeError, AssertionError) as e:
            raise SystemExit('compare.py: %s is not a scenario file: %s' % (f, e))
        scenarios.append((f, sc))
    return scenarios


def start(command, files):
    try:
        argv = shlex.split(command) + ['--json'] + files
        return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL)
    except (OSError, ValueError) as e:
        raise RunnerError('cannot start %r: %s' % (command, e))


def finish(command, proc, scenarios, timeout):
    """The runner's outputs, one list per scenario, checked against the contract, and
    what it printed: (outputs, stdout, stderr)."""
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise RunnerError('%r did not finish within %d s' % (command, timeout))
    err = stderr.decode('utf-8', 'replace').strip()
    tail = '\n    '.join(err.splitlines()[-15:]) if err else '(nothing on stderr)'
    if proc.returncode != 0:
        raise RunnerError('%r exited with status %d:\n    %s' % (command, proc.returncode, tail))
    lines = [ln for ln in stdout.decode('utf-8', 'replace').splitlines() if ln.strip()]
    if len(lines) != len(scenarios):
        raise RunnerError('%r printed %d lines for %d scenario files:\n    %s'
                          % (command, len(lines), len(scenarios), tail))
    outputs = []
    for (name, sc), line in zip(scenarios, lines):
        try:
            out = json.loads(line)
        except ValueError as e:
            raise RunnerError('%r: the line for %s is not JSON: %s' % (command, name, e))
        steps = sc['steps']
        if not isinstance(out, list) or len(out) != len(steps):
            raise RunnerError('%r: %s has %d steps but the runner printed %s' % (
                command, name, len(steps),
                '%d entries' % len(out) if isinstance(out, list) else 'a %s' % type(out).__name__))
        for i, (step, entry) in enumerate(zip(steps, out), 1):
            advance = isinstance(step, dict) and 'advance' in step
            if advance and entry is not None:
                raise RunnerError('%r: %s step %d is an advance but the runner printed %s'
                                  % (command, name, i, short(entry, 80)))
            if not advance and not (isinstance(entry, dict) and isinstance(entry.get('status'), int)):
                raise RunnerError('%r: %s step %d: not a step record: %s'
                                  % (command, name, i, short(entry, 80)))
        outputs.append(out)
    return outputs, stdout, stderr


# --- report -----------------------------------------------------------------

def dumps(value):
    return json.dumps(value, ensure_ascii=False)


def short(value, limit=160):
    """A value for the report: strings as they are, anything else as JSON."""
    text = value if isinstance(value, str) else dumps(value)
    return text if len(text) <= limit else text[:limit] + '...'


def describe_request(step):
    req = step.get('request', {})
    parts = ['%s %s' % (req.get('method'), req.get('path'))]
    for name, value in (req.get('headers') or {}).items():
        parts.append('%s: %s' % (name, short(value, 70)))
    for kind in ('json', 'form'):
        if kind in req:
            parts.append('%s %s' % (kind, short(dumps(req[kind]), 120)))
    if 'body' in req:
        parts.append('body %s' % short(dumps(req['body']), 120))
    return '  |  '.join(parts)


def report(name, number, step, diffs, label):
    print('MISMATCH %s step %d  (reference vs %s)' % (name, number, label))
    print('  request: %s' % describe_request(step))
    width = max(len(d[0]) for d in diffs)
    for diff in diffs:
        if len(diff) == 2:
            print('  %-*s  %s' % (width, diff[0], diff[1]))
        else:
            aspect, ref, got = diff
            print('  %-*s  reference: %s' % (width, aspect, short(ref, 300)))
            print('  %-*s  core:      %s' % (width, '', short(got, 300)))


def first_difference(a, b):
    """Where two different outputs first differ, by line: (line number, a's line, b's line).
    Lines are compared as bytes, so two different invalid sequences never look alike."""
    x, y = a.split(b'\n'), b.split(b'\n')
    number = next(i for i in range(max(len(x), len(y))) if x[i:i + 1] != y[i:i + 1])
    line = lambda lines: lines[number].decode('utf-8', 'replace') if number < len(lines) else '(no line)'
    return number + 1, line(x), line(y)


def cores_print_the_same(printed):
    """Print where each core's bytes differ from the first core's; True when none do."""
    (first, first_out), same = printed[0], True
    for label, out in printed[1:]:
        for stream, a, b in zip(('stdout', 'stderr'), first_out, out):
            if a != b:
                same = False
                number, left, right = first_difference(a, b)
                print('CORES DIFFER on %s, line %d:\n  %s: %s\n  %s: %s' % (
                    stream, number, first, short(left, 300), label, short(right, 300)))
    return same


def compare_runner(label, scenarios, ref_outputs, outputs, limit):
    """Print the disagreements; (scenarios agreed, steps agreed, steps compared)."""
    files_ok = steps_ok = steps = shown = 0
    for (name, sc), refs, gots in zip(scenarios, ref_outputs, outputs):
        file_ok = True
        for number, (step, ref, got) in enumerate(zip(sc['steps'], refs, gots), 1):
            steps += 1
            if ref is None:
                steps_ok += 1
                continue
            diffs = compare_step(ref, got)
            if not diffs:
                steps_ok += 1
                continue
            file_ok = False
            shown += 1
            if shown <= limit:
                report(os.path.basename(name), number, step, diffs, label)
        files_ok += file_ok
    if shown > limit:
        print('... and %d more mismatching steps against %s' % (shown - limit, label))
    return files_ok, steps_ok, steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--reference', help='the real stack\'s runner command')
    parser.add_argument('--core', action='append', default=[],
                        help='a core runner command (repeatable)')
    parser.add_argument('--timeout', type=int, default=1800, help='seconds per runner')
    parser.add_argument('--max-report', type=int, default=60,
                        help='mismatching steps printed per core (all are counted)')
    parser.add_argument('--self-test', action='store_true',
                        help='prove the comparison catches doctored outputs, then exit')
    parser.add_argument('paths', nargs='*', metavar='FILE_OR_DIR')
    args = parser.parse_args(argv)
    if args.self_test:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import test_compare
        return test_compare.run()
    if not args.reference or not args.core or not args.paths:
        parser.error('need --reference, at least one --core, and scenario files')

    scenarios = load_scenarios(expand(args.paths))
    files = [name for name, _ in scenarios]
    began = time.time()
    runners = [('reference', args.reference)] + [(c, c) for c in args.core]
    procs, results, printed, failed = {}, {}, [], False
    for label, command in runners:  # all at once: the reference is the slow one
        try:
            procs[label] = start(command, files)
        except RunnerError as e:
            print('RUNNER FAILED (%s): %s' % (label, e))
            failed = True
    for label, command in runners:
        if label in procs:
            try:
                results[label], stdout, stderr = finish(command, procs[label], scenarios, args.timeout)
                if label != 'reference':
                    printed.append((label, (stdout, stderr)))
            except RunnerError as e:
                print('RUNNER FAILED (%s): %s' % (label, e))
                failed = True
    if 'reference' not in results:
        print('The reference could not run, so nothing was compared.')
        return 2

    all_agree = True
    for label, _ in runners[1:]:
        if label not in results:
            continue
        files_ok, steps_ok, steps = compare_runner(label, scenarios, results['reference'],
                                                   results[label], args.max_report)
        agree = files_ok == len(scenarios)
        all_agree = all_agree and agree
        print('%s: %d scenarios, %d steps compared; %d scenarios and %d steps agreed%s' % (
            label, len(scenarios), steps, files_ok, steps_ok, '' if agree else '  <- DISAGREES'))
    if len(printed) > 1:
        same = cores_print_the_same(printed)
        all_agree = all_agree and same
        print('the %d cores printed %s' % (len(printed), 'the same bytes' if same else 'different bytes  <- DIFFER'))
    print('(%.1f s)' % (time.time() - began))
    if failed:
        return 2
    return 0 if all_agree else 1


if __name__ == '__main__':
    sys.exit(main())
