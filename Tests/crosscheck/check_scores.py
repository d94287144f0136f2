#!/usr/bin/env python3
"""Independent check of `cultivar score` against pandas on generated data.

For several seeds: writes a random framework plugin (random scale, dimensions, reverse keys,
choice items with scored options, min_answered), a survey and a response file with missing
answers (choice answers written as option ids or labels, in any case) and teams of uneven
size (some below the anonymity threshold); runs `cultivar score --format json` and `--format csv`;
recomputes every number with pandas (Cronbach's alpha from pandas' pairwise covariance
matrix, as pingouin does); and fails on any difference above 1e-9 or on any score
printed for a suppressed team or a withheld dimension (the anonymity rules are re-implemented
here: blank rows do not count, per-dimension threshold, per-dimension complementary suppression).
"""
import argparse
import io
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

TOLERANCE = 1e-9


def make_case(rng, folder: Path):
    lo = int(rng.choice([0, 1]))
    hi = lo + int(rng.choice([4, 6, 10]))
    n_dims = int(rng.integers(2, 6))
    dims = [f"d{i}" for i in range(n_dims)]
    items = []
    for d in dims:
        for j in range(int(rng.integers(2, 6))):
            items.append({"id": f"{d}_q{j}", "dimension": d, "reverse": bool(rng.random() < 0.3)})
            if rng.random() < 0.25:  # a choice among 2-4 options with distinct scores on the scale
                scores = rng.choice(np.arange(lo, hi + 1), size=int(rng.integers(2, 5)), replace=False)
                items[-1].update(reverse=False, options=[(chr(ord("a") + i), f"Reaction {chr(ord('A') + i)} to {d}_q{j}", int(x))
                                                         for i, x in enumerate(scores)])
    min_answered = int(rng.choice([1, 1, 2]))
    k = int(rng.choice([3, 5, 8]))
    plugin = ["return {", "  api = 1, id = 'random', name = 'Random', version = '0.0.1',",
              "  description = 'generated', source = 'generated',",
              f"  scale = {{ min = {lo}, max = {hi} }},", f"  min_answered = {min_answered},",
              "  dimensions = {"]
    plugin += [f"    {{ id = '{d}', name = 'Dim {d}' }}," for d in dims]
    plugin += ["  },", "  items = {"]
    plugin += [f"    {{ id = '{it['id']}', text = 'Item {it['id']}', dimension = '{it['dimension']}', "
               f"reverse = {'true' if it['reverse'] else 'false'}{options_field(it)} }}," for it in items]
    plugin += ["  },", "}"]
    (folder / "plugins").mkdir()
    (folder / "plugins" / "random.lua").write_text("\n".join(plugin) + "\n")
    (folder / "survey.yaml").write_text(
        f"id: check\ntitle: Check\nframeworks: [random]\nmin_group_size: {k}\n")
    n_teams = int(rng.integers(3, 12))
    sizes = [int(rng.integers(1, 60)) for _ in range(n_teams)]
    rows = []
    for t, size in enumerate(sizes):
        shift = rng.normal(0, 1)
        for _ in range(size):
            row = {"respondent_id": f"r{len(rows)}", "team": f"Team {t:02d}"}
            for it in items:
                if rng.random() < 0.12:
                    row[it["id"]] = ""
                elif "options" in it:
                    oid, label, _ = it["options"][int(rng.integers(len(it["options"])))]
                    row[it["id"]] = [oid, oid.upper(), label, f" {label.upper()} "][int(rng.integers(4))]
                else:
                    x = int(np.clip(round(rng.normal((lo + hi) / 2 + shift, (hi - lo) / 4)), lo, hi))
                    row[it["id"]] = str(x)
            rows.append(row)
    frame = pd.DataFrame(rows, columns=["respondent_id", "team"] + [it["id"] for it in items])
    frame.to_csv(folder / "responses.csv", index=False)
    return {"lo": lo, "hi": hi, "dims": dims, "items": items, "min_answered": min_answered, "k": k}


def options_field(item):
    if "options" not in item:
        return ""
    return ", options = { " + " ".join(f"{{ id = '{o}', label = '{label}', score = {x} }}," for o, label, x in item["options"]) + " }"


