#!/usr/bin/env python3
"""The layer check catches what it should: run on small made-up core/ trees."""
import os
import subprocess
import sys
import tempfile
import unittest

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'includes_point_down.py')
LAYERS = ['lab scenario', '.', 'views', 'drf', 'jwt django', 'world auth', 'python']


def run_on(files, layers=LAYERS):
    """Writes the files (path → text) under a fresh core/ and runs the check over it."""
    with tempfile.TemporaryDirectory() as tmp:
        core = os.path.join(tmp, 'core')
        for path, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(core, path)), exist_ok=True)
            with open(os.path.join(core, path), 'w', encoding='utf-8') as out:
                out.write(text)
        done = subprocess.run([sys.executable, CHECK, core, *layers], capture_output=True, text=True)
        return done.returncode, done.stdout.splitlines()


class IncludesPointDown(unittest.TestCase):
    def test_an_upward_include_fails_naming_the_file_and_both_layers(self):
        code, lines = run_on({
            'world/world_json.cpp': '#include "world/world.hpp"\n#include "drf/policy_check.hpp"\n',
            'world/world.hpp': '#pragma once\n',
            'drf/policy_check.hpp': '#pragma once\n#include "world/world.hpp"\n',
        })
        self.assertEqual(code, 1)
        self.assertEqual(lines, ['core/world/world_json.cpp includes drf/policy_check.hpp: world may not include drf'])

    def test_includes_down_and_within_a_layer_pass(self):
        code, lines = run_on({
            'drf/fields.cpp': '#include "python/str.hpp"\n#include "jwt/tokens.hpp"\n#include <string>\n',
            'jwt/python_json.cpp': '#include "django/codecs.hpp"\n',  # peers in one layer
            'world/world.hpp': '#include "auth/user.hpp"\n',  # one way within a layer
            'lab/snapshot.cpp': '#include "backend.hpp"\n',
            'backend.cpp': '#include "views/views.hpp"\n',
        })
        self.assertEqual(code, 0, lines)

    def test_two_directories_of_one_layer_that_include_each_other_fail(self):
        code, lines = run_on({
            'auth/model_backend.hpp': '#include "world/world.hpp"\n',
            'auth/user.hpp': '#pragma once\n',
            'world/world.hpp': '#include "auth/user.hpp"\n',
            'world/seed.hpp': '#include "auth/user.hpp"\n',
        })
        self.assertEqual(code, 1)
        self.assertEqual(lines, [
            'auth and world include each other (core/auth/model_backend.hpp includes world/world.hpp; '
            'core/world/seed.hpp includes auth/user.hpp): one of them belongs in a layer below the other'])

    def test_core_own_files_are_a_layer_of_their_own(self):
        code, lines = run_on({'views/books.cpp': '#include "backend.hpp"\n', 'backend.hpp': '#pragma once\n'})
        self.assertEqual(code, 1)
        self.assertEqual(lines, ['core/views/books.cpp includes backend.hpp: views may not include core/'])

    def test_a_header_beside_its_includer_is_in_the_includers_layer(self):
        code, lines = run_on({'python/str.cpp': '#include "str.hpp"\n', 'python/str.hpp': '#pragma once\n'})
        self.assertEqual(code, 0, lines)

    def test_a_directory_in_no_layer_fails(self):
        code, lines = run_on({'throttling/rates.cpp': '#include "python/str.hpp"\n',
                              'drf/throttles.cpp': '#include "throttling/rates.hpp"\n'})
        self.assertEqual(code, 1)
        self.assertEqual(lines, [
            'core/drf/throttles.cpp includes throttling/rates.hpp: throttling is in no layer '
            '(add it to AUTHLAB_CORE_LAYERS in core/CMakeLists.txt)',
            'core/throttling/rates.cpp: throttling is in no layer '
            '(add it to AUTHLAB_CORE_LAYERS in core/CMakeLists.txt)',
        ])

    def test_spaced_and_commented_out_includes(self):
        code, lines = run_on({'python/a.cpp': '#  include   "drf/x.hpp"\n// #include "views/y.hpp"\n'})
        self.assertEqual(code, 1)
        self.assertEqual(lines, ['core/python/a.cpp includes drf/x.hpp: python may not include drf'])


if __name__ == '__main__':
    unittest.main()
