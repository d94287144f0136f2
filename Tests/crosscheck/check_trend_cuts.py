#!/usr/bin/env python3
"""Independent check of `cultivar trend --by ATTRIBUTE` (and crossed with a unit level) against
pandas, and against what `score --wave W --by` the same cut publishes.

For several seeds: a random organisation, framework and two declared attributes (the generator
of check_cuts.py), its responses split into two waves imported into a store. For each cut
(location, tenure, unit:1,tenure, unit:2,location):

1. every group's n in each wave equals the pandas count of its answered respondents, and every
   shown dimension's POMP equals the pandas mean of the respondents' dimension scores on 0-100
   (1e-9);
2. each wave publishes exactly what `score --wave W --by` the same cut publishes: the same
   groups, the same numbers shown, the same withheld (a group hidden in one wave is never
   shown by trend).
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from check_cuts import make_case, pooled, respondent_scores, unit_line  # noqa: E402  (the same generated organisations)

TOLERANCE = 1e-9
CUTS = ["location", "tenure", "unit:1,tenure", "unit:2,location"]
WAVES = ["w1", "w2"]


def run(cultivar, folder, *arguments):
    done = subprocess.run([cultivar, *arguments], cwd=folder, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)}: exit {done.returncode}: {done.stderr[-400:]}")
    return done.stdout


def shown(point):
    """Per dimension: its POMP, or None when withheld (and None for a withheld group)."""
    return {d: v.get("pomp") for d, v in (point.get("dimensions") or {}).items()}


def run_case(cultivar, seed):
    rng = np.random.default_rng(9100 + seed)
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = make_case(rng, folder)
        names, parents, levels, item_ids, frame = pooled(case)
        frame["wave"] = [WAVES[int(x)] for x in rng.integers(0, 2, len(frame))]
        columns = ["respondent_id", "team", "location", "tenure"] + item_ids
        for wave in WAVES:
            frame.loc[frame["wave"] == wave, columns].to_csv(folder / f"{wave}.csv", index=False)
            run(cultivar, folder, "import", "survey.yaml", f"{wave}.csv", "--wave", wave)
        values, answered, scores = respondent_scores(case, frame)

        def members(cut, name):
            unit_part, _, attribute_part = name.partition(" × ")
            if "," not in cut:
                return frame[f"{cut}_label"] == name
            attribute = cut.split(",")[1]
            in_unit = frame["team"].map(lambda t: any(names[u] == unit_part for u in unit_line(parents, t)))
            return in_unit & (frame[f"{attribute}_label"] == attribute_part)

        for cut in CUTS:
            if cut.startswith("unit:2") and case["depth"] < 2:
                continue
            trend = json.loads(run(cultivar, folder, "trend", "survey.yaml", "--waves", ",".join(WAVES), "--org", "org.yaml",
                                   "--by", cut, "--format", "json"))
            lines = trend["frameworks"][0]["teams"]
            for w, wave in enumerate(WAVES):
                score = json.loads(run(cultivar, folder, "score", "survey.yaml", "--wave", wave, "--org", "org.yaml", "--by", cut,
                                       "--format", "json"))
                by_score = {t["team"]: t for t in score["frameworks"][0]["teams"]}
                points = {line["team"]: line["points"][w] for line in lines if line["points"][w] is not None}
                points.pop("(all teams)", None)
                if set(points) != set(by_score):
                    failures.append(f"seed {seed} {cut} {wave}: trend groups {sorted(points)} != score groups {sorted(by_score)}")
                for name, point in points.items():
                    rows = members(cut, name) & (frame["wave"] == wave)
                    mask = answered & rows
                    checked += 1
                    if point["n"] != int(mask.sum()):
                        failures.append(f"seed {seed} {cut} {wave} {name}: n {point['n']} != pandas {int(mask.sum())}")
                    team = by_score.get(name)
                    if team is None:
                        continue
                    scored = {} if team["suppressed"] else {
                        d["id"]: (None if "suppressed" in d else d["pomp"]) for d in team["dimensions"]}
                    for d, pomp in shown(point).items():
                        if (pomp is None) != (scored.get(d) is None):
                            failures.append(f"seed {seed} {cut} {wave} {name} {d}: trend shows {pomp}, score shows {scored.get(d)}")
                        if pomp is None:
                            continue
                        x = scores.loc[mask, d].dropna()
                        want = (x.mean() - 1) / 4 * 100
                        checked += 1
                        if not math.isclose(pomp, want, rel_tol=TOLERANCE, abs_tol=TOLERANCE):
                            failures.append(f"seed {seed} {cut} {wave} {name} {d}: POMP {pomp} != pandas {want}")
    return failures, checked


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--seeds", type=int, default=6)
    args = parser.parse_args()
    args.cultivar = str(Path(args.cultivar).resolve())
    failures, checked = [], 0
    for seed in range(args.seeds):
        f, c = run_case(args.cultivar, seed)
        failures += f
        checked += c
    for failure in failures[:40]:
        print(failure, file=sys.stderr)
    if failures or checked == 0:
        print(f"check_trend_cuts: {len(failures)} failures in {checked} checks", file=sys.stderr)
        sys.exit(1)
    print(f"check_trend_cuts: {checked} trend numbers over {args.seeds} generated organisations equal pandas and score --wave --by")


if __name__ == "__main__":
    main()
