#!/usr/bin/env python3
"""Independent check of `cultivar score --by` cuts (units, attributes, crossed) against pandas,
and an attacker over everything several runs with different cuts publish together.

For several seeds: a random organisation (2-3 levels), a random 1-5 framework, two declared
attributes (`location`: listed values; `tenure`: number bands), responses with missing answers,
blank rows, blank and banded attribute cells. For every cut (team, unit, unit:1, unit:2,
location, tenure, unit:1,tenure, unit,location, unit --direct):

1. pools each published group in pandas (a unit's whole line; an attribute value over the
   organisation; a unit crossed with a value) and checks every shown n, mean, SD and POMP per
   dimension (1e-9), that withheld groups carry no numbers, and the organisation row;
2. `compare --by unit:1|unit:2 --baseline org|parent`: the same groups withheld as `score --by`,
   each shown mean, and each difference's baseline n and mean (the rest of the organisation, or
   the parent unit's respondents outside the unit, the rest of the organisation for a top unit)
   and the difference; no difference where the parent's number, or the parent minus the unit
   (fewer than K respondents behind it), is withheld;
3. the attacker: per dimension, every shown (n, mean) of every run is an equation over the
   score sums of the atoms (team x location x tenure band); solving exactly (modulo the prime
   2^61 - 1, not the engine's primes), no withheld group's sum and no set of up to three atoms
   behind fewer than the threshold may be determined.
"""
import argparse
import itertools
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

TOLERANCE = 1e-9
K = 5
P = (1 << 61) - 1
LOCATIONS = ["Berlin", "Lisbon", "Remote"]
BANDS = [1, 3]
BAND_LABELS = ["<1", "1-3", "3+"]
CUTS = ["team", "unit", "unit:1", "unit:2", "location", "tenure", "unit:1,tenure", "unit,location", "unit --direct"]


def make_case(rng, folder):
    units = []  # (id, name, parent, level)

    def grow(parent, level, depth):
        for c in range(int(rng.integers(1, 4))):
            uid = f"{parent or 'u'}-{c}"
            units.append((uid, f"Unit {uid}", parent, level))
            if level < depth:
                grow(uid, level + 1, depth)
    depth = int(rng.integers(2, 4))
    grow(None, 1, depth)
    leaves = [u for u in units if not any(v[2] == u[0] for v in units)]
    lines = ["units:"] + [f"  - {{ id: {u[0]}, name: {u[1]}" + (f", parent: {u[2]}" if u[2] else "") + " }" for u in units]
    (folder / "org.yaml").write_text("\n".join(lines) + "\n")
    dims = [f"d{i}" for i in range(int(rng.integers(1, 3)))]
    items = [(f"{d}_q{j}", d) for d in dims for j in range(2)]
    plugin = ["return {", "  api = 1, id = 'r', name = 'R', version = '1.0.0', description = 'g', source = 'g',",
              "  scale = { min = 1, max = 5 },", "  dimensions = {"] + [f"    {{ id = '{d}', name = '{d}' }}," for d in dims]
    plugin += ["  },", "  items = {"] + [f"    {{ id = '{i}', text = 'x', dimension = '{d}' }}," for i, d in items] + ["  },", "}"]
    (folder / "plugins").mkdir()
    (folder / "plugins" / "r.lua").write_text("\n".join(plugin) + "\n")
    (folder / "survey.yaml").write_text(
        f"id: c\ntitle: Cuts\nframeworks: [r]\nmin_group_size: {K}\n"
        f"attributes:\n  location: [{', '.join(LOCATIONS)}]\n  tenure: {{ bands: [{', '.join(map(str, BANDS))}] }}\n")
    rows = []
    for leaf in leaves:
        for _ in range(int(rng.integers(0, 40))):
            values = {i: (str(int(rng.integers(1, 6))) if rng.random() > 0.12 else "") for i, _ in items}
            if rng.random() < 0.03:
                values = {i: "" for i, _ in items}
            location = LOCATIONS[int(rng.integers(0, 3))] if rng.random() > 0.1 else ""
            tenure = f"{rng.uniform(0, 6):.1f}" if rng.random() > 0.1 else ""
            rows.append({"respondent_id": f"r{len(rows)}", "team": leaf[0], "location": location, "tenure": tenure, **values})
    return {"units": units, "dims": dims, "items": items, "depth": depth, "rows": rows}


def band(text):
    if text == "":
        return "(not given)"
    x = float(text)
    return BAND_LABELS[sum(1 for b in BANDS if x >= b)]


