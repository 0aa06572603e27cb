#!/usr/bin/env python3
"""Every CTest name runs exactly the Catch2 case it names.

    check_ctest_names.py BUILD_DIR

Asks CTest for the command of every test catch_discover_tests registered, runs that command
with --list-test-names-only, and fails naming each test whose test spec selects anything but
its one case (Catch2 reads a spec starting with `~` as an exclusion, and `,` `[` `*` `\\`
specially, and CMake splits a name at `;`: such a name would run other cases, or none).
"""
import json
import subprocess
import sys


def main():
    build = sys.argv[1]
    listing = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, capture_output=True, text=True, check=True)
    tests = json.loads(listing.stdout)["tests"]
    unit = [t for t in tests if t.get("command") and t["command"][0].endswith("authlab_unit_tests")]
    if not unit:
        sys.exit("no CTest test runs authlab_unit_tests: catch_discover_tests found nothing?")
    wrong = []
    for test in unit:
        command = test["command"] + ["--list-test-names-only"]
        listed = subprocess.run(command, capture_output=True, text=True).stdout
        names = [line for line in listed.splitlines() if line.strip()]
        if names != [test["name"]]:
            shown = "; ".join(names[:3]) + (f"; … ({len(names)} in all)" if len(names) > 3 else "")
            wrong.append(f"  {test['name']!r} runs {shown or 'no case'}")
    if wrong:
        print(f"{len(wrong)} of {len(unit)} CTest names do not run exactly their own Catch2 case:")
        print("\n".join(wrong))
        print("Rename the case: Catch2 v2 reads a name starting with '~', or holding , [ * \\, as a test spec, and CMake splits a name at ';'.")
        sys.exit(1)
    print(f"all {len(unit)} CTest names run exactly their own Catch2 case")


if __name__ == "__main__":
    main()
