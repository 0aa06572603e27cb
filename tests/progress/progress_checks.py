#!/usr/bin/python3
"""A progress file proves what it claims, and nothing else: `authlab progress report` replays
it and names the step where a claim fails.

    progress_checks.py --authlab PATH round-trip LESSON.json
        `lessons play --progress` (hints shown) then `progress report`: exit 0, every step verified.
    progress_checks.py --authlab PATH edits PROGRESS.json
        a file exported by the page (a guided lesson, and a challenge with a hint shown) verifies;
        its edited copies (a request changed, a step added, a hint count lowered, another lesson's
        evidence pasted in) each fail (exit 1) with the step named.
    progress_checks.py --authlab PATH tampering GUIDED.json CHALLENGE.json OTHER.json
        edited copies of honest files each fail (exit 1) with the step named; files that are
        no progress files (not JSON, too deep, too big, another format) exit 2; a file with
        ten thousand events or steps gets a clear error."""
import argparse
import copy
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def play(authlab, lesson, out, hints=False):
    command = [authlab, 'lessons', 'play', lesson, '--progress', out, '--learner', 'Ana <b>López</b>, "=1+2"']
    subprocess.run(command + (['--hints'] if hints else []), check=True, capture_output=True)
    with open(out) as f:
        return json.load(f)


def report(authlab, directory, name, content):
    path = os.path.join(directory, name)
    data = content if isinstance(content, bytes) else (content if isinstance(content, str) else json.dumps(content)).encode()
    with open(path, 'wb') as f:
        f.write(data)
    done = subprocess.run([authlab, 'progress', 'report', path], capture_output=True, text=True, timeout=600)
    return done.returncode, list(csv.DictReader(io.StringIO(done.stdout))), done.stderr


def round_trip(args, directory):
    progress = play(args.authlab, args.lessons[0], os.path.join(directory, 'played.json'), hints=True)
    code, rows, errors = report(args.authlab, directory, 'copy.json', progress)
    check(code == 0, 'an honest progress file verifies (exit %d: %s)' % (code, errors))
    check(len(rows) == 1, 'one row for one lesson: %r' % rows)
    if rows:
        row = rows[0]
        total = len(progress['lessons'][0]['steps'])
        check(row['steps'] == '%d/%d' % (total, total) and row['verified'] == '%d/%d' % (total, total), 'every step verified: %r' % row)
        check(row['learner'] == 'Ana <b>López</b>, "=1+2"', 'the learner as typed, quoted for CSV: %r' % row['learner'])
        shown = sum(step['hints'] for step in progress['lessons'][0]['steps'])
        check(row['hints'] == str(shown) and shown > 0, 'the hints shown are counted: %r of %d' % (row['hints'], shown))


def expect_step_named(args, directory, name, content, step, words):
    code, rows, errors = report(args.authlab, directory, name + '.json', content)
    check(code == 1, '%s: exit 1, got %d (%s)' % (name, code, errors.strip()))
    check(('step %d' % step) in errors and words in errors, '%s: stderr names step %d and says %r: %r' % (name, step, words, errors.strip()))


def first_request(entry, after=0):
    """The index of the first request event after `after` events."""
    return next(i for i, event in enumerate(entry['evidence']['events']) if i >= after and 'request' in event)


