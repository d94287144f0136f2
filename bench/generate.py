#!/usr/bin/env python3
"""Deterministic synthetic survey waves for `make bench`.

N responses x 40 items on a 1-5 scale: 8 dimensions of 5 items, 10 items reverse-keyed,
about 2% of answers missing, about N/20 teams of uneven (log-normal) size. The same seed
always gives the same file. Usage: generate.py N OUT [--seed S]
"""
import argparse

import numpy as np

DIMENSIONS = 8
ITEMS_PER_DIMENSION = 5
REVERSED = {(d, i) for d in range(DIMENSIONS) for i in (1, 3) if d < 5}  # 10 items


def item_ids():
    return [f"d{d}_q{i}" for d in range(DIMENSIONS) for i in range(ITEMS_PER_DIMENSION)]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.n
    n_teams = max(1, n // 20)
    weights = rng.lognormal(0, 1.0, n_teams)
    teams = rng.choice(n_teams, size=n, p=weights / weights.sum())
    team_level = rng.normal(3.2, 0.5, (n_teams, DIMENSIONS))
    person = rng.normal(0, 0.4, n)
    values = np.empty((n, DIMENSIONS * ITEMS_PER_DIMENSION), dtype=np.int8)
    for d in range(DIMENSIONS):
        for i in range(ITEMS_PER_DIMENSION):
            col = d * ITEMS_PER_DIMENSION + i
            x = np.clip(np.rint(team_level[teams, d] + person + rng.normal(0, 0.8, n)), 1, 5).astype(np.int8)
            values[:, col] = 6 - x if (d, i) in REVERSED else x
    missing = rng.random(values.shape) < 0.02
    digits = np.char.mod("%d", values)
    digits[missing] = ""
    team_names = np.char.add("team-", np.char.zfill(teams.astype(str), 5))
    ids = np.char.add("r", np.char.zfill(np.arange(1, n + 1).astype(str), 7))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("respondent_id,team," + ",".join(item_ids()) + "\n")
        block = 100_000
        for start in range(0, n, block):
            stop = min(n, start + block)
            rows = np.column_stack([ids[start:stop], team_names[start:stop], digits[start:stop]])
            f.write("\n".join(",".join(r) for r in rows.tolist()))
            f.write("\n")


if __name__ == "__main__":
    main()