def expected(case, responses: pd.DataFrame):
    lo, hi = case["lo"], case["hi"]
    keyed = responses.copy()
    favorable, unfavorable = pd.DataFrame(index=keyed.index), pd.DataFrame(index=keyed.index)
    for it in case["items"]:
        if "options" in it:  # an option id or label, in any case, stands for its score
            by_key = {key.lower(): x for o, label, x in it["options"] for key in (o, label)}
            col = keyed[it["id"]].map(lambda cell: by_key[cell.strip().lower()] if isinstance(cell, str) else np.nan).astype(float)
            scores = [x for _, _, x in it["options"]]
            favorable[it["id"]], unfavorable[it["id"]] = col == max(scores), col == min(scores)
        else:
            col = pd.to_numeric(keyed[it["id"]], errors="coerce")
            col = (lo + hi - col) if it["reverse"] else col
            favorable[it["id"]], unfavorable[it["id"]] = col.isin({hi - 1, hi}), col.isin({lo, lo + 1})
        keyed[it["id"]] = col
    scores = pd.DataFrame({"team": keyed["team"]})
    for d in case["dims"]:
        cols = [it["id"] for it in case["items"] if it["dimension"] == d]
        answered = keyed[cols].notna().sum(axis=1)
        scores[d] = keyed[cols].mean(axis=1).where(answered >= case["min_answered"])
    # Anonymity rules, written independently from the Swift code: a team's size counts rows
    # with at least one answer; each dimension of each team is shown only with at least k
    # scored respondents; and per dimension, the withheld teams together cover 0 or at least
    # k respondents (else the next-smallest shown team is withheld too).
    item_cols = [it["id"] for it in case["items"]]
    nonblank = keyed[item_cols].notna().any(axis=1)
    sizes = keyed[nonblank].groupby("team").size().reindex(sorted(keyed["team"].unique()), fill_value=0)
    k = case["k"]
    hidden = {t: "below_min_group_size" for t, n in sizes.items() if n < k}
    counts = {d: scores.groupby("team")[d].count().reindex(sizes.index, fill_value=0) for d in case["dims"]}
    withheld = {}  # (team, dimension) -> reason
    org_withheld = {}
    for d in case["dims"]:
        org_n = int(counts[d].sum())
        if sizes.sum() < k:
            org_withheld[d] = "below_min_group_size"
        elif 0 < org_n < k:
            org_withheld[d] = "below_min_respondents"
        for t in sizes.index:
            if t in hidden:
                withheld[(t, d)] = hidden[t]
            elif 0 < counts[d][t] < k:
                withheld[(t, d)] = "below_min_respondents"
        if d in org_withheld:
            continue
        total = sum(int(counts[d][t]) for t in sizes.index if (t, d) in withheld)
        shown = sorted(((int(counts[d][t]), t) for t in sizes.index if (t, d) not in withheld and counts[d][t] > 0))
        while 0 < total < k:
            if not shown:
                org_withheld[d] = "nested"
                break
            n, t = shown.pop(0)
            withheld[(t, d)] = "complementary"
            total += n
    # A shown team whose every number is withheld shows its n only.
    for t in sizes.index:
        if t in hidden:
            continue
        dims_with_people = [d for d in case["dims"] if counts[d][t] > 0]
        if dims_with_people and all((t, d) in withheld for d in dims_with_people):
            hidden[t] = next(withheld[(t, d)] for d in case["dims"] if (t, d) in withheld)

    def summarize(rows, score_rows):
        out = {"n": int(rows[item_cols].notna().any(axis=1).sum()), "dims": {}}
        pomps = []
        for d in case["dims"]:
            cols = [it["id"] for it in case["items"] if it["dimension"] == d]
            values = score_rows[d].dropna()
            count = int(rows[cols].notna().sum().sum())
            mean = values.mean() if len(values) else None
            pomp = (mean - lo) / (hi - lo) * 100 if mean is not None else None
            if pomp is not None:
                pomps.append(pomp)
            out["dims"][d] = {
                "n": len(values), "mean": mean, "sd": values.std(ddof=1) if len(values) > 1 else None,
                "pomp": pomp,
                "favorable_pct": favorable.loc[rows.index, cols].sum().sum() / count * 100 if count else None,
                "unfavorable_pct": unfavorable.loc[rows.index, cols].sum().sum() / count * 100 if count else None,
            }
        out["index"] = sum(pomps) / len(pomps) if pomps else None
        return out

    teams = {}
    for team, rows in keyed.groupby("team"):
        teams[team] = summarize(rows, scores[keyed["team"] == team])
    org = summarize(keyed, scores)
    # Cronbach's alpha per dimension from pandas' pairwise covariance matrix (pingouin's default).
    org["alpha"] = {}
    for d in case["dims"]:
        cols = [it["id"] for it in case["items"] if it["dimension"] == d]
        cov = keyed[cols].astype(float).cov()
        k = len(cols)
        org["alpha"][d] = k / (k - 1) * (1 - np.trace(cov) / cov.values.sum()) if k > 1 else None
    return teams, hidden, org, withheld, org_withheld


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def check_team(label, got, want, failures, withheld):
    if got["n"] != want["n"]:
        failures.append(f"{label}: n {got['n']} != {want['n']}")
    if withheld:
        if got.get("index") is not None or got.get("index_suppression") != "derived":
            failures.append(f"{label}: index should be withheld (derived), got {got.get('index')}")
    elif not close(got.get("index"), want["index"]):
        failures.append(f"{label}: index {got.get('index')} != {want['index']}")
    for d in got["dimensions"]:
        w = want["dims"][d["id"]]
        if d["id"] in withheld:
            if d.get("suppressed") != withheld[d["id"]] or set(d) != {"id", "n", "suppressed"} or d["n"] != w["n"]:
                failures.append(f"{label}/{d['id']}: should be withheld ({withheld[d['id']]}) with n only, got {d}")
            continue
        if "suppressed" in d:
            failures.append(f"{label}/{d['id']}: withheld ({d['suppressed']}) but should be shown")
            continue
        for key in ["n", "mean", "sd", "pomp", "favorable_pct", "unfavorable_pct"]:
            if not close(d[key], w[key]):
                failures.append(f"{label}/{d['id']}: {key} {d[key]} != {w[key]}")


