#!/usr/bin/env python3
"""Independent computation of the plugin fixtures' expected scores.

For every fixture response file (plugins/<id>/tests/NAME.csv) this computes, without
Cultivar, what the plugin should report per team and for "(all teams)": n, every dimension's
n, mean, sample SD, POMP and favourable %, the index, the band, and passages of the band's
advice. The scoring rules are written out again here from each plugin's documentation (the
README and the index_rule), not taken from Cultivar or from the plugin's Lua hooks; only the
item keys, scale and bands are read from the plugin file (plugin_spec.py).

  python3 Tests/plugin-fixtures/expected_scores.py           # check NAME.expected.json files
  python3 Tests/plugin-fixtures/expected_scores.py --write   # (re)write the computed ones
                                                             # (keeps "_comment" and hand-written files)
"""
import argparse
import csv
import json
import math
import statistics
import sys

from plugin_spec import PluginSpec, ROOT

TOLERANCE = 1e-9

# Gill's force-field table, in his order, with the names the band's advice uses.
DRIVERS = {"strategic_goals": "Strategic goals", "technology": "Technology", "competition": "Competition",
           "compliance": "Compliance", "agility": "Need for agility", "hiring": "Hiring",
           "retention": "Retention", "creativity": "Creativity", "innovation": "Innovation"}
BLOCKERS = {"limited_resources": "Limited resources", "no_leadership_support": "Lack of leadership support",
            "work_vs_learning": "Work vs. learning", "fear_of_failure": "Fear of failure",
            "no_alignment": "Lack of alignment", "unclear_expectations": "Low or unclear expectations",
            "not_managers_role": "Not the role of managers", "no_opportunity": "No opportunity to apply",
            "no_accountability": "No accountability"}
# The building blocks of Garvin, Edmondson & Gino (2008) and their published medians.
BLOCKS = [("environment", "Supportive learning environment", 71,
           ["psychological_safety", "appreciation_of_differences", "openness_to_new_ideas", "time_for_reflection"]),
          ("processes", "Concrete learning processes", 74,
           ["experimentation", "information_collection", "analysis", "education_and_training", "information_transfer"]),
          ("leadership", "Leadership that reinforces learning", 76, None)]


def fmt(x, digits, sign=False):
    """x with `digits` decimals, as the plugin prints it; refuses values so close to a rounding
    tie that the last digit depends on floating-point noise (change the fixture instead)."""
    scaled = abs(x) * 10 ** digits
    if abs(scaled - math.floor(scaled) - 0.5) < 1e-6:
        raise SystemExit(f"{x!r} is a rounding tie at {digits} decimals: change the fixture's answers")
    return f"{x:{'+' if sign else ''}.{digits}f}"


