#!/usr/bin/python3
"""Run scenario files against the real Django/DRF/djoser/simplejwt stack.

    /usr/bin/python3 tests/reference/run_scenarios.py [--json] FILE...

See README.md beside this file and ../shared/spec/scenarios.md."""
import os
import sys

sys.dont_write_bytecode = True  # write nothing into the work tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'

import argparse  # noqa: E402
import json  # noqa: E402

import django  # noqa: E402

START = '2024-01-01T12:00:00Z'


def run_file(filename, worlds, clock, as_json):
    """Run one file; True when every expectation holds. Raises ScenarioError."""
    from django.core.cache import cache
    from policies import Applied, PolicyError
    from scenario import ScenarioError, run_steps
    from world import SetupError

    try:
        with open(filename, encoding='utf-8') as f:
            scenario = json.load(f)
    except (OSError, ValueError) as e:
        raise ScenarioError('cannot read: %s' % e) from None
    if not isinstance(scenario, dict) or not isinstance(scenario.get('steps'), list):
        raise ScenarioError('not a scenario: needs an object with a "steps" list')
    setup = scenario.get('setup', {})
    clock.move_to(START)
    try:
        worlds.load(setup)
        cache.clear()  # the throttles' history: each scenario starts without one
        applied = Applied(setup.get('policies'))
    except (SetupError, PolicyError) as e:
        raise ScenarioError(str(e)) from None
    try:
        rows = list(run_steps(scenario['steps'], clock))
    finally:
        applied.undo()

    if as_json:
        print(json.dumps([out for _, out, _ in rows], ensure_ascii=False))
        return True
    print('== %s (%s)' % (filename, scenario.get('name', '')))
    ok = True
    for number, (step, out, reasons) in enumerate(rows, 1):
        if out is None:
            print('%3d  advance %ss' % (number, step['advance']))
            continue
        request, expect = step['request'], step.get('expect', {})
        ok = ok and not reasons
        print('%3d  %-6s %-34s %3d  %-4s  %s%s' % (
            number, request['method'], request['path'], out['status'],
            expect.get('status', '-'), 'FAIL' if reasons else 'pass',
            ': ' + '; '.join(reasons) if reasons else ''))
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--json', action='store_true', help='print each file\'s outputs as one JSON line')
    parser.add_argument('files', nargs='+', metavar='FILE')
    args = parser.parse_args()

    django.setup()
    from hash_memo import remember_hashes
    remember_hashes()  # a batch logs the same users in again and again: each hash once
    from freezegun import freeze_time
    from scenario import ScenarioError
    from world import Worlds

    clock = freeze_time(START).start()  # once: patches datetime/time in every loaded module
    worlds = Worlds()
    passed = failed = errors = 0
    for filename in args.files:
        try:
            if run_file(filename, worlds, clock, args.json):
                passed += 1
            else:
                failed += 1
        except ScenarioError as e:
            errors += 1
            failed += 1
            if args.json:  # stdout keeps only JSON lines
                print('%s: cannot run: %s' % (filename, e), file=sys.stderr)
            else:
                print('== %s: CANNOT RUN: %s' % (filename, e))
    if not args.json:
        print('%d passed, %d failed' % (passed, failed))
    if errors:
        return 2
    return 1 if failed and not args.json else 0


if __name__ == '__main__':
    sys.exit(main())
