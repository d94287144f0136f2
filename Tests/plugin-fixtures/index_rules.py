#!/usr/bin/env python3
"""Independent expected values for the index-rule example plugins (pandas, no Cultivar).

For each of the plugins enps, lattice-positive-people, glint-pooled-index and
weighted-learning-index this generates responses (seeded; missing answers, a blank row, a team
of lukewarm people, values exactly on the cut-offs) into plugins/<id>/tests/generated.csv and
computes, from the published rules written out again below (not from Cultivar's code), each
team's and the organisation's n, dimension statistics, measure aggregates, index and band into
plugins/<id>/tests/generated.expected.json. `cultivar plugins test` then checks Cultivar
against them.

  .venv/bin/python Tests/plugin-fixtures/index_rules.py           # check the files
  .venv/bin/python Tests/plugin-fixtures/index_rules.py --write   # (re)write them
"""
import argparse
import io
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
TOLERANCE = 1e-9
ORG = "(all teams)"

# The plugins as their files declare them: scale, items (id, dimensions, reverse), per-dimension
# minimum answered (count, or share of the dimension's items), the rule and the bands.
PLUGINS = {
    "enps": dict(
        scale=(0, 10), favorable={9, 10},
        items=[("enps", ["recommend"], False)], minimum={},
        rule=("nps", {"measure": "nps", "at_least": 9, "at_most": 6}),
        bands=[(-100, "Negative"), (0, "Positive"), (30, "Strong")]),
    "lattice-positive-people": dict(
        scale=(1, 5), favorable={4, 5},
        items=[("lp_grow1", ["growth"], False), ("lp_grow2", ["growth"], False), ("lp_grow3", ["growth"], True),
               ("lp_voice1", ["voice"], False), ("lp_voice2", ["voice"], False), ("lp_voice3", ["voice"], True)],
        minimum={}, rule=("share_positive", {"measure": "share_positive", "at_least": 3.5}), bands=[]),
    "glint-pooled-index": dict(
        scale=(1, 5), favorable={4, 5},
        items=[("gp_learn1", ["learning"], False), ("gp_learn2", ["learning"], False), ("gp_learn3", ["learning"], False),
               ("gp_belong1", ["belonging"], False), ("gp_belong2", ["belonging"], False)],
        minimum={}, rule=("pooled", {"measure": "pooled"}), bands=[]),
    "weighted-learning-index": dict(
        scale=(1, 5), favorable={4, 5},
        items=[("wl_prac1", ["practice"], False), ("wl_prac2", ["practice"], False),
               ("wl_prac3", ["practice", "reflection"], False),
               ("wl_supp1", ["support"], False), ("wl_supp2", ["support"], True), ("wl_supp3", ["support"], False),
               ("wl_refl1", ["reflection"], False), ("wl_refl2", ["reflection"], False)],
        minimum={"practice": 0.66, "support": 1, "reflection": 0.66},
        rule=("pomp_mean", {"weights": {"practice": 2, "support": 1, "reflection": 1}}), bands=[]),
}


def generate(plugin_id, spec, seed):
    """Responses: teams of different sizes, ~15% missing answers, one blank row, a team whose
    people sit just around the cut-offs, and exact cut-off values."""
    rng = np.random.default_rng(seed)
    low, high = spec["scale"]
    items = [i for i, _, _ in spec["items"]]
    rows = []
    sizes = {"Alpha": 9, "Beta": 7, "Gamma": 6, "Delta": 4}
    n = 0
    for team, size in sizes.items():
        for _ in range(size):
            n += 1
            if team == "Gamma":  # lukewarm: answers one point either side of the midpoint
                mid = (low + high) / 2
                answers = rng.integers(math.floor(mid), math.ceil(mid) + 1, size=len(items))
            else:
                answers = rng.integers(low, high + 1, size=len(items))
            row = {"respondent_id": f"r{n:03d}", "team": team}
            for item, x in zip(items, answers):
                row[item] = None if rng.random() < 0.15 else int(x)
            rows.append(row)
    # A row with no answer (not a respondent), and rows on the cut-offs.
    rows.append({"respondent_id": "blank", "team": "Beta", **{i: None for i in items}})
    edge = {"enps": [9, 6], "lattice-positive-people": [3, 4], "glint-pooled-index": [1, 5], "weighted-learning-index": [3, 4]}[plugin_id]
    for k, item in enumerate(items):
        rows[k % 4][item] = edge[k % 2]
    frame = pd.DataFrame(rows, columns=["respondent_id", "team"] + items)
    for item in items:
        frame[item] = frame[item].astype("Int64")
    return frame


