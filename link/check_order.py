#!/usr/bin/env python3
"""Checks that a release binary was linked in the order of link/function-order.txt: the listed
functions it still has must sit together at the start of its code, and most of the list must
still name functions it has (otherwise the list is stale: `make link-order`).

Usage: check_order.py BINARY   (exit status 1 on a failed check)
"""
import sys
from pathlib import Path

from function_order import functions, text_range

HERE = Path(__file__).resolve().parent
# Linked in order, the listed functions and the files' sections they share (the Swift runtime's
# and Foundation's are not split by function) take the first third of the code; linked without
# the list, half of them lie beyond it.
ORDERED_SHARE = 0.4


def main():
    binary = sys.argv[1]
    listed = [line.strip() for line in (HERE / "function-order.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    address_of = {}
    for address, names in functions(binary).items():
        for name in names:
            address_of.setdefault(name, address)
    start, end = text_range(binary)
    span = int((end - start) * ORDERED_SHARE)
    found = [address_of[name] - start for name in listed if name in address_of]
    share = len(found) / len(listed)
    outside = [offset for offset in found if offset >= span]
    print(f"{binary}: {len(found)} of {len(listed)} listed functions present ({share:.0%}); "
          f"{len(outside)} of them beyond the first {span / 1e6:.1f} MB of its {(end - start) / 1e6:.1f} MB of code")
    problems = []
    if share < 0.5:
        problems.append("most listed functions are gone: regenerate the list with `make link-order`")
    if len(outside) > len(found) // 20:
        problems.append("the listed functions are not at the start of the code: is "
                        "--symbol-ordering-file missing from Package.swift's release link?")
    for problem in problems:
        print(f"check_order: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