def run_case(cultivar, seed):
    rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = make_case(rng, folder)
        responses = pd.read_csv(folder / "responses.csv", dtype=str, keep_default_na=False).replace("", np.nan)
        teams, hidden, org, withheld, org_withheld = expected(case, responses)
        run = lambda fmt: subprocess.run(
            [cultivar, "score", "survey.yaml", "--responses", "responses.csv", "--format", fmt],
            cwd=folder, capture_output=True, text=True, check=True).stdout
        report = json.loads(run("json"))
        csv_text = run("csv")
    failures = []
    framework = report["frameworks"][0]
    for team in framework["teams"]:
        name = team["team"]
        if name in hidden:
            if not team["suppressed"] or team.get("suppression_reason") != hidden[name] or set(team) != {"team", "n", "suppressed", "suppression_reason"}:
                failures.append(f"{name}: should be suppressed ({hidden[name]}) with n only, got {team}")
            continue
        if team["suppressed"]:
            failures.append(f"{name}: suppressed but should be shown")
            continue
        check_team(name, team, teams[name], failures, {d: r for (t, d), r in withheld.items() if t == name})
    if framework["organisation"]["n"] >= case["k"]:
        check_team("(all teams)", framework["organisation"], org, failures, org_withheld)
        for r in framework["reliability"]:
            if not close(r["alpha"], org["alpha"][r["id"]]):
                failures.append(f"alpha/{r['id']}: {r['alpha']} != {org['alpha'][r['id']]}")
    csv_frame = pd.read_csv(io.StringIO(csv_text), dtype={"suppressed": str, "band": str})
    for name in hidden:
        rows = csv_frame[csv_frame["team"] == name]
        numbers = rows[["mean", "sd", "pomp", "favorable_pct", "index"]]
        if len(rows) != 1 or numbers.notna().any().any():
            failures.append(f"CSV leaks scores of suppressed team {name}")
    for _, row in csv_frame[csv_frame["measure"].notna() & (csv_frame["measure"] != "index")].iterrows():
        if (row["team"], row["measure"]) in withheld:
            if not pd.isna(row["mean"]):
                failures.append(f"CSV leaks withheld {row['team']}/{row['measure']}")
            continue
        if row["team"] in teams and not close(row["mean"], teams[row["team"]]["dims"][row["measure"]]["mean"]):
            failures.append(f"CSV mean differs for {row['team']}/{row['measure']}")
    return failures, len(responses), len(teams), len(hidden)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--seeds", type=int, default=12)
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    all_failures = []
    for seed in range(args.seeds):
        failures, rows, n_teams, n_hidden = run_case(cultivar, seed)
        status = "ok" if not failures else f"{len(failures)} differences"
        print(f"seed {seed:2d}: {rows:4d} rows, {n_teams:2d} teams, {n_hidden} suppressed: {status}")
        all_failures += [f"seed {seed}: {f}" for f in failures]
    if all_failures:
        print("\n".join(all_failures[:40]))
        sys.exit(1)
    print(f"cultivar agrees with pandas on every number (tolerance {TOLERANCE}) for {args.seeds} generated surveys")


if __name__ == "__main__":
    main()