def person_values(frame, spec):
    """Per respondent: keyed answers, dimension scores, and the measures' values and answer
    counts, following the documented rules."""
    low, high = spec["scale"]
    keyed = pd.DataFrame(index=frame.index)
    for item, _, reverse in spec["items"]:
        raw = frame[item].astype("float64")
        keyed[item] = (low + high - raw) if reverse else raw
    dims = list(dict.fromkeys(d for _, ds, _ in spec["items"] for d in ds))
    members = {d: [i for i, ds, _ in spec["items"] if d in ds] for d in dims}
    scores = pd.DataFrame(index=frame.index)
    for d in dims:
        block = keyed[members[d]]
        need = spec["minimum"].get(d, 1)
        if need < 1:
            need = max(1, math.ceil(need * len(members[d]) - 1e-9))
        scores[d] = block.mean(axis=1).where(block.notna().sum(axis=1) >= need)
    answered = keyed.notna().sum(axis=1)
    return keyed, scores, members, answered


def stats(series):
    s = series.dropna()
    out = {"n": int(len(s))}
    if len(s):
        out["mean"] = float(s.mean())
        out["sum"] = float(s.sum())
    if len(s) > 1:
        out["sd"] = float(s.std(ddof=1))
    return out


def expected(frame, spec):
    keyed, scores, members, answered = person_values(frame, spec)
    low, high = spec["scale"]
    rule, params = spec["rule"]
    # The measure each rule reads.
    if rule == "nps":
        measure = keyed["enps"]
    elif rule in ("share_positive", "pooled"):
        measure = keyed.mean(axis=1)  # own mean over answered items (NaN when none)
    else:
        measure = None
    people = answered > 0  # a blank row is nobody's response
    groups = {team: frame.index[(frame["team"] == team) & people] for team in sorted(frame["team"].unique())}
    groups[ORG] = frame.index[people]
    teams = {}
    for team, idx in groups.items():
        result = {"n": int(len(idx)), "dimensions": {}}
        for d, its in members.items():
            s = scores.loc[idx, d].dropna()
            answers = keyed.loc[idx, its].stack().dropna()
            entry = {"n": int(len(s))}
            if len(s):
                entry["mean"] = float(s.mean())
                entry["pomp"] = (entry["mean"] - low) / (high - low) * 100
            if len(s) > 1:
                entry["sd"] = float(s.std(ddof=1))
            if len(answers):
                entry["favorable_pct"] = float(answers.isin(spec["favorable"]).mean() * 100)
            result["dimensions"][d] = entry
        if measure is not None:
            m = measure.loc[idx].dropna()
            entry = stats(m)
            if "at_least" in params:
                entry["at_least_pct"] = float((m >= params["at_least"]).mean() * 100)
            if "at_most" in params:
                entry["at_most_pct"] = float((m <= params["at_most"]).mean() * 100)
            if rule in ("share_positive", "pooled"):
                entry["pooled"] = float(keyed.loc[idx].stack().dropna().mean())
            result["measures"] = {params["measure"]: entry}
        if rule == "nps":
            index = entry["at_least_pct"] - entry["at_most_pct"]
        elif rule == "share_positive":
            index = entry["at_least_pct"]
        elif rule == "pooled":
            index = (entry["pooled"] - low) / (high - low) * 100
        else:
            weights = params["weights"]
            shown = [(w, result["dimensions"][d].get("pomp")) for d, w in weights.items()]
            shown = [(w, p) for w, p in shown if p is not None]
            index = sum(w * p for w, p in shown) / sum(w for w, _ in shown)
        result["index"] = float(index)
        if spec["bands"]:
            result["band"] = [label for start, label in spec["bands"] if index >= start][-1]
        teams[team] = result
    return teams


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the fixtures instead of checking them")
    args = parser.parse_args()
    failed = False
    for seed, (plugin_id, spec) in enumerate(PLUGINS.items(), start=14):
        folder = ROOT / "plugins" / plugin_id / "tests"
        frame = generate(plugin_id, spec, seed)
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, lineterminator="\n")
        doc = {"_comment": f"Generated responses (seed {seed}) and values computed with pandas from the {spec['rule'][0]} rule as documented, without Cultivar.",
               "_computed_by": "Tests/plugin-fixtures/index_rules.py",
               "min_group_size": 1, "tolerance": TOLERANCE, "teams": expected(frame, spec)}
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        csv_path, json_path = folder / "generated.csv", folder / "generated.expected.json"
        if args.write:
            folder.mkdir(parents=True, exist_ok=True)
            csv_path.write_text(buffer.getvalue(), encoding="utf-8")
            json_path.write_text(text, encoding="utf-8")
            print(f"wrote {csv_path.relative_to(ROOT)} and {json_path.name}")
            continue
        same = csv_path.exists() and json_path.exists() and csv_path.read_text(encoding="utf-8") == buffer.getvalue() \
            and json.loads(json_path.read_text(encoding="utf-8")) == json.loads(text)
        print(("✓ " if same else "✗ ") + f"{csv_path.relative_to(ROOT)}: "
              + ("responses and expected values agree with the independent computation" if same else "differs from the independent computation (run with --write and review the diff)"))
        failed |= not same
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
