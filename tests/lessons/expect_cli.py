#!/usr/bin/python3
"""Runs a command and checks its exit code and that each given line is a whole line of its
standard output: expect_cli.py --exit N [--line TEXT]... -- COMMAND ARG...

The lessons.* CTest tests use it on `tools/authlab lessons check`."""
import argparse
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--exit', type=int, required=True, dest='code')
    parser.add_argument('--line', action='append', default=[])
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    result = subprocess.run(command, capture_output=True, text=True)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    lines = result.stdout.splitlines()
    problems = []
    if result.returncode != args.code:
        problems.append('exit code %d, expected %d' % (result.returncode, args.code))
    problems += ['missing line: %s' % line for line in args.line if line not in lines]
    for problem in problems:
        print('FAIL: ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
