#!/usr/bin/env python3
"""Independent check of `cultivar score --org FILE --by unit:N` against pandas.

For several seeds: a random organisation (2-4 levels, 1-4 children per unit, headcounts), a
random 1-5 framework, responses whose team cells name leaf units or, in one run per seed, hold
the hierarchy as paths, with missing answers and blank rows. For every level N: pools each
level-N unit's whole line in pandas and checks every shown unit's n, mean, SD and POMP per
dimension (1e-9), that units withheld by Cultivar carry no numbers, the participation table
(invited, responded, rate from the minimum group size), and that the organisation row equals
the whole sample.
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

TOLERANCE = 1e-9


def make_case(rng, folder):
    units, leaves = [], []
    def grow(parent, level, depth, path):
        for c in range(int(rng.integers(1, 5))):
            uid = f"{parent or 'u'}-{c}"
            name = f"Unit {uid}"
            head = int(rng.integers(1, 40))
            units.append((uid, name, parent, head, path + [name]))
            if level < depth:
                grow(uid, level + 1, depth, path + [name])
            else:
                leaves.append((uid, path + [name], head))
    depth = int(rng.integers(2, 5))
    grow(None, 1, depth, [])
    lines = ["units:"]
    for uid, name, parent, head, _ in units:
        is_leaf = any(l[0] == uid for l in leaves)
        lines.append(f"  - {{ id: {uid}, name: {name}" + (f", parent: {parent}" if parent else "") + (f", headcount: {head}" if is_leaf else "") + " }")
    (folder / "org.yaml").write_text("\n".join(lines) + "\n")
    dims = [f"d{i}" for i in range(int(rng.integers(1, 4)))]
    items = [(f"{d}_q{j}", d) for d in dims for j in range(2)]
    plugin = ["return {", "  api = 1, id = 'r', name = 'R', version = '1.0.0', description = 'g', source = 'g',",
              "  scale = { min = 1, max = 5 },", "  dimensions = {"] + [f"    {{ id = '{d}', name = '{d}' }}," for d in dims]
    plugin += ["  },", "  items = {"] + [f"    {{ id = '{i}', text = 'x', dimension = '{d}' }}," for i, d in items] + ["  },", "}"]
    (folder / "plugins").mkdir()
    (folder / "plugins" / "r.lua").write_text("\n".join(plugin) + "\n")
    (folder / "survey.yaml").write_text("id: u\ntitle: Units\nframeworks: [r]\nmin_group_size: 5\n")
    rows = []
    for uid, path, head in leaves:
        for _ in range(int(rng.integers(0, head + 1))):
            values = {i: (str(int(rng.integers(1, 6))) if rng.random() > 0.12 else "") for i, _ in items}
            if rng.random() < 0.03:
                values = {i: "" for i, _ in items}
            rows.append({"respondent_id": f"r{len(rows)}", "team": uid, "path": "/".join(path), **values})
    return {"units": units, "leaves": leaves, "dims": dims, "items": items, "depth": depth, "rows": rows}


def ancestor(case, uid, level):
    parents = {u[0]: u[2] for u in case["units"]}
    chain = [uid]
    while parents[chain[-1]]:
        chain.append(parents[chain[-1]])
    chain.reverse()
    return chain[level - 1] if level <= len(chain) else uid


def run_case(cultivar, seed):
    rng = np.random.default_rng(4200 + seed)
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = make_case(rng, folder)
        names = {u[0]: u[1] for u in case["units"]}
        item_ids = [i for i, _ in case["items"]]
        frame = pd.DataFrame(case["rows"], columns=["respondent_id", "team", "path"] + item_ids)
        frame[["respondent_id", "team"] + item_ids].to_csv(folder / "responses.csv", index=False)
        frame[["respondent_id", "path"] + item_ids].rename(columns={"path": "team"}).to_csv(folder / "paths.csv", index=False)
        values = frame[item_ids].replace("", np.nan).astype(float)
        answered = values.notna().any(axis=1)
        scores = pd.DataFrame({d: values[[i for i, dd in case["items"] if dd == d]].mean(axis=1) for d in case["dims"]})
        for level in range(1, case["depth"] + 1):
            for mode, extra in (("org", ["--responses", "responses.csv", "--org", "org.yaml"]), ("paths", ["--responses", "paths.csv"])):
                done = subprocess.run([cultivar, "score", "survey.yaml", *extra, "--by", f"unit:{level}", "--format", "json"],
                                      cwd=folder, capture_output=True, text=True)
                if done.returncode != 0:
                    failures.append(f"seed {seed} level {level} {mode}: exit {done.returncode}: {done.stderr[-300:]}")
                    continue
                report = json.loads(done.stdout)
                if mode == "org":
                    group = frame["team"].map(lambda t: names[ancestor(case, t, level)])
                else:
                    group = frame["path"].map(lambda p: "/".join(p.split("/")[:level]))
                f = report["frameworks"][0]
                for team in f["teams"] + [f["organisation"]]:
                    mask = answered & ((group == team["team"]) if team is not f["organisation"] else True)
                    n = int(mask.sum())
                    if team["n"] != n:
                        failures.append(f"seed {seed} level {level} {mode} {team['team']}: n {team['n']} != {n}")
                    if team["suppressed"]:
                        if set(team) != {"team", "n", "suppressed", "suppression_reason"}:
                            failures.append(f"seed {seed} {team['team']}: a withheld unit carries numbers")
                        continue
                    for d in team["dimensions"]:
                        if "suppressed" in d:
                            continue
                        x = scores.loc[mask, d["id"]].dropna()
                        for key, want in (("n", len(x)), ("mean", x.mean()), ("sd", x.std() if len(x) > 1 else None),
                                          ("pomp", (x.mean() - 1) / 4 * 100)):
                            got = d[key]
                            ok = (got is None and (want is None or (isinstance(want, float) and math.isnan(want)))) or \
                                 (got is not None and want is not None and math.isclose(got, want, rel_tol=TOLERANCE, abs_tol=TOLERANCE))
                            checked += 1
                            if not ok:
                                failures.append(f"seed {seed} level {level} {mode} {team['team']}/{d['id']} {key}: {got} != {want}")
                if mode == "org":
                    for p in report["participation"]:
                        uid = next(u[0] for u in case["units"] if u[1] == p["unit"])
                        line = [l for l in case["leaves"] if ancestor(case, l[0], level) == uid]
                        invited = sum(l[2] for l in line)
                        responded = int((answered & (group == p["unit"])).sum())
                        rate = responded / invited if invited >= 5 else None
                        checked += 1
                        if p["invited"] != invited or p["responded"] != responded or (p["response_rate"] is None) != (rate is None) or \
                                (rate is not None and not math.isclose(p["response_rate"], rate, rel_tol=TOLERANCE)):
                            failures.append(f"seed {seed} level {level} participation {p}: want invited {invited}, responded {responded}, rate {rate}")
    return failures, checked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--seeds", type=int, default=6)
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    failures, total = [], 0
    for seed in range(args.seeds):
        f, checked = run_case(cultivar, seed)
        failures += f
        total += checked
        print(f"units seed {seed}: {checked} numbers checked: {'ok' if not f else f'{len(f)} differences'}")
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print(f"cultivar score --by unit:N agrees with pandas on {total} numbers (tolerance {TOLERANCE}) for {args.seeds} generated organisations")


if __name__ == "__main__":
    main()
