#!/usr/bin/python3
"""Turns lessons into scenario files, so the real Django stack (tests/reference) can say
whether every expectation a lesson teaches is what the stack really answers.

    /usr/bin/python3 tests/lessons/lesson_to_scenarios.py OUT_DIR LESSON.json...
    /usr/bin/python3 tests/lessons/lesson_to_scenarios.py --check LESSON.json...

A lesson's request and advance steps are scenario steps already. An admin step is not: the
reference runner cannot click in an admin. So the lesson is cut at each admin step, and the
change is folded into the setup of what follows (save_group into setup.groups, create_user
into setup.users, set_policies into setup.policies). Each later part first replays the earlier
requests without their expectations, to get the same captures, cookies and clock back; only
the requests that change books and orders are left out of the replay (they could go another
way with the change already made). The admin step's `check` becomes the last step of a part
of its own, as the core tries it on a copy of the world.

--check converts into a temporary directory and runs tests/reference/run_scenarios.py on the
result: exit 0 when the real stack meets every expectation of every lesson."""
import copy
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, '..', 'reference', 'run_scenarios.py')
REPLAY_PATHS = ('/auth/', '/api-auth/', '/api/token/')


class CannotConvert(Exception):
    pass


def replayable(step):
    """A request worth replaying: it captures, reads, or logs in and out."""
    if 'advance' in step:
        return True
    request = step['request']
    return bool(step.get('capture')) or request['method'] in ('GET', 'HEAD') or request['path'].startswith(REPLAY_PATHS)


def replay(step):
    return {'advance': step['advance']} if 'advance' in step else {'request': step['request'], 'capture': step.get('capture', {})}


def fold(setup, command, where):
    """The admin command as setup entries (scenarios.md's setup)."""
    op = command.get('op')
    if op == 'save_group':
        setup.setdefault('groups', []).append({'name': command['name'], 'permissions': command.get('permissions', [])})
    elif op == 'create_user':
        user = {key: command[key] for key in ('username', 'password', 'email', 'groups', 'permissions',
                                              'is_active', 'is_staff', 'is_superuser') if key in command}
        setup.setdefault('users', []).append(user)
    elif op == 'set_policies':
        setup['policies'] = dict(setup.get('policies') or {}, **command['policies'])
    else:
        raise CannotConvert('%s: the admin change %r has no setup form; convert it by hand' % (where, op))


def scenarios_of(lesson):
    """[(name, scenario)] for one lesson."""
    setup = copy.deepcopy(lesson.get('setup', {}))
    start = [{'advance': setup.pop('advance')}] if setup.get('advance') else []
    out = []
    history = []  # the steps so far, as they replay
    part = {'setup': copy.deepcopy(setup), 'steps': list(start)}
    replayed = []  # the start of `part` that only replays

    def close(current, prefix):
        if any('request' in step for step in current['steps'][len(prefix):]):
            name = '%s-part%d' % (lesson['id'], len(out) + 1)
            out.append((name, dict(name=name, description=lesson['title'], **current)))

    for index, step in enumerate(lesson['steps']):
        where = '%s step %d' % (lesson['id'], index + 1)
        if 'request' in step:
            part['steps'].append({key: step[key] for key in ('request', 'expect', 'capture') if key in step})
            if replayable(step):
                history.append(replay(step))
        elif 'advance' in step:
            part['steps'].append({'advance': step['advance']})
            history.append(replay(step))
        else:
            close(part, replayed)
            fold(setup, step['admin'], where)
            replayed = list(start) + [replay(s) for s in history]
            close({'setup': copy.deepcopy(setup), 'steps': replayed + [{'request': step['check'], 'expect': step['expect']}]}, replayed)
            part = {'setup': copy.deepcopy(setup), 'steps': list(replayed)}
    close(part, replayed)
    return out


def convert(out_dir, files):
    written = []
    for filename in files:
        with open(filename, encoding='utf-8') as f:
            lesson = json.load(f)
        if isinstance(lesson, list):  # index.json, the catalog
            continue
        for name, scenario in scenarios_of(lesson):
            path = os.path.join(out_dir, name + '.json')
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(scenario, f, indent=1, ensure_ascii=False)
            written.append(path)
    return written


def main(argv):
    if len(argv) >= 2 and argv[0] == '--check':
        with tempfile.TemporaryDirectory() as out_dir:
            written = convert(out_dir, argv[1:])
            return subprocess.run(['/usr/bin/python3', REFERENCE] + written).returncode
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    os.makedirs(argv[0], exist_ok=True)
    for path in convert(argv[0], argv[1:]):
        print(path)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except CannotConvert as e:
        sys.stderr.write('lesson_to_scenarios: %s\n' % e)
        sys.exit(2)
