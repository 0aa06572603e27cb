#!/usr/bin/python3
"""The native CLI checks a world file as the page does (exit 2 with the reason), whichever
command reads it: world_checks.py --authlab PATH COMMAND, COMMAND one of run, export, world,
import. The worlds are the default one with its clock moved past year 9999 (to 10054, as the
largest offset a world file holds puts it) and before 1970."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, '..', 'scenarios', '01-djoser-user-create.json')
CLOCKS = {
    'past 9999': (253402300799000000, 'the virtual clock cannot pass 9999-12-31 23:59:59 UTC'),
    'before 1970': (-1704110400000001, 'the virtual clock cannot go before 1970-01-01 00:00:00 UTC'),
}


def command_line(authlab, command, world, directory):
    if command == 'run':
        return [authlab, 'run', '--world', world, SCENARIO]
    if command == 'export':
        return [authlab, 'export', 'fixture', world]
    if command == 'world':
        return [authlab, 'world', world]
    fixture = os.path.join(directory, 'fixture.json')
    with open(fixture, 'w') as f:
        f.write('[]')
    return [authlab, 'import', 'fixture', fixture, world]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--authlab', required=True)
    parser.add_argument('command', choices=['run', 'export', 'world', 'import'])
    args = parser.parse_args()
    default = json.loads(subprocess.run([args.authlab, 'world'], capture_output=True, text=True, check=True).stdout)
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        for name, (offset, reason) in CLOCKS.items():
            path = os.path.join(directory, 'world.json')
            with open(path, 'w') as f:
                json.dump(dict(default, clock_offset_micros=offset), f)
            done = subprocess.run(command_line(args.authlab, args.command, path, directory), capture_output=True, text=True)
            expected = 'authlab: %s: clock_offset_micros: %s' % (path, reason)
            print('%s, clock %s: exit %d, stderr %r' % (args.command, name, done.returncode, done.stderr[:300]))
            if done.returncode != 2 or not done.stderr.startswith(expected) or done.stdout:
                failures.append('clock %s: expected exit 2, no output and "%s…"' % (name, expected))
    for failure in failures:
        print('FAIL: ' + failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
