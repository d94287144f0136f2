#!/usr/bin/env python3
"""Independent expected values for plugins/learning-breadth, whose `score` hook reads
`respondent.counts.ways` (the number of options ticked in a multi-select), computed with pandas
from the plugin's rule as written in its comments (not from Cultivar's code).

Generates seeded responses (options by id or label in any case, `;` or `,` separators, repeated
options, blank multi-select cells, people who answered only the ratings or only the
multi-select, a blank row) into plugins/learning-breadth/tests/generated.csv, and per team and
for the organisation: n (answered anything), the dimension `time` (n, mean, SD), the measure
`ways_count` (n, mean, sum) and the hook's measure `broad` (n, mean, % at least 1) into
generated.expected.json. `cultivar plugins test` checks Cultivar against them.

  python3 Tests/plugin-fixtures/multi_counts.py           # check the files are up to date
  python3 Tests/plugin-fixtures/multi_counts.py --write   # (re)write them
"""
import argparse
import csv
import io
import json
import random
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "plugins/learning-breadth/tests"
OPTIONS = [("course", "A course"), ("book", "A book"), ("mentor", "Mentoring"), ("peer", "Learning from a peer")]
ORG = "(all teams)"


def responses(seed=14):
    rng = random.Random(seed)
    rows = []
    for team, size in [("Alpha", 9), ("Beta", 7), ("Gamma", 5)]:
        for _ in range(size):
            chosen = [o for o in range(len(OPTIONS)) if rng.random() < 0.45]
            kind = rng.random()
            ratings = [str(rng.randint(1, 5)) if rng.random() > 0.15 else "" for _ in range(2)]
            if kind < 0.15:
                cell = ""  # the multi-select left unanswered
            else:
                names = [OPTIONS[o][0] if rng.random() < 0.5 else OPTIONS[o][1] for o in chosen]
                names = [n.upper() if rng.random() < 0.2 else n for n in names]
                if names and rng.random() < 0.2:
                    names.append(names[0])  # a repeated option counts once
                cell = (";" if rng.random() < 0.5 else ", ").join(names)
                if not names:
                    cell = "" if rng.random() < 0.5 else "course"
            if 0.15 <= kind < 0.22:
                ratings = ["", ""]  # only the multi-select answered
            rows.append({"respondent_id": f"r{len(rows) + 1:03d}", "team": team, "lb1": ratings[0], "lb2": ratings[1], "ways": cell})
    rows.append({"respondent_id": "r999", "team": "Alpha", "lb1": "", "lb2": "", "ways": ""})  # a blank row
    return rows


def count(cell):
    """Distinct options named in a cell (nil for a blank cell)."""
    if cell.strip() == "":
        return None
    keys = {k.lower(): i for i, (oid, label) in enumerate(OPTIONS) for k in (oid, label)}
    return len({keys[p.strip().lower()] for p in cell.replace(",", ";").split(";") if p.strip()})


def expected(rows):
    frame = pd.DataFrame(rows)
    for i in ("lb1", "lb2"):
        frame[i] = pd.to_numeric(frame[i].replace("", None))
    frame["time"] = frame[["lb1", "lb2"]].mean(axis=1)
    frame["ways_count"] = frame["ways"].map(count).astype(float)
    frame["broad"] = frame["ways_count"].map(lambda c: None if pd.isna(c) else (1.0 if c >= 2 else 0.0)).astype(float)
    frame["answered"] = frame["time"].notna() | frame["ways_count"].notna()
    out = {}
    for name, group in [*frame.groupby("team"), (ORG, frame)]:
        group = group[group["answered"]]
        time, ways, broad = group["time"].dropna(), group["ways_count"].dropna(), group["broad"].dropna()
        out[name] = {
            "n": int(len(group)),
            "dimensions": {"time": {"n": int(len(time)), "mean": float(time.mean()), "sd": float(time.std())}},
            "measures": {
                "ways_count": {"n": int(len(ways)), "mean": float(ways.mean()), "sum": float(ways.sum())},
                "broad": {"n": int(len(broad)), "mean": float(broad.mean()), "at_least_pct": float((broad >= 1).mean() * 100)},
            },
        }
    return {"_comment": "Generated responses (seed 14) and values computed with pandas from the plugin's rule, without Cultivar.",
            "_computed_by": "Tests/plugin-fixtures/multi_counts.py", "min_group_size": 1, "tolerance": 1e-09, "teams": out}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    rows = responses()
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=["respondent_id", "team", "lb1", "lb2", "ways"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    files = {TESTS / "generated.csv": text.getvalue(), TESTS / "generated.expected.json": json.dumps(expected(rows), indent=2) + "\n"}
    if args.write:
        for path, content in files.items():
            path.write_text(content)
        print(f"multi_counts: wrote {', '.join(str(p.relative_to(ROOT)) for p in files)}")
        return
    stale = [str(p.relative_to(ROOT)) for p, content in files.items() if not p.exists() or p.read_text() != content]
    if stale:
        print(f"multi_counts: {', '.join(stale)} out of date; run Tests/plugin-fixtures/multi_counts.py --write", file=sys.stderr)
        sys.exit(1)
    print("multi_counts: the learning-breadth fixture matches its independent computation")


if __name__ == "__main__":
    main()
