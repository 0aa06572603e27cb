#!/usr/bin/python3
"""Run scenario files against the real stack loaded with what AuthLab exported: the world's
Django fixture (`manage.py loaddata`) and its code (the REST_FRAMEWORK block and each view's
policy mixin, executed as they are and put on the bookshop's views).

    /usr/bin/python3 tests/reference/run_exported.py --fixture F.json --code C.py [--json] FILE...

A scenario's setup starts from the loaded world where it would start from "default"; a
setup with its own `policies` gets them as run_scenarios.py gives them. Output, exit status:
as run_scenarios.py."""
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'

import argparse  # noqa: E402
import json  # noqa: E402

import django  # noqa: E402

START = '2024-01-01T12:00:00Z'
MIXINS = {'books': 'BooksPolicy', 'orders': 'OrdersPolicy', 'manager_users': 'ManagerUsersPolicy'}


def load_code(path):
    """The exported module's names, run as a learner's project would import it."""
    with open(path, encoding='utf-8') as f:
        source = f.read()
    names = {'__name__': 'exported'}
    exec(compile(source, path, 'exec'), names)  # noqa: S102 - our own export, under test
    missing = [name for name in ['REST_FRAMEWORK', *MIXINS.values()] if name not in names]
    if missing:
        raise SystemExit('%s: the exported code defines no %s' % (path, ', '.join(missing)))
    return names


def exported_throttles(code):
    """The exported bookshop/throttles.py classes (DRF's own are imported, not defined there)."""
    from rest_framework.throttling import BaseThrottle

    return {name: value for name, value in code.items() if isinstance(value, type)
            and issubclass(value, BaseThrottle) and value.__module__ == 'exported'}


class ExportedPolicy:
    """The exported settings and mixins in force; undo() restores the project's own."""

    def __init__(self, code):
        import time

        from django.conf import settings
        from django.test.utils import override_settings
        from rest_framework.settings import api_settings
        from rest_framework.throttling import SimpleRateThrottle
        from rest_framework.views import APIView
        import bookshop.throttles
        from bookshop.views import POLICY_VIEWS

        # The exported throttles.py's classes where the settings' dotted paths look for them.
        self.added = [name for name in exported_throttles(code) if not hasattr(bookshop.throttles, name)]
        for name in self.added:
            setattr(bookshop.throttles, name, code[name])
        self.override = override_settings(REST_FRAMEWORK=dict(settings.REST_FRAMEWORK, **code['REST_FRAMEWORK']))
        self.override.enable()
        # What DRF reads from the settings once, at import, is read again as a project's start would.
        APIView.authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES
        APIView.throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES
        self.rates, self.timer = SimpleRateThrottle.THROTTLE_RATES, SimpleRateThrottle.__dict__['timer']
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        # The throttles' timer asks time.time when called, so it reads the scenario's frozen clock.
        SimpleRateThrottle.timer = staticmethod(lambda: time.time())
        for key, views in POLICY_VIEWS.items():
            mixin = code[MIXINS[key]]
            for view in views:  # as if each view listed the mixin first among its bases
                view.authentication_classes = vars(mixin).get(
                    'authentication_classes', api_settings.DEFAULT_AUTHENTICATION_CLASSES)
                view.permission_classes = mixin.permission_classes
                view.throttle_classes = vars(mixin).get('throttle_classes', api_settings.DEFAULT_THROTTLE_CLASSES)

    def undo(self):
        from rest_framework.settings import api_settings
        from rest_framework.throttling import SimpleRateThrottle
        from rest_framework.views import APIView
        import bookshop.throttles
        from bookshop.views import POLICY_VIEWS

        self.override.disable()
        APIView.authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES
        APIView.throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES
        SimpleRateThrottle.THROTTLE_RATES, SimpleRateThrottle.timer = self.rates, self.timer
        for name in self.added:
            delattr(bookshop.throttles, name)
        for classes in POLICY_VIEWS.values():
            for view in classes:
                del view.authentication_classes
                del view.permission_classes
                del view.throttle_classes


def loaded_worlds(fixture):
    """run_scenarios' saved databases, with the fixture's world as "default"."""
    from django.core.management import call_command
    from world import Worlds

    worlds = Worlds.__new__(Worlds)
    call_command('migrate', verbosity=0, interactive=False)
    worlds.saved = {'empty': worlds.save()}
    call_command('loaddata', os.path.abspath(fixture), verbosity=0)
    worlds.saved['default'] = worlds.save()
    return worlds


def run_file(filename, worlds, code, clock):
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
    cache.clear()  # the throttles' history: each scenario starts without one
    try:
        worlds.load(setup)
        applied = Applied(setup['policies']) if setup.get('policies') is not None else ExportedPolicy(code)
    except (SetupError, PolicyError) as e:
        raise ScenarioError(str(e)) from None
    try:
        return [out for _, out, _ in run_steps(scenario['steps'], clock)]
    finally:
        applied.undo()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--fixture', required=True)
    parser.add_argument('--code', required=True)
    parser.add_argument('--json', action='store_true', help='required: one JSON line per file')
    parser.add_argument('files', nargs='+', metavar='FILE')
    args = parser.parse_args()
    if not args.json:
        parser.error('only --json output: compare it with tests/conformance/compare.py')

    django.setup()
    from hash_memo import remember_hashes
    remember_hashes()  # a batch logs the same users in again and again: each hash once
    from freezegun import freeze_time
    from scenario import ScenarioError

    clock = freeze_time(START).start()
    worlds = loaded_worlds(args.fixture)
    code = load_code(args.code)
    errors = 0
    for filename in args.files:
        try:
            print(json.dumps(run_file(filename, worlds, code, clock), ensure_ascii=False))
        except ScenarioError as e:
            errors += 1
            print('%s: cannot run: %s' % (filename, e), file=sys.stderr)
    return 2 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
