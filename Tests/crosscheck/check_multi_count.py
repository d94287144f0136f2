#!/usr/bin/env python3
"""Independent check of a measure that counts the options chosen in a multi-select item
(`count_of`) against pandas.

The example plugin surveys/examples/multilingual/plugins/learning-habits.lua declares
`activities_count = { count_of = "activities", at_least = 3 }`. For random response files
(teams of 1-25 people, cells naming options by id or by label in any language's default (the
English label), any case, `;` or `,` separators, repeated options, blank cells, people who
answered only the multi-select or only the ratings), pandas counts each respondent's distinct
options chosen and computes per team and for the organisation: n (respondents with an answer),
mean, SD (n - 1), sum and the % with 3 or more. `cultivar score --format json` must give the
same numbers (1e-9) for every shown team and measure, must never show a measure of fewer than
min_group_size respondents, and a team's n must count everyone who answered anything. The
same responses imported into a store (`cultivar import`) and scored with `--wave` must give
the same numbers as the file.

  .venv/bin/python Tests/crosscheck/check_multi_count.py --cultivar .build/debug/cultivar
  .venv/bin/python Tests/crosscheck/check_multi_count.py --write-example   # the example's responses.csv
"""
import argparse
import csv
import io
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "surveys/examples/multilingual"
OPTIONS = [("course", "A course"), ("book", "A book"), ("mentor", "Mentoring"),
           ("conference", "A conference"), ("side_project", "A side project")]
RATED = ["lh1", "lh2", "lh3", "lh4"]
AT_LEAST = 3
K = 5
TOLERANCE = 1e-9
ORG = "(all teams)"
failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def cell(rng, chosen):
    """The options chosen, written as a survey tool might: ids or labels, any case, either
    separator, sometimes an option twice."""
    names = []
    for i in chosen:
        name = OPTIONS[i][rng.random() < 0.5]
        names.append(name.upper() if rng.random() < 0.15 else name)
    if chosen and rng.random() < 0.1:
        names.append(OPTIONS[chosen[0]][0])
    rng.shuffle(names)
    return rng.choice([";", ",", "; "]).join(names)


def generate(seed, teams=None):
    """Rows (respondent_id, team, lh1..lh4, activities) and the truth: per respondent, their
    team and their count (None: not answered)."""
    rng = random.Random(seed)
    teams = teams or [(f"Team {chr(65 + t)}", rng.choice([1, 2, 4, 5, 6, 9, 14, 25])) for t in range(rng.randint(2, 7))]
    rows, truth = [], []
    rid = 0
    for team, size in teams:
        for _ in range(size):
            rid += 1
            kind = rng.random()
            ratings = ["" if kind < 0.08 or rng.random() < 0.1 else str(rng.randint(1, 5)) for _ in RATED]
            if kind < 0.15:
                text, count = "", None
            else:
                chosen = rng.sample(range(len(OPTIONS)), rng.randint(1, len(OPTIONS)))
                text, count = cell(rng, chosen), len(chosen)
            rows.append([f"r{rid}", team, *ratings, text])
            answered = count is not None or any(ratings)
            truth.append((team, count, answered))
    return rows, truth


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["respondent_id", "team", *RATED, "activities"])
        w.writerows(rows)


def expected(truth):
    frame = pd.DataFrame(truth, columns=["team", "count", "answered"])
    out = {}
    for name, g in list(frame.groupby("team")) + [(ORG, frame)]:
        counts = g["count"].dropna().astype(float)
        out[name] = dict(
            n_team=int(g["answered"].sum()), n=len(counts),
            mean=counts.mean() if len(counts) else None,
            sd=counts.std(ddof=1) if len(counts) > 1 else None,
            sum=counts.sum() if len(counts) else None,
            at_least=(counts >= AT_LEAST).mean() * 100 if len(counts) else None)
    return out


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(1.0, abs(b))


