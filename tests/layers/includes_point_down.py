#!/usr/bin/env python3
"""Every #include in core/ points down the layer order, or at its own layer one way.

The order lives in core/CMakeLists.txt (AUTHLAB_CORE_LAYERS), top first; CTest passes it here.
A layer is a few directories of core/ that may include one another, but never both ways: two
directories that include each other are one concept split in two, or a layer that should be
two. "." is core/'s own files (backend, routes). Usage:

    includes_point_down.py CORE_DIR LAYER...     e.g. core "lab scenario" "." "views admin" …

Prints one line per include that runs upward, per file whose directory is in no layer, and per
pair of directories of one layer that include each other, and exits 1 when there is any;
"core/world/world_json.cpp includes drf/policy_check.hpp: world may not include drf".
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.MULTILINE)
SOURCES = ('.cpp', '.hpp', '.h', '.cc', '.inc')


def directory_of(path):
    """The top directory of a path inside core/, "." for core/'s own files."""
    parts = path.split('/')
    return parts[0] if len(parts) > 1 else '.'


def named(directory):
    return 'core/' if directory == '.' else directory


def problems(core_dir, layers):
    """The lines to print: upward includes and directories in no layer, sorted by file."""
    rank = {}
    for depth, layer in enumerate(layers):
        for directory in layer.split():
            rank[directory] = depth
    found = []
    first_include = {}  # (from, to) directories of one layer → the first file that links them
    for root, _, files in os.walk(core_dir):
        for name in sorted(files):
            if not name.endswith(SOURCES):
                continue
            path = os.path.relpath(os.path.join(root, name), core_dir).replace(os.sep, '/')
            shown = 'core/' + path
            source_dir = directory_of(path)
            if source_dir not in rank:
                found.append(f'{shown}: {named(source_dir)} is in no layer '
                             '(add it to AUTHLAB_CORE_LAYERS in core/CMakeLists.txt)')
                continue
            with open(os.path.join(root, name), encoding='utf-8') as text:
                includes = INCLUDE.findall(text.read())
            for included in includes:
                # "x.hpp" beside the including file is that file's own directory.
                if '/' not in included and os.path.exists(os.path.join(root, included)):
                    target_dir = source_dir
                else:
                    target_dir = directory_of(included)
                if target_dir not in rank:
                    found.append(f'{shown} includes {included}: {named(target_dir)} is in no layer '
                                 '(add it to AUTHLAB_CORE_LAYERS in core/CMakeLists.txt)')
                elif rank[target_dir] < rank[source_dir]:
                    found.append(f'{shown} includes {included}: '
                                 f'{named(source_dir)} may not include {named(target_dir)}')
                elif target_dir != source_dir:
                    first_include.setdefault((source_dir, target_dir), f'{shown} includes {included}')
    for (source_dir, target_dir), example in sorted(first_include.items()):
        back = first_include.get((target_dir, source_dir))
        if back and source_dir < target_dir:
            found.append(f'{named(source_dir)} and {named(target_dir)} include each other '
                         f'({example}; {back}): one of them belongs in a layer below the other')
    return sorted(found)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    core_dir, layers = argv[1], argv[2:]
    if not os.path.isdir(core_dir):
        print(f'{core_dir}: no such directory', file=sys.stderr)
        return 2
    found = problems(core_dir, layers)
    for line in found:
        print(line)
    if not found:
        print('every include points down: ' + ' → '.join(named(l) if l == '.' else l for l in layers))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
