#!/usr/bin/env python3
"""Independent check of `cultivar compare` against pingouin, scipy, statsmodels and pandas.

For several seeds: writes a random framework plugin (random scale, 2-5 dimensions of 2-6 items,
reverse-keyed items, one deliberately mis-keyed item), a survey and a response file with a
latent trait per respondent, missing answers and teams of uneven size (some below the anonymity
threshold, some small enough to get no verdict); runs `cultivar compare --format json` with the
organisation baseline, a team baseline and listwise deletion; recomputes every number in
Python; and fails on any difference above 1e-9 (pingouin rounds its alpha interval to three
decimals, so that is compared at 1e-3 and recomputed exactly with scipy) or on any score shown
for a suppressed team.
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
import pingouin as pg
from scipy import stats
from statsmodels.stats.multitest import multipletests

TOLERANCE = 1e-9
SMALL_TEAM = 10
RELIABILITY_MINIMUM = 10


def make_case(rng, folder: Path):
    lo = int(rng.choice([0, 1]))
    hi = lo + int(rng.choice([4, 6, 10]))
    dims = [f"d{i}" for i in range(int(rng.integers(2, 6)))]
    items = []
    for d in dims:
        for j in range(int(rng.integers(2, 7))):
            items.append({"id": f"{d}_q{j}", "dimension": d, "reverse": bool(rng.random() < 0.25), "miskeyed": False})
    bad = items[int(rng.integers(0, len(items)))]
    bad["miskeyed"] = True  # written one way, declared the other: correlates negatively once keyed
    k = int(rng.choice([3, 5, 8]))
    plugin = ["return {", "  api = 1, id = 'random', name = 'Random', version = '0.0.1',",
              "  description = 'generated', source = 'generated',", f"  scale = {{ min = {lo}, max = {hi} }},",
              "  dimensions = {"]
    plugin += [f"    {{ id = '{d}', name = 'Dim {d}' }}," for d in dims]
    plugin += ["  },", "  items = {"]
    plugin += [f"    {{ id = '{it['id']}', text = 'Item', dimension = '{it['dimension']}', "
               f"reverse = {'true' if it['reverse'] else 'false'} }}," for it in items]
    plugin += ["  },", "}"]
    (folder / "plugins").mkdir()
    (folder / "plugins" / "random.lua").write_text("\n".join(plugin) + "\n")
    (folder / "survey.yaml").write_text(f"id: check\ntitle: Check\nframeworks: [random]\nmin_group_size: {k}\n")
    sizes = [int(rng.integers(1, 70)) for _ in range(int(rng.integers(3, 10)))] + [int(rng.integers(k, k + 6))]
    # Sometimes a team whose members all give the same answer (no variance: untestable).
    constant = len(sizes) - 1 if rng.random() < 0.5 else None
    rows = []
    for t, size in enumerate(sizes):
        team_shift = rng.normal(0, 0.6)
        for _ in range(size):
            row = {"respondent_id": f"r{len(rows)}", "team": f"Team {t:02d}"}
            traits = {d: rng.normal(team_shift, 1) for d in dims}
            for it in items:
                if t == constant:
                    row[it["id"]] = str(lo + 1)
                    continue
                if rng.random() < 0.1:
                    row[it["id"]] = ""
                    continue
                direction = -1 if it["reverse"] != it["miskeyed"] else 1
                z = direction * traits[it["dimension"]] + rng.normal(0, 1)
                x = int(np.clip(round((lo + hi) / 2 + z * (hi - lo) / 5), lo, hi))
                row[it["id"]] = str(x)
            rows.append(row)
    frame = pd.DataFrame(rows, columns=["respondent_id", "team"] + [it["id"] for it in items])
    frame = frame.sample(frac=1, random_state=int(rng.integers(0, 1 << 30)))
    frame.to_csv(folder / "responses.csv", index=False)
    return {"lo": lo, "hi": hi, "dims": dims, "items": items, "k": k}


def prepare(case, responses):
    lo, hi = case["lo"], case["hi"]
    keyed = responses.copy()
    for it in case["items"]:
        col = pd.to_numeric(keyed[it["id"]], errors="coerce")
        keyed[it["id"]] = (lo + hi - col) if it["reverse"] else col
    scores = pd.DataFrame({"team": keyed["team"]})
    for d in case["dims"]:
        scores[d] = keyed[[it["id"] for it in case["items"] if it["dimension"] == d]].mean(axis=1)
    # The anonymity rules, re-implemented (as in check_scores.py): sizes count rows with an
    # answer; per dimension, a team's number needs k scored respondents and the withheld
    # teams together cover 0 or at least k (else the next-smallest shown team goes too).
    k = case["k"]
    item_cols = [it["id"] for it in case["items"]]
    nonblank = keyed[item_cols].notna().any(axis=1)
    sizes = keyed[nonblank].groupby("team").size().reindex(sorted(keyed["team"].unique()), fill_value=0)
    hidden = {t for t, n in sizes.items() if n < k}
    withheld = set()
    for d in case["dims"]:
        counts = scores.groupby("team")[d].count().reindex(sizes.index, fill_value=0)
        if sizes.sum() < k or 0 < counts.sum() < k:
            withheld.add(("(all teams)", d))
        for t in sizes.index:
            if t in hidden or 0 < counts[t] < k:
                withheld.add((t, d))
        if ("(all teams)", d) in withheld:
            continue
        total = sum(int(counts[t]) for t in sizes.index if (t, d) in withheld)
        shown = sorted((int(counts[t]), t) for t in sizes.index if (t, d) not in withheld and counts[t] > 0)
        while 0 < total < k:
            if not shown:
                withheld.add(("(all teams)", d))
                break
            n, t = shown.pop(0)
            withheld.add((t, d))
            total += n
    for t in sizes.index:
        with_people = [d for d in case["dims"] if scores[scores["team"] == t][d].notna().any()]
        if with_people and all((t, d) in withheld for d in with_people):
            hidden.add(t)
    case["withheld"] = withheld
    return keyed, scores, sizes, hidden


class Checker:
    def __init__(self, label):
        self.label = label
        self.failures = []

    def close(self, what, got, want, tol=TOLERANCE):
        if got is None or want is None or (isinstance(want, float) and math.isnan(want)):
            ok = got is None and (want is None or math.isnan(want))
        else:
            ok = math.isclose(got, want, rel_tol=tol, abs_tol=tol)
        if not ok:
            self.failures.append(f"{self.label}: {what}: cultivar {got} != python {want}")

    def true(self, what, condition):
        if not condition:
            self.failures.append(f"{self.label}: {what}")


def index_interval(case, team_scores):
    """Index CI from pairwise covariances of dimension means (written from the formula)."""
    present = [d for d in case["dims"] if team_scores[d].notna().sum() > 0]
    counts = team_scores[present].notna().astype(float)
    both = counts.T @ counts
    cov = team_scores[present].cov()
    n = counts.sum()
    var = sum(both.loc[d, e] / (n[d] * n[e]) * cov.loc[d, e] for d in present for e in present if both.loc[d, e] > 0)
    index = np.mean([(team_scores[d].mean() - case["lo"]) / (case["hi"] - case["lo"]) * 100 for d in present])
    se = 100 / (case["hi"] - case["lo"]) / len(present) * math.sqrt(max(var, 0))
    half = stats.t.ppf(0.975, int(n.min()) - 1) * se
    return index, index - half, index + half


SEEN = {"verdicts": {}, "warnings": 0, "alphas": 0}


def check_reliability(check, label, case, frame_all, got_list, rule, group="(all teams)"):
    shown_dims = [d for d in case["dims"] if (group, d) not in case.get("withheld", set())]
    check.true(f"{label}: one reliability entry per shown dimension", [r["dimension"] for r in got_list] == shown_dims)
    for rel in got_list:
        d = rel["dimension"]
        cols = [it["id"] for it in case["items"] if it["dimension"] == d]
        frame = frame_all[cols].dropna(how="all")
        check.true(f"{label}/{d}: respondents", rel["respondents"] == len(frame))
        check.true(f"{label}/{d}: complete", rel["complete_respondents"] == len(frame.dropna()))
        if len(cols) < 2:
            continue
        for policy in ["pairwise", "listwise"]:
            got = rel[f"alpha_{policy}"]
            want, ci = pg.cronbach_alpha(data=frame, nan_policy=policy)
            if got is None:
                # Undefined, or above 1: pairwise covariances that fit no data (Cultivar gives none).
                check.true(f"{label}/{d}: alpha {policy} missing but pingouin gives {want}", not np.isfinite(want) or want > 1)
                continue
            check.true(f"{label}/{d}: alpha {policy} {got['alpha']} given where pingouin gives {want} > 1", want <= 1 + 1e-12)
            check.close(f"{label}/{d} alpha {policy}", got["alpha"], want)
            SEEN["alphas"] += 1
            n, k = len(frame), len(cols)
            exact = [1 - (1 - want) * stats.f.isf(0.025, n - 1, (n - 1) * (k - 1)), 1 - (1 - want) * stats.f.isf(0.975, n - 1, (n - 1) * (k - 1))]
            for g, w, r in zip(got["ci"], exact, ci):
                check.close(f"{label}/{d} Feldt {policy}", g, w)
                check.close(f"{label}/{d} Feldt vs pingouin (3 dp)", round(g, 3), r, tol=1e-12)
        data = frame if rule == "pairwise" else frame.dropna()
        cov = data.cov()
        for i, item in enumerate(rel["item_statistics"]):
            col = cols[i]
            rest = [c for c in cols if c != col]
            if rule == "listwise":
                want_r = data[col].corr(data[rest].sum(axis=1))
            else:
                want_r = cov.loc[col, rest].sum() / math.sqrt(cov.loc[col, col] * cov.loc[rest, rest].values.sum())
            check.close(f"{label}/{d}/{col} item-rest r", item["item_rest_r"], want_r)
            want_deleted = pg.cronbach_alpha(data=data.drop(columns=col))[0] if len(rest) >= 2 else None
            check.close(f"{label}/{d}/{col} alpha if deleted", item["alpha_if_deleted"], want_deleted)
            want_n = len(data) if rule == "listwise" else int(frame[col].notna().sum())
            check.true(f"{label}/{d}/{col} n {item['n']} != {want_n}", item["n"] == want_n)
            SEEN["warnings"] += item["warning"] is not None
            check.true(f"{label}/{d}/{col} warning", (item["warning"] is not None and "reverse-keying" in item["warning"]) == (want_r < -0.1))


def check_report(case, report, keyed, scores, sizes, hidden, baseline, rule, selected):
    check = Checker(f"baseline={baseline} deletion={rule}")
    f = report["frameworks"][0]
    shown = [t for t in f["teams"] if not t["suppressed"]]
    for t in f["teams"]:
        if t["team"] in hidden:
            check.true(f"{t['team']} should be suppressed with n only", t["suppressed"] and set(t) == {"team", "n", "suppressed", "suppression_reason"})
    check.true("teams shown", [t["team"] for t in f["teams"]] == selected)
    pvals, where = [], []
    for t in shown:
        name = t["team"]
        mine = scores[scores["team"] == name]
        others = scores[scores["team"] != name] if baseline == "org" else scores[scores["team"] == baseline]
        withheld = case["withheld"]
        if any((name, d) in withheld for d in case["dims"]):
            check.true(f"{name} index withheld", t["index"] is None and t["index_suppression"] == "derived")
        else:
            index, low, high = index_interval(case, mine)
            check.close(f"{name} index", t["index"], index)
            check.close(f"{name} index ci low", t["index_ci"][0], low)
            check.close(f"{name} index ci high", t["index_ci"][1], high)
        for dim in t["dimensions"]:
            x = mine[dim["id"]].dropna()
            if (name, dim["id"]) in withheld:
                check.true(f"{name}/{dim['id']} withheld with n only", "suppressed" in dim and "mean" not in dim and dim["n"] == len(x))
                continue
            check.true(f"{name}/{dim['id']} shown", "suppressed" not in dim)
            check.true(f"{name}/{dim['id']} n", dim["n"] == len(x))
            check.close(f"{name}/{dim['id']} mean", dim["mean"], x.mean())
            if len(x) > 1 and x.var() == 0:
                # scipy gives NaN for a zero scale; the interval of a constant sample is the point.
                check.true(f"{name}/{dim['id']} ci of a constant", dim["ci"] == [x.mean(), x.mean()])
            elif len(x) > 1:
                ci = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
                check.close(f"{name}/{dim['id']} ci low", dim["ci"][0], ci[0])
                check.close(f"{name}/{dim['id']} ci high", dim["ci"][1], ci[1])
            diff = dim["difference"]
            if t["baseline"]:
                check.true(f"{name} is the baseline and has no difference", diff is None)
                continue
            if (("(all teams)" if baseline == "org" else baseline), dim["id"]) in withheld:
                check.true(f"{name}/{dim['id']} no difference from a withheld baseline", diff is None)
                continue
            y = others[dim["id"]].dropna()
            check.close(f"{name}/{dim['id']} baseline mean", diff["baseline_mean"], y.mean())
            check.close(f"{name}/{dim['id']} difference", diff["difference"], x.mean() - y.mean())
            if len(x) < 2 or len(y) < 2 or x.var() == 0 or y.var() == 0:
                reason = "fewer_than_two" if len(x) < 2 or len(y) < 2 else "no_variance"
                check.true(f"{name}/{dim['id']} untestable ({reason})", diff["verdict"] == "untestable"
                           and diff["untestable_reason"] == reason and diff["p"] is None and diff["t"] is None)
                SEEN["verdicts"]["untestable"] = SEEN["verdicts"].get("untestable", 0) + 1
                continue
            test = stats.ttest_ind(x, y, equal_var=False)
            check.close(f"{name}/{dim['id']} t", diff["t"], test.statistic)
            check.close(f"{name}/{dim['id']} df", diff["df"], test.df)
            check.close(f"{name}/{dim['id']} p", diff["p"], test.pvalue)
            check.close(f"{name}/{dim['id']} cohen d", diff["cohens_d"], pg.compute_effsize(x, y, eftype="cohen"))
            se = math.sqrt(x.var() / len(x) + y.var() / len(y))
            mdd = (stats.t.ppf(0.975, test.df) + stats.t.ppf(0.8, test.df)) * se
            check.close(f"{name}/{dim['id']} mdd", diff["min_detectable_difference"], mdd)
            pvals.append(test.pvalue)
            where.append((diff, len(x), x.mean() - y.mean()))
    if pvals:
        adjusted = multipletests(pvals, method="holm")[1]
        check.true("holm family size", report["method"]["holm_family_size"] == len(pvals))
        for (diff, n, delta), p_adj in zip(where, adjusted):
            check.close("p holm", diff["p_holm"], p_adj)
            if p_adj < 0.05:
                want = "higher" if delta > 0 else "lower"
            else:
                want = "too_small" if n < SMALL_TEAM else "no_clear_difference"
            check.true(f"verdict {diff['verdict']} != {want}", diff["verdict"] == want)
            check.true("small_sample flag", diff["small_sample"] == (want in ("higher", "lower") and n < SMALL_TEAM))
            SEEN["verdicts"][want] = SEEN["verdicts"].get(want, 0) + 1
    check_reliability(check, "organisation", case, keyed, f["reliability"], rule)
    for t in shown:
        if t["n"] >= RELIABILITY_MINIMUM:
            check_reliability(check, t["team"], case, keyed[keyed["team"] == t["team"]], t["reliability"], rule, group=t["team"])
        else:
            check.true(f"{t['team']}: no reliability below {RELIABILITY_MINIMUM}", t["reliability"] == [])
    return check.failures, len(pvals)


def run_case(cultivar, seed):
    rng = np.random.default_rng(1000 + seed)
    failures, tests = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = make_case(rng, folder)
        responses = pd.read_csv(folder / "responses.csv", dtype=str, keep_default_na=False).replace("", np.nan)
        keyed, scores, sizes, hidden = prepare(case, responses)
        teams = sorted(sizes.index)
        visible = [t for t in teams if t not in hidden]
        runs = [("org", "pairwise", None), ("org", "listwise", None)]
        if len(visible) >= 2:
            runs.append((max(visible, key=lambda t: (sizes[t], t)), "pairwise", None))
            runs.append(("org", "pairwise", [visible[0]] + sorted(hidden)[:1]))
        for baseline, rule, subset in runs:
            args = [cultivar, "compare", "survey.yaml", "--responses", "responses.csv", "--format", "json",
                    "--baseline", baseline, "--deletion", rule]
            if subset:
                args += ["--teams", ",".join(subset)]
            done = subprocess.run(args, cwd=folder, capture_output=True, text=True)
            if done.returncode != 0:
                failures.append(f"exit {done.returncode}: {done.stderr}")
                continue
            selected = subset or teams
            if baseline != "org":
                selected = [baseline] + [t for t in selected if t != baseline]
            f, n = check_report(case, json.loads(done.stdout), keyed, scores, sizes, hidden, baseline, rule, selected)
            failures += f
            tests += n
    return failures, len(responses), len(sizes), len(hidden), tests


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--seeds", type=int, default=8)
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    all_failures = []
    for seed in range(args.seeds):
        failures, rows, n_teams, n_hidden, tests = run_case(cultivar, seed)
        status = "ok" if not failures else f"{len(failures)} differences"
        print(f"compare seed {seed:2d}: {rows:4d} rows, {n_teams:2d} teams, {n_hidden} suppressed, {tests:3d} tests: {status}")
        all_failures += [f"seed {seed}: {f}" for f in failures]
    print(f"checked {SEEN['alphas']} alphas, {SEEN['warnings']} reverse-keying warnings, verdicts {SEEN['verdicts']}")
    if SEEN["warnings"] == 0 or len(SEEN["verdicts"]) < 4:
        all_failures.append("the generated data did not exercise warnings and every kind of verdict")
    if all_failures:
        print("\n".join(all_failures[:40]))
        sys.exit(1)
    print(f"cultivar compare agrees with pingouin/scipy/statsmodels/pandas on every number (tolerance {TOLERANCE}) for {args.seeds} generated surveys")


if __name__ == "__main__":
    main()