def mean_of(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def respondent_scores(spec, answers):
    """Dimension scores of one respondent: the mean of their answered, reverse-keyed items."""
    by_dim = {}
    for item, dim, _ in spec.items:
        if answers[item] is not None:
            by_dim.setdefault(dim, []).append(spec.keyed(item, answers[item]))
    scores = {dim: mean_of(by_dim.get(dim, [])) for dim in spec.item_dimensions}
    if spec.id == "learning-building-blocks":
        for block, _, _, subscales in BLOCKS:
            if subscales:
                scores[block] = mean_of(scores[s] for s in subscales)
    return scores


def summarize(spec, people):
    """One team's expected results from its respondents' (answers, scores)."""
    dims = {}
    all_dims = list(people[0][1].keys())
    for dim in all_dims:
        values = [s[dim] for _, s in people if s[dim] is not None]
        entry = {"n": len(values)}
        if values:
            m = sum(values) / len(values)
            entry["mean"] = m
            entry["pomp"] = spec.pomp(m)
            if len(values) >= 2:
                entry["sd"] = statistics.stdev(values)
        keyed = [(i, spec.keyed(i, a[i])) for a, _ in people for i, d, _ in spec.items if d == dim and a[i] is not None]
        if keyed:
            entry["favorable_pct"] = sum(1 for i, k in keyed if spec.is_favorable(i, k)) / len(keyed) * 100
        dims[dim] = entry
    team = {"n": len(people), "dimensions": dims}
    pomp = {d: e.get("pomp") for d, e in dims.items()}
    advice = []
    if spec.id == "gill-force-field":
        # Driver and blocker strength: per respondent, the mean of their force scores (measures).
        team["measures"] = {}
        for name, forces in (("drivers", DRIVERS), ("blockers", BLOCKERS)):
            values = [v for v in (mean_of(s[f] for f in forces) for _, s in people) if v is not None]
            team["measures"][name] = {"n": len(values), "mean": sum(values) / len(values), "sum": sum(values)}
            if len(values) >= 2:
                team["measures"][name]["sd"] = statistics.stdev(values)
            pomp[name] = spec.pomp(team["measures"][name]["mean"])
        index = pomp["drivers"] - pomp["blockers"]
        def strongest(forces):
            rated = sorted(((pomp[f], pos, name) for pos, (f, name) in enumerate(forces.items()) if pomp[f] is not None),
                           key=lambda t: (-t[0], t[1]))
            return ", ".join(f"{name} ({fmt(p, 0)})" for p, _, name in rated[:3])
        advice.append(f"Net force {fmt(index, 0, sign=True)} (driver strength {fmt(pomp['drivers'], 0)}, blocker strength "
                      f"{fmt(pomp['blockers'], 0)}). Strongest blockers: {strongest(BLOCKERS)}. "
                      f"Strongest drivers: {strongest(DRIVERS)}.")
        label = spec.band(index)
    elif spec.id == "learning-building-blocks":
        index = sum(pomp[b] for b, _, _, _ in BLOCKS) / 3
        below = [f"{name} {fmt(pomp[b], 1)} (median {median})" for b, name, median, _ in BLOCKS if pomp[b] < median]
        advice.append(f"Below the published median: {'; '.join(below)}." if below
                      else "At or above the published median on all three blocks.")
        label = spec.band(index)
    else:
        known = [p for p in pomp.values() if p is not None]
        index = sum(known) / len(known)
        label = spec.band(index)
        if spec.id == "team-psychological-safety":
            sd = dims["psychological_safety"].get("sd")
            agreement = max(0.0, 1 - sd ** 2 / ((7 ** 2 - 1) / 12)) if sd is not None else None
            if agreement is not None and agreement < 0.70:
                label += ", low agreement"
                advice.append(f"vary widely (SD {fmt(sd, 2)} on the 1-7 scale, agreement {fmt(agreement, 2)}, below 0.70)")
    team["index"] = index
    team["band"] = label
    if advice:
        team["advice_includes"] = advice
    return team


def expected_for(spec, csv_path):
    teams = {}
    with open(csv_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            answers = {i: spec.answer(i, row[i]) for i, _, _ in spec.items}
            teams.setdefault(row["team"], []).append((answers, respondent_scores(spec, answers)))
    everyone = [p for people in teams.values() for p in people]
    result = {name: summarize(spec, people) for name, people in sorted(teams.items())}
    result["(all teams)"] = summarize(spec, everyone)
    return result


def differences(want, got, path=""):
    """Every value the expected file states (`got`) must equal the computed one (`want`); a
    hand-written file may state fewer values than are computed."""
    if isinstance(got, (int, float)) and isinstance(want, dict) and "mean" in want:
        got = {"mean": got}  # a dimension given by its mean alone
    if isinstance(want, dict):
        out = []
        for key in sorted(got if isinstance(got, dict) else {}):
            if key.startswith("_"):
                continue
            if key not in want:
                out.append(f"{path}{key}: in the expected file but not computed")
            else:
                out += differences(want[key], got[key], f"{path}{key}.")
        if not isinstance(got, dict):
            out.append(f"{path[:-1]}: file has {got!r}")
        return out
    if isinstance(want, float) or isinstance(got, float):
        ok = isinstance(got, (int, float)) and math.isclose(want, got, rel_tol=0, abs_tol=TOLERANCE)
        return [] if ok else [f"{path[:-1]}: computed {want!r}, file has {got!r}"]
    return [] if want == got else [f"{path[:-1]}: computed {want!r}, file has {got!r}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the expected files instead of checking them")
    args = parser.parse_args()
    failed = False
    for csv_path in sorted((ROOT / "plugins").glob("*/tests/*.csv")):
        if csv_path.name.endswith(".rejects.csv"):
            continue
        expected_path = csv_path.with_name(csv_path.stem + ".expected.json")
        # Fixtures computed by another independent script (index_rules.py for the index-rule
        # examples, multi_counts.py for multi-select counts) are checked by that script, which
        # `make test-index-rules` runs.
        computed_by = json.loads(expected_path.read_text(encoding="utf-8")).get("_computed_by") if expected_path.exists() else None
        if computed_by not in (None, "Tests/plugin-fixtures/expected_scores.py"):
            if not (ROOT / computed_by).exists():
                failed = True
                print(f"✗ {csv_path.relative_to(ROOT)}: computed by {computed_by}, which does not exist")
            continue
        spec = PluginSpec(csv_path.parent.parent.name)
        computed = expected_for(spec, csv_path)
        old = json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else {}
        shown = csv_path.relative_to(ROOT)
        if args.write:
            if old and "_computed_by" not in old:
                print(f"kept {expected_path.relative_to(ROOT)} (written by hand)")
                continue
            doc = {"_comment": old.get("_comment", "TODO: say how the values can be checked by hand."),
                   "_computed_by": "Tests/plugin-fixtures/expected_scores.py",
                   "min_group_size": 1, "tolerance": TOLERANCE, "teams": computed}
            expected_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {expected_path.relative_to(ROOT)}")
            continue
        problems = differences(computed, old.get("teams", {})) if old.get("teams") else ["no expected file, or no teams in it"]
        if problems:
            failed = True
            print(f"✗ {shown}")
            for p in problems[:20]:
                print(f"    {p}")
        else:
            print(f"✓ {shown}: expected values agree with the independent computation")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
