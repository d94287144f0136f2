#!/usr/bin/env python3
"""Deterministic synthetic survey waves for `make bench`.

N responses x 40 items on a 1-5 scale: 8 dimensions of 5 items, 10 items reverse-keyed,
about 2% of answers missing, about N/20 teams of uneven (log-normal) size. The same seed
always gives the same file. Usage: generate.py N OUT [--seed S] [--teams T] [--dimensions D]
[--items I] (bench/scaling.py varies the teams, dimensions and items per dimension; items 1 and
3 of the first five dimensions are reverse-keyed whatever the shape).
"""
import argparse
import os

import numpy as np

DIMENSIONS = 8
ITEMS_PER_DIMENSION = 5


def reversed_items(dimensions, items):
    """(dimension, item) pairs that are reverse-keyed: 10 items in the default shape."""
    return {(d, i) for d in range(dimensions) for i in (1, 3) if d < 5 and i < items}


def item_ids(dimensions=DIMENSIONS, items=ITEMS_PER_DIMENSION):
    return [f"d{d}_q{i}" for d in range(dimensions) for i in range(items)]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--teams", type=int, help="number of teams (default N/20)")
    parser.add_argument("--dimensions", type=int, default=DIMENSIONS)
    parser.add_argument("--items", type=int, default=ITEMS_PER_DIMENSION, help="items per dimension")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.n
    dimensions, items = args.dimensions, args.items
    reverse = reversed_items(dimensions, items)
    n_teams = args.teams or max(1, n // 20)
    weights = rng.lognormal(0, 1.0, n_teams)
    teams = rng.choice(n_teams, size=n, p=weights / weights.sum())
    team_level = rng.normal(3.2, 0.5, (n_teams, dimensions))
    person = rng.normal(0, 0.4, n)
    values = np.empty((n, dimensions * items), dtype=np.int8)
    for d in range(dimensions):
        for i in range(items):
            col = d * items + i
            x = np.clip(np.rint(team_level[teams, d] + person + rng.normal(0, 0.8, n)), 1, 5).astype(np.int8)
            values[:, col] = 6 - x if (d, i) in reverse else x
    missing = rng.random(values.shape) < 0.02
    digits = np.char.mod("%d", values)
    digits[missing] = ""
    team_names = np.char.add("team-", np.char.zfill(teams.astype(str), max(5, len(str(n_teams - 1)))))
    ids = np.char.add("r", np.char.zfill(np.arange(1, n + 1).astype(str), 7))
    # Written beside the target and renamed when whole: the benchmarks reuse a file that exists,
    # so an interrupted run must not leave half of one under the final name.
    partial = args.out + ".part"
    with open(partial, "w", encoding="utf-8") as f:
        f.write("respondent_id,team," + ",".join(item_ids(dimensions, items)) + "\n")
        block = 100_000
        for start in range(0, n, block):
            stop = min(n, start + block)
            rows = np.column_stack([ids[start:stop], team_names[start:stop], digits[start:stop]])
            f.write("\n".join(",".join(r) for r in rows.tolist()))
            f.write("\n")
    os.replace(partial, args.out)


if __name__ == "__main__":
    main()