def tampering(args, directory):
    guided_path, challenge_path, other_path = args.lessons
    guided = play(args.authlab, guided_path, os.path.join(directory, 'guided.json'))
    challenge = play(args.authlab, challenge_path, os.path.join(directory, 'challenge.json'), hints=True)
    other = play(args.authlab, other_path, os.path.join(directory, 'other.json'))
    events = guided['lessons'][0]['evidence']['events']

    # A recorded request changed: the replay answers something else at that step.
    edited = copy.deepcopy(guided)
    index = next(i for i, event in enumerate(events) if 'request' in event and 'json' in event['request'] and 'password' in event['request']['json'])
    edited['lessons'][0]['evidence']['events'][index]['request']['json']['password'] = 'not-the-password'
    expect_step_named(args, directory, 'request-changed', edited, events[index]['step'] + 1, 'in the file')

    # A step claimed that the lesson does not have.
    edited = copy.deepcopy(guided)
    steps = edited['lessons'][0]['steps']
    steps.append(copy.deepcopy(steps[-1]))
    expect_step_named(args, directory, 'step-added', edited, len(steps), 'has only')

    # Steps claimed done whose actions were cut from the evidence.
    edited = copy.deepcopy(guided)
    cut = next(i for i, event in enumerate(events) if event.get('enter') == 3)
    edited['lessons'][0]['evidence']['events'] = events[:cut]
    expect_step_named(args, directory, 'steps-without-evidence', edited, 4, 'claimed done')

    # A hint count lowered in the claims.
    edited = copy.deepcopy(challenge)
    shown = edited['lessons'][0]['steps'][0]['hints']
    edited['lessons'][0]['steps'][0]['hints'] = 0
    expect_step_named(args, directory, 'hints-lowered', edited, 1, 'claims 0 hints, the evidence shows %d' % shown)

    # The hint events cut out too: every shown hint took its turn of the random stream, so the
    # tokens the learner was given no longer come back.
    edited['lessons'][0]['evidence']['events'] = [e for e in edited['lessons'][0]['evidence']['events'] if 'hint' not in e]
    code, rows, errors = report(args.authlab, directory, 'hints-cut.json', edited)
    check(code == 1 and 'step 1' in errors and 'in the replay' in errors, 'hints cut from the evidence: %d %r' % (code, errors.strip()))

    # Another lesson's evidence pasted in.
    edited = copy.deepcopy(other)
    edited['lessons'][0]['evidence'] = copy.deepcopy(guided['lessons'][0]['evidence'])
    code, rows, errors = report(args.authlab, directory, 'evidence-pasted.json', edited)
    check(code == 1 and 'step ' in errors, 'another lesson\'s evidence: exit 1 with a step named: %d %r' % (code, errors.strip()))

    # Not progress files: exit 2, and why.
    deep = '[' * 100 + ']' * 100
    for name, content, words in [('not-json', 'this is not JSON', 'not JSON'), ('another-format', {'format': 'authlab.world'}, 'not an AuthLab progress file'),
                                 ('deep', deep, 'deep'), ('huge', b' ' * (5 * 1024 * 1024), 'MiB')]:
        code, rows, errors = report(args.authlab, directory, name + '.json', content)
        check(code == 2 and words in errors, '%s: exit 2 saying %r: %d %r' % (name, words, code, errors.strip()))

    # Ten thousand events, ten thousand steps: refused with the limit, not replayed.
    edited = copy.deepcopy(guided)
    edited['lessons'][0]['evidence']['events'] = [copy.deepcopy(events[first_request(guided['lessons'][0])]) for _ in range(10000)]
    code, rows, errors = report(args.authlab, directory, 'many-events.json', edited)
    check(code == 1 and 'at most 2000' in errors, 'ten thousand events: %d %r' % (code, errors.strip()[:300]))
    edited = copy.deepcopy(guided)
    edited['lessons'][0]['steps'] = [copy.deepcopy(edited['lessons'][0]['steps'][0]) for _ in range(10000)]
    code, rows, errors = report(args.authlab, directory, 'many-steps.json', edited)
    check(code == 1 and 'has only' in errors, 'ten thousand steps: %d %r' % (code, errors.strip()[:300]))


def edits(args, directory):
    with open(args.lessons[0], encoding='utf-8') as f:
        progress = json.load(f)
    code, rows, errors = report(args.authlab, directory, 'as-exported.json', progress)
    check(code == 0, 'the page\'s file verifies: exit %d: %s' % (code, errors.strip()))
    check(rows and all(row['verified'].split('/')[0] == row['steps'].split('/')[0] for row in rows), 'every claimed step verified: %r' % rows)
    guided = next(i for i, entry in enumerate(progress['lessons']) if entry['mode'] == 'guided')
    challenge = next(i for i, entry in enumerate(progress['lessons']) if any(step['hints'] for step in entry['steps']))

    edited = copy.deepcopy(progress)
    event = next(e for e in edited['lessons'][guided]['evidence']['events'] if 'request' in e)
    event['request']['path'] = '/api/no-such-view/'
    expect_step_named(args, directory, 'page-request-changed', edited, event['step'] + 1, 'in the file')

    edited = copy.deepcopy(progress)
    steps = edited['lessons'][guided]['steps']
    steps.append(copy.deepcopy(steps[-1]))
    expect_step_named(args, directory, 'page-step-added', edited, len(steps), 'has only')

    edited = copy.deepcopy(progress)
    index, step = next((i, s) for i, s in enumerate(edited['lessons'][challenge]['steps']) if s['hints'])
    shown, step['hints'] = step['hints'], step['hints'] - 1
    expect_step_named(args, directory, 'page-hints-lowered', edited, index + 1, 'claims %d hints, the evidence shows %d' % (shown - 1, shown))

    edited = copy.deepcopy(progress)
    edited['lessons'][challenge]['evidence'] = copy.deepcopy(progress['lessons'][guided]['evidence'])
    code, rows, errors = report(args.authlab, directory, 'page-evidence-pasted.json', edited)
    check(code == 1 and 'step ' in errors, 'another lesson\'s evidence pasted in: exit 1 with a step named: %d %r' % (code, errors.strip()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--authlab', required=True)
    parser.add_argument('check', choices=['round-trip', 'tampering', 'edits'])
    parser.add_argument('lessons', nargs='+')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        {'round-trip': round_trip, 'tampering': tampering, 'edits': edits}[args.check](args, directory)
    for failure in failures:
        print('FAIL:', failure)
    print('%s: %s' % (args.check, 'ok' if not failures else '%d failed' % len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
