#!/usr/bin/env python3
"""The README's example outputs are what the binary prints.

A fenced block in README.md preceded by a line `<!-- readme-check: FOLDER | ARGS -->` must equal
the standard output of `cultivar ARGS` run in FOLDER (relative to the repository), line by
line, trailing spaces ignored; a line `...` in the block stands for any number of lines.
Fails with the actual output when they differ, to paste into the README.
"""
import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MARK = re.compile(r"^\s*<!-- readme-check: (.*?) \| (.*?) -->\s*$")


def matches(expected, actual):
    """Whether `actual` lines match `expected`, where '...' matches any run of lines."""
    memo = {}

    def go(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i].strip() == "...":
            result = any(go(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and expected[i].rstrip() == actual[j].rstrip() and go(i + 1, j + 1)
        memo[(i, j)] = result
        return result

    return go(0, 0)


def blocks(text):
    lines = text.splitlines()
    for n, line in enumerate(lines):
        mark = MARK.match(line)
        if not mark:
            continue
        start = next(k for k in range(n + 1, len(lines)) if lines[k].strip().startswith("```"))
        indent = len(lines[start]) - len(lines[start].lstrip())
        end = next(k for k in range(start + 1, len(lines)) if lines[k].strip().startswith("```"))
        yield n + 1, mark.group(1), mark.group(2), [l[indent:] for l in lines[start + 1:end]]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cultivar", required=True)
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    failures, checked = [], 0
    for line, folder, command, expected in blocks((ROOT / "README.md").read_text()):
        done = subprocess.run([cultivar, *shlex.split(command)], cwd=ROOT / folder, capture_output=True, text=True)
        actual = done.stdout.rstrip("\n").splitlines()
        checked += 1
        if not matches(expected, actual):
            failures.append(f"README.md:{line}: `cultivar {command}` (in {folder}) prints something else:\n" + done.stdout + done.stderr)
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    if checked == 0:
        sys.exit("README.md has no readme-check blocks")
    print(f"{checked} README example outputs match what the binary prints")


if __name__ == "__main__":
    main()