class Span:
    """Row space of 0/1 vectors over the atoms, modulo P (reduced echelon form)."""

    def __init__(self, width):
        self.width, self.rows = width, []  # (pivot, dict column -> value)

    def reduce(self, vector):
        v = dict(vector)
        for pivot, row in self.rows:
            f = v.get(pivot, 0)
            if f:
                for c, x in row.items():
                    v[c] = (v.get(c, 0) - f * x) % P
                v = {c: x for c, x in v.items() if x}
        return v

    def add(self, columns):
        v = self.reduce({c: 1 for c in columns})
        if not v:
            return
        pivot = min(v)
        inverse = pow(v[pivot], P - 2, P)
        v = {c: x * inverse % P for c, x in v.items()}
        for i, (p, row) in enumerate(self.rows):
            f = row.get(pivot, 0)
            if f:
                for c, x in v.items():
                    row[c] = (row.get(c, 0) - f * x) % P
                self.rows[i] = (p, {c: x for c, x in row.items() if x})
        self.rows.append((pivot, v))

    def determines(self, columns):
        return not self.reduce({c: 1 for c in columns})


def pooled(case):
    """The generated organisation's units (names, parents, levels by id), item ids, and its
    respondents as one frame with each attribute's published label."""
    names = {u[0]: u[1] for u in case["units"]}
    parents = {u[0]: u[2] for u in case["units"]}
    levels = {u[0]: u[3] for u in case["units"]}
    item_ids = [i for i, _ in case["items"]]
    frame = pd.DataFrame(case["rows"], columns=["respondent_id", "team", "location", "tenure"] + item_ids)
    frame["location_label"] = frame["location"].map(lambda v: f"location: {v or '(not given)'}")
    frame["tenure_label"] = frame["tenure"].map(lambda v: f"tenure: {band(v)}")
    return names, parents, levels, item_ids, frame


def respondent_scores(case, frame):
    """Answers as numbers, who answered anything, and each respondent's dimension means."""
    values = frame[[i for i, _ in case["items"]]].replace("", np.nan).astype(float)
    answered = values.notna().any(axis=1)
    scores = pd.DataFrame({d: values[[i for i, dd in case["items"] if dd == d]].mean(axis=1) for d in case["dims"]})
    return values, answered, scores


def unit_line(parents, team):
    """A team's unit and every unit above it."""
    chain = [team]
    while parents[chain[-1]]:
        chain.append(parents[chain[-1]])
    return chain


