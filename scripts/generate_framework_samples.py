#!/usr/bin/env python3
"""Deterministic generator of the sample responses of the framework surveys:
surveys/samples/<survey>.csv for surveys/<survey>.yaml.

The organisation is the one of scripts/generate_sample.py: seven teams, one (Legal) below the
anonymity threshold. Each team has a learning-culture level (0 = poor, 1 = strong) and its own
tilt per dimension; a respondent's keyed answer is drawn around that level on the plugin's
scale. For force-field blockers the level is turned round (a poor culture has strong blockers).
Reverse-keyed statements are answered the other way round; on a choice item the team's level
is the chance of picking the learning-culture option (the highest-scored one), written as its
id. About 3% of answers are left blank. Items, reverse keys and options are read from the
plugin files by Tests/plugin-fixtures/plugin_spec.py.

Usage: generate_framework_samples.py [--seed N]   (run from the package root)
"""
import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "plugin-fixtures"))
from plugin_spec import PluginSpec  # noqa: E402

# team -> (respondents, culture level 0-1)
TEAMS = {
    "Customer Success": (48, 0.66),
    "Engineering": (62, 0.72),
    "Finance": (27, 0.40),
    "Operations": (41, 0.45),
    "People & Culture": (19, 0.78),
    "Sales": (33, 0.52),
    "Legal": (3, 0.55),
}

# survey file -> [(plugin id, item ids or None for all)]
SURVEYS = {
    "gill-leader-habits": [("gill-leader-habits", None)],
    "training-vs-learning-culture": [("training-vs-learning-culture", None)],
    "gill-learning-culture-signs": [("gill-learning-culture-signs", None)],
    "gill-force-field": [("gill-force-field", None)],
    "team-psychological-safety": [("team-psychological-safety", None)],
    "learning-building-blocks": [("learning-building-blocks", None)],
    "gill-learning-dna": [("gill-learning-dna", None)],
    "manager-learning-practices": [("manager-learning-practices", None)],
    "gill-learning-culture-scenarios": [("gill-learning-culture-scenarios", None)],
    "pulse": [
        ("senge-five-disciplines", ["sv1", "pm2", "mm3", "tl2", "st2"]),
        ("team-psychological-safety", ["ps1", "ps2", "ps4", "ps5"]),
        ("training-vs-learning-culture", ["tvl_own1", "tvl_cont1", "tvl_centre1", "tvl_purp1"]),
        ("gill-leader-habits", ["lh_msg1", "lh_trust2", "lh_risk1"]),
        ("gill-learning-dna", ["dna_lead1", "dna_mgr1", "dna_hire1", "dna_align1", "dna_struct1"]),
        ("learning-building-blocks", ["lb_safe1", "lb_diff1", "lb_open1", "lb_refl2", "lb_exp1",
                                      "lb_info1", "lb_anal1", "lb_edu1", "lb_xfer1", "lb_lead1"]),
        ("manager-learning-practices", ["mp_safe1", "mp_worth1", "mp_review1", "mp_brief2", "mp_kpi2",
                                        "mp_own1", "mp_model2"]),
        ("gill-learning-culture-scenarios", ["sc_dev1", "sc_inno1", "sc_fb1"]),
    ],
}

BLOCKERS = {"limited_resources", "no_leadership_support", "work_vs_learning", "fear_of_failure",
            "no_alignment", "unclear_expectations", "not_managers_role", "no_opportunity",
            "no_accountability"}


def answer(rng, column, culture):
    """One drawn answer, as the response file holds it."""
    item, lo, hi, dim, rev, options = column
    strength = 1 - culture if dim in BLOCKERS else culture
    if options:  # a choice: the learning-culture option with probability `strength`
        top = max(score for _, _, score in options)
        wanted = rng.random() < strength
        return next(oid for oid, _, score in options if (score == top) == wanted)
    x = round(rng.gauss(lo + strength * (hi - lo), (hi - lo) * 0.2))
    x = min(hi, max(lo, x))
    return str(lo + hi - x if rev else x)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    out_dir = ROOT / "surveys" / "samples"
    out_dir.mkdir(exist_ok=True)
    for survey, uses in SURVEYS.items():
        rng = random.Random(f"{args.seed}-{survey}")
        columns = []  # (item, lo, hi, dimension, reverse, options)
        for plugin_id, subset in uses:
            spec = PluginSpec(plugin_id)
            chosen = [it for it in spec.items if subset is None or it[0] in subset]
            assert subset is None or len(chosen) == len(subset), (survey, plugin_id)
            columns += [(i, int(spec.min), int(spec.max), d, r, spec.options.get(i)) for i, d, r in chosen]
        tilt = {(team, c[3]): rng.gauss(0, 0.08) for team in TEAMS for c in columns}
        rows, number = [], 0
        for team, (size, level) in TEAMS.items():
            for _ in range(size):
                number += 1
                person = rng.gauss(0, 0.10)
                row = {"respondent_id": f"r{number:04d}", "team": team}
                for column in columns:
                    culture = min(1.0, max(0.0, level + tilt[team, column[3]] + person))
                    value = answer(rng, column, culture)
                    row[column[0]] = "" if rng.random() < 0.03 else value
                rows.append(row)
        rng.shuffle(rows)
        path = out_dir / f"{survey}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=["respondent_id", "team"] + [c[0] for c in columns], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"wrote {len(rows)} responses to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