def compare(label, report, truth):
    framework = report["frameworks"][0]
    exp = expected(truth)
    for team in framework["teams"] + [framework["organisation"]]:
        name = team["team"]
        want = exp.get(name)
        check(want is not None, f"{label}: unknown group {name!r}")
        if want is None or team.get("suppressed"):
            continue
        check(team["n"] == want["n_team"], f"{label} {name}: team n {team['n']} != {want['n_team']}")
        measure = next((m for m in team["measures"] if m["id"] == "activities_count"), None)
        check(measure is not None, f"{label} {name}: no activities_count measure")
        if measure is None:
            continue
        check(measure["n"] == want["n"], f"{label} {name}: measure n {measure['n']} != {want['n']}")
        if "suppressed" in measure:
            leaked = [k for k in ("mean", "sd", "sum", "at_least_pct", "at_most_pct") if measure.get(k) is not None]
            check(not leaked, f"{label} {name}: a withheld measure shows {leaked}")
            continue
        check(measure["n"] >= K, f"{label} {name}: measure of {measure['n']} < {K} respondents shown")
        for key, got in (("mean", measure["mean"]), ("sd", measure["sd"]), ("sum", measure["sum"]), ("at_least", measure["at_least_pct"])):
            check(close(got, want[key]), f"{label} {name}: {key} {got} != {want[key]}")


def score(cultivar, args, cwd):
    run = subprocess.run([cultivar, "score", "survey.yaml", *args, "--format", "json"], cwd=cwd, capture_output=True, text=True)
    if run.returncode != 0:
        failures.append(f"score {' '.join(args)} failed ({run.returncode}): {run.stderr.strip()[:500]}")
        return None
    return json.loads(run.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cultivar", default=str(ROOT / ".build/debug/cultivar"))
    parser.add_argument("--write-example", action="store_true", help="rewrite the example's responses.csv")
    args = parser.parse_args()
    example_teams = [("Data", 9), ("Design", 7), ("Platform", 11), ("Support", 6), ("Sales", 3)]
    if args.write_example:
        rows, _ = generate(2026, example_teams)
        write_csv(EXAMPLE / "responses.csv", rows)
        print(f"wrote {EXAMPLE / 'responses.csv'}")
        return
    cultivar = str(Path(args.cultivar).resolve())
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "plugins").symlink_to(EXAMPLE / "plugins")
        (tmp / "survey.yaml").write_text((EXAMPLE / "survey.yaml").read_text())
        # The example's own file, and random files.
        cases = [("example", generate(2026, example_teams))] + [(f"seed {s}", generate(s)) for s in range(1, 41)]
        for label, (rows, truth) in cases:
            write_csv(tmp / "responses.csv", rows)
            report = score(cultivar, ["--responses", "responses.csv"], tmp)
            if report is None:
                continue
            compare(label, report, truth)
            checked += 1
            if label in ("example", "seed 1", "seed 2", "seed 3"):
                # The same responses through a store: import, then score the wave.
                store = tmp / f"store-{checked}.db"
                imp = subprocess.run([cultivar, "import", "survey.yaml", "responses.csv", "--wave", "w1", "--store", str(store)],
                                     cwd=tmp, capture_output=True, text=True)
                check(imp.returncode == 0, f"{label}: import failed: {imp.stderr.strip()[:500]}")
                stored = score(cultivar, ["--wave", "w1", "--store", str(store)], tmp)
                if stored is not None:
                    compare(label + " (store)", stored, truth)
                    strip = lambda r: [f["teams"] + [f["organisation"]] for f in r["frameworks"]]
                    check(strip(stored) == strip(report), f"{label}: the store's numbers differ from the file's")
        # A cell naming no option is a row error that names the row, the column and the options.
        rows, _ = generate(5)
        rows[2][-1] = "course;podcast"
        write_csv(tmp / "responses.csv", rows)
        run = subprocess.run([cultivar, "score", "survey.yaml", "--responses", "responses.csv"], cwd=tmp, capture_output=True, text=True)
        check(run.returncode != 0 and "responses.csv:4" in run.stderr and "podcast" in run.stderr and "side_project" in run.stderr,
              f"a bad multi-select cell: {run.returncode} {run.stderr.strip()[:400]}")
    if failures:
        print(f"check_multi_count: {len(failures)} failure(s)")
        for f in failures[:40]:
            print("  " + f)
        sys.exit(1)
    print(f"check_multi_count: {checked} response files: activities_count (count_of) n, mean, SD, sum and % >= {AT_LEAST} "
          f"per team and organisation agree with pandas (file and store), bad cells refused")


if __name__ == "__main__":
    main()