def run_case(cultivar, seed):
    rng = np.random.default_rng(7100 + seed)
    failures, checked, attacked, exposed, compared = [], 0, 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = make_case(rng, folder)
        names, parents, levels, item_ids, frame = pooled(case)
        frame[["respondent_id", "team", "location", "tenure"] + item_ids].to_csv(folder / "responses.csv", index=False)
        values, answered, scores = respondent_scores(case, frame)

        def line(team):
            return unit_line(parents, team)

        def members(cut, name):
            """Rows of a published group, by pandas, from the group's name."""
            unit_part, _, attribute_part = name.partition(" × ")
            if cut in ("location", "tenure"):
                return frame[f"{cut}_label"] == name
            if cut in ("team", "unit --direct"):
                return frame["team"] == name
            in_unit = frame["team"].map(lambda t: any(names[u] == unit_part for u in line(t)))
            if "," in cut:
                attribute = cut.split(",")[1]
                return in_unit & (frame[f"{attribute}_label"] == attribute_part)
            return in_unit

        atoms = sorted(set(zip(frame["team"], frame["location_label"], frame["tenure_label"])))
        atom_of = [atoms.index(a) for a in zip(frame["team"], frame["location_label"], frame["tenure_label"])]
        equations = {d: [] for d in case["dims"]}  # per dimension: lists of atoms of shown totals
        withheld = {d: [] for d in case["dims"]}
        published = {}
        for cut in CUTS:
            extra = [] if cut == "team" else ["--org", "org.yaml", "--by", *cut.split(" ")]
            done = subprocess.run([cultivar, "score", "survey.yaml", "--responses", "responses.csv", *extra, "--format", "json"],
                                  cwd=folder, capture_output=True, text=True)
            if done.returncode != 0:
                failures.append(f"seed {seed} {cut}: exit {done.returncode}: {done.stderr[-300:]}")
                continue
            f = json.loads(done.stdout)["frameworks"][0]
            published[cut] = f
            for team in f["teams"] + [f["organisation"]]:
                is_org = team is f["organisation"]
                rows = pd.Series(True, index=frame.index) if is_org else members(cut, team["team"])
                mask = answered & rows
                if team["n"] != int(mask.sum()):
                    failures.append(f"seed {seed} {cut} {team['team']}: n {team['n']} != {int(mask.sum())}")
                group_atoms = sorted({atom_of[i] for i in frame.index[rows]})
                for d in case["dims"]:
                    dim = next((x for x in team.get("dimensions", []) if x["id"] == d), None)
                    if team["suppressed"] or dim is None or "suppressed" in dim:
                        withheld[d].append((f"{cut} {team['team']}", group_atoms))
                    else:
                        equations[d].append(group_atoms)
                if team["suppressed"]:
                    if set(team) != {"team", "n", "suppressed", "suppression_reason"}:
                        failures.append(f"seed {seed} {cut} {team['team']}: a withheld group carries numbers")
                    continue
                for dim in team["dimensions"]:
                    if "suppressed" in dim:
                        continue
                    x = scores.loc[mask, dim["id"]].dropna()
                    for key, want in (("n", len(x)), ("mean", x.mean()), ("sd", x.std() if len(x) > 1 else None),
                                      ("pomp", (x.mean() - 1) / 4 * 100)):
                        got = dim[key]
                        ok = (got is None and (want is None or (isinstance(want, float) and math.isnan(want)))) or \
                             (got is not None and want is not None and math.isclose(got, want, rel_tol=TOLERANCE, abs_tol=TOLERANCE))
                        checked += 1
                        if not ok:
                            failures.append(f"seed {seed} {cut} {team['team']}/{dim['id']} {key}: {got} != {want}")
        # compare --by: the same groups and numbers as score --by, and each baseline's mean.
        unit_of_name = {v: k for k, v in names.items()}
        shown_units = {t["team"]: {x["id"] for x in t.get("dimensions", []) if "suppressed" not in x}
                       for t in published.get("unit", {}).get("teams", [])}
        org_shown = {x["id"] for x in published["team"]["organisation"]["dimensions"] if "suppressed" not in x}
        for cut, baseline in (("unit:1", "org"), ("unit:2", "org"), ("unit:2", "parent"), ("unit:1", "parent")):
            done = subprocess.run([cultivar, "compare", "survey.yaml", "--responses", "responses.csv", "--org", "org.yaml", "--by", cut,
                                   "--baseline", baseline, "--format", "json"], cwd=folder, capture_output=True, text=True)
            if done.returncode != 0:
                failures.append(f"seed {seed} compare {cut} {baseline}: exit {done.returncode}: {done.stderr[-300:]}")
                continue
            teams = json.loads(done.stdout)["frameworks"][0]["teams"]
            scored = {t["team"]: t for t in published[cut]["teams"]}
            if {t["team"] for t in teams} != set(scored):
                failures.append(f"seed {seed} compare {cut}: groups differ from score's")
            for team in teams:
                rows = members(cut, team["team"])
                if team["suppressed"] != scored[team["team"]]["suppressed"]:
                    failures.append(f"seed {seed} compare {cut} {team['team']}: withheld differently from score")
                if team["suppressed"]:
                    continue
                unit = unit_of_name[team["team"]]
                parent = parents[unit]
                if baseline == "org":
                    base_rows, base_shows = ~rows, org_shown
                elif parent is None:
                    # A top unit's parent is the organisation: without the unit, the rest of it.
                    base_rows, base_shows = ~rows, set(org_shown)
                else:
                    # The parent's respondents outside the unit (the unit itself excluded).
                    base_rows = frame["team"].map(lambda t: parent in line(t)) & ~rows
                    base_shows = set(shown_units.get(names[parent], set()))
                if baseline == "parent":
                    # The engine publishes the parent minus the unit only where at least K
                    # respondents are behind it (and on each dimension).
                    rest = answered & base_rows
                    if int(rest.sum()) < K:
                        base_shows = set()
                    base_shows = {d for d in base_shows if int(scores.loc[rest, d].notna().sum()) >= K}
                for dim in team["dimensions"]:
                    if "suppressed" in dim:
                        continue
                    own = scores.loc[answered & rows, dim["id"]].dropna()
                    base = scores.loc[answered & base_rows, dim["id"]].dropna()
                    checked += 1
                    compared += 1
                    if not math.isclose(dim["mean"], own.mean(), rel_tol=TOLERANCE, abs_tol=TOLERANCE):
                        failures.append(f"seed {seed} compare {cut} {team['team']}/{dim['id']} mean {dim['mean']} != {own.mean()}")
                    x = dim["difference"]
                    if dim["id"] not in base_shows or len(base) < 2 or len(own) < 2:
                        if x is not None and dim["id"] not in base_shows:
                            failures.append(f"seed {seed} compare {cut} {baseline} {team['team']}/{dim['id']}: a difference from a withheld baseline")
                        continue
                    if x is None:
                        failures.append(f"seed {seed} compare {cut} {baseline} {team['team']}/{dim['id']}: no difference")
                        continue
                    checked += 3
                    compared += 3
                    # Welch's t and df on two disjoint samples (numpy, not the engine's code).
                    if x.get("t") is not None and own.var(ddof=1) + base.var(ddof=1) > 0:
                        a, b = own.var(ddof=1) / len(own), base.var(ddof=1) / len(base)
                        t = (own.mean() - base.mean()) / math.sqrt(a + b)
                        df = (a + b) ** 2 / (a * a / (len(own) - 1) + b * b / (len(base) - 1))
                        checked += 2
                        compared += 2
                        for key, got, want in (("t", x["t"], t), ("df", x["df"], df)):
                            if not math.isclose(got, want, rel_tol=1e-7, abs_tol=1e-9):
                                failures.append(f"seed {seed} compare {cut} {baseline} {team['team']}/{dim['id']} {key}: {got} != {want}")
                    # The baseline's n and mean are published too: the attacker gets them.
                    equations[dim["id"]].append(sorted({atom_of[i] for i in frame.index[base_rows]}))
                    for key, got, want in (("baseline_n", x["baseline_n"], len(base)), ("baseline_mean", x["baseline_mean"], base.mean()),
                                           ("difference", x["difference"], own.mean() - base.mean())):
                        if not math.isclose(got, want, rel_tol=TOLERANCE, abs_tol=TOLERANCE):
                            failures.append(f"seed {seed} compare {cut} {baseline} {team['team']}/{dim['id']} {key}: {got} != {want}")
        # The attacker, over every run together.
        for d in case["dims"]:
            n = [0] * len(atoms)
            for i in frame.index[scores[d].notna()]:
                n[atom_of[i]] += 1
            live = [a for a in range(len(atoms)) if n[a] > 0]
            span, everything = Span(len(atoms)), Span(len(atoms))
            for group in equations[d]:
                span.add([a for a in group if n[a] > 0])
                everything.add([a for a in group if n[a] > 0])
            for _, group in withheld[d]:
                everything.add([a for a in group if n[a] > 0])
            for label, group in withheld[d]:
                target = [a for a in group if n[a] > 0]
                attacked += 1
                if target and span.determines(target):
                    failures.append(f"seed {seed} {d}: withheld {label} (n = {sum(n[a] for a in target)}) is determined")
            for size in (1, 2, 3):
                for combo in itertools.combinations([a for a in live if n[a] < K], size):
                    if sum(n[a] for a in combo) < K:
                        attacked += 1
                        # Self-test: with every group published, the same attacker finds sets.
                        exposed += everything.determines(list(combo))
                        if span.determines(list(combo)):
                            failures.append(f"seed {seed} {d}: atoms {[atoms[a] for a in combo]} (n = {sum(n[a] for a in combo)}) are determined")
    print(f"  seed {seed}: compare --by unit:1/unit:2 --baseline org/parent: {compared} numbers checked")
    return failures, checked, attacked, exposed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    failures, total, attacks, exposures = [], 0, 0, 0
    for seed in range(args.seeds):
        f, checked, attacked, exposed = run_case(cultivar, seed)
        failures += f
        total += checked
        attacks += attacked
        exposures += exposed
        print(f"cuts seed {seed}: {checked} numbers checked, {attacked} sets attacked, {exposed} exposed if every group were shown: "
              f"{'ok' if not f else f'{len(f)} problems'}")
    if exposures == 0:
        failures.append("self-test: with every group shown the attacker determined no small set; it cannot be trusted")
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print(f"cultivar score --by (9 cuts) and compare --by (unit:1, unit:2; baselines org and parent) agree with pandas on {total} numbers (tolerance {TOLERANCE}) and the attacker over all cuts "
          f"together determined none of {attacks} withheld groups and small sets, for {args.seeds} generated organisations")


if __name__ == "__main__":
    main()
