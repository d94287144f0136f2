#!/usr/bin/env python3
"""Independent check of `cultivar drivers` against numpy, scipy and statsmodels.

For several seeds: writes a random framework plugin (3-6 dimensions of 2-4 items, some
reverse-keyed), responses whose dimension traits are correlated with each other and drive an
outcome item with known weights, about 8% missing answers, and teams of uneven size (some below
the anonymity threshold, some below the drivers' minimum n); runs `cultivar drivers --format
json --by team` with an item, a dimension and the index as outcome, and with items as drivers;
recomputes every number from the pooled respondents (listwise sample, Pearson r with Fisher-z
interval, p, Holm, Johnson's relative weights via numpy's eigh, R² via statsmodels OLS, the
bootstrap with the same SplitMix64 resamples and numpy's percentiles, POMP, quadrants); fails on
any difference above 1e-9. Also checks that withheld teams show nothing and that small teams
show the organisation's drivers, labelled as such. The same with `--by location` (a declared
attribute, blank for some respondents): each published value's drivers from its own
respondents, withheld where `score --by location` withholds.
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
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests

TOLERANCE = 1e-9
LOCATIONS = ["Berlin", "Lisbon", "Remote"]
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def relative_weights(y, X):
    """Johnson (2000) from the data; None when a column is constant or the drivers collinear."""
    data = np.column_stack([y, X])
    if len(y) < 2 or np.any(data.std(axis=0) == 0):
        return None
    R = np.corrcoef(data, rowvar=False)
    rxx, rxy = R[1:, 1:], R[1:, 0]
    values, vectors = np.linalg.eigh(rxx)
    if np.any(values <= 1e-10 * max(values.max(), 1)):
        return None
    root = vectors @ np.diag(np.sqrt(values)) @ vectors.T
    beta = np.linalg.solve(root, rxy)
    raw = (root ** 2) @ (beta ** 2)
    return raw, float(np.sum(beta ** 2))


def make_case(rng, folder):
    n_dims = int(rng.integers(3, 7))
    dims = [f"d{i}" for i in range(n_dims)]
    items = []
    for d in dims:
        for j in range(int(rng.integers(2, 5))):
            items.append({"id": f"{d}_q{j}", "dimension": d, "reverse": bool(rng.random() < 0.25)})
    items.append({"id": "outcome", "dimension": dims[0], "reverse": False})
    plugin = ["return {", "  api = 1, id = 'random', name = 'Random', version = '0.0.1',",
              "  description = 'generated', source = 'generated',", "  scale = { min = 1, max = 5 },", "  dimensions = {"]
    plugin += [f"    {{ id = '{d}', name = 'Dimension {d}' }}," for d in dims]
    plugin += ["  },", "  items = {"]
    plugin += [f"    {{ id = '{it['id']}', text = 'Item {it['id']}', dimension = '{it['dimension']}', "
               f"reverse = {'true' if it['reverse'] else 'false'} }}," for it in items]
    plugin += ["  },", "}"]
    (folder / "plugins").mkdir()
    (folder / "plugins" / "random.lua").write_text("\n".join(plugin) + "\n")
    k = 5
    (folder / "survey.yaml").write_text(
        f"id: check\ntitle: Check\nframeworks: [random]\nmin_group_size: {k}\nattributes:\n  location: [{', '.join(LOCATIONS)}]\n")
    # Correlated traits: a common factor plus noise; the outcome depends on them with weights.
    weights = rng.normal(0.4, 0.3, n_dims)
    sizes = [int(rng.integers(1, 5)), int(rng.integers(10, 29))] + [int(rng.integers(30, 160)) for _ in range(int(rng.integers(2, 5)))]
    rows = []
    for t, size in enumerate(sizes):
        for _ in range(size):
            common = rng.normal()
            traits = 0.6 * common + 0.8 * rng.normal(size=n_dims)
            row = {"respondent_id": f"r{len(rows)}", "team": f"Team {t:02d}"}
            for it in items:
                if rng.random() < 0.08:
                    row[it["id"]] = ""
                    continue
                if it["id"] == "outcome":
                    z = traits @ weights + rng.normal()
                else:
                    z = traits[dims.index(it["dimension"])] + 0.8 * rng.normal()
                    z = -z if it["reverse"] else z
                row[it["id"]] = str(int(np.clip(round(3 + z), 1, 5)))
            rows.append(row)
    # Drawn after the answers, so the answers do not depend on it; a share of blanks.
    for row, v in zip(rows, rng.integers(0, len(LOCATIONS) + 1, len(rows))):
        row["location"] = LOCATIONS[v] if v < len(LOCATIONS) else ""
    frame = pd.DataFrame(rows, columns=["respondent_id", "team", "location"] + [it["id"] for it in items])
    frame.to_csv(folder / "responses.csv", index=False)
    return {"dims": dims, "items": items, "k": k}


def scored(case, folder):
    """Keyed answers and dimension scores per respondent (mean of answered items)."""
    raw = pd.read_csv(folder / "responses.csv", dtype=str, keep_default_na=False).replace("", np.nan)
    keyed = pd.DataFrame({"team": raw["team"], "location": raw["location"].fillna("").map(lambda v: f"location: {v or '(not given)'}")})
    for it in case["items"]:
        x = raw[it["id"]].astype(float)
        keyed[it["id"]] = 6 - x if it["reverse"] else x
    for d in case["dims"]:
        cols = [it["id"] for it in case["items"] if it["dimension"] == d]
        keyed[d] = keyed[cols].mean(axis=1)
    keyed["index"] = keyed[case["dims"]].apply(lambda r: ((r - 1) / 4 * 100).mean() if r.notna().all() else np.nan, axis=1)
    return keyed


class Checker:
    def __init__(self, label):
        self.label, self.failures, self.compared = label, [], 0

    def close(self, what, got, want):
        self.compared += 1
        if got is None or want is None or (isinstance(want, float) and math.isnan(want)):
            ok = got is None and (want is None or math.isnan(want))
        else:
            ok = math.isclose(got, want, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
        if not ok:
            self.failures.append(f"{self.label}: {what}: cultivar {got} != python {want}")

    def true(self, what, condition):
        if not condition:
            self.failures.append(f"{self.label}: {what}")


def expected_group(frame, outcome, drivers, method):
    sample = frame[[outcome] + drivers].dropna()
    y, X = sample[outcome].to_numpy(), sample[drivers].to_numpy()
    n = len(sample)
    out = {"n": n, "drivers": []}
    z = stats.norm.ppf(0.975)
    ps = []
    for j, d in enumerate(drivers):
        r, p = stats.pearsonr(X[:, j], y) if np.std(X[:, j]) > 0 and np.std(y) > 0 else (None, None)
        ci = None
        if r is not None and n > 3 and abs(r) < 1:
            ci = [math.tanh(math.atanh(r) - z / math.sqrt(n - 3)), math.tanh(math.atanh(r) + z / math.sqrt(n - 3))]
        pomp = (frame[d].dropna().mean() - 1) / 4 * 100
        out["drivers"].append({"r": r, "ci": ci, "p": p, "pomp": pomp})
        ps.append(p)
    valid = [i for i, p in enumerate(ps) if p is not None]
    if valid:
        adjusted = multipletests([ps[i] for i in valid], method="holm")[1]
        for i, a in zip(valid, adjusted):
            out["drivers"][i]["p_holm"] = a
    rw = relative_weights(y, X)
    out["r2"] = None
    if rw is not None:
        raw, r2 = rw
        ols = sm.OLS(y, sm.add_constant(X)).fit()
        out["r2"], out["r2_ols"] = r2, ols.rsquared
        for j in range(len(drivers)):
            out["drivers"][j]["raw"] = raw[j]
            out["drivers"][j]["share"] = raw[j] / r2 if r2 > 0 else 0
        rng = SplitMix64(method["seed"])
        samples, used = [], 0
        for _ in range(method["bootstrap_samples"]):
            picks = [rng.next() % n for _ in range(n)]
            w = relative_weights(y[picks], X[picks])
            if w is None:
                continue
            used += 1
            samples.append(w[0])
        out["used"] = used
        samples = np.array(samples)
        for j in range(len(drivers)):
            out["drivers"][j]["wci"] = [np.percentile(samples[:, j], 2.5), np.percentile(samples[:, j], 97.5)] if used else None
        cut = np.mean([d["pomp"] for d in out["drivers"]])
        for d in out["drivers"]:
            high, good = d["share"] >= 1 / len(drivers), d["pomp"] >= cut
            d["quadrant"] = ("protect" if good else "act_first") if high else ("maintain" if good else "monitor")
    return out


def check_group(check, label, got, want):
    check.true(f"{label}: n {got['n']} != {want['n']}", got["n"] == want["n"])
    check.close(f"{label}: R²", got["r_squared"], want["r2"])
    if want["r2"] is not None:
        check.close(f"{label}: R² vs statsmodels OLS", got["r_squared"], want["r2_ols"])
        check.true(f"{label}: bootstrap used {got['bootstrap_used']} != {want['used']}", got["bootstrap_used"] == want["used"])
    for g, w in zip(got["drivers"], want["drivers"]):
        name = f"{label}/{g['driver']['id']}"
        check.close(f"{name} r", g["r"], w["r"])
        check.close(f"{name} p", g["p"], w["p"])
        check.close(f"{name} p holm", g["p_holm"], w.get("p_holm"))
        for i in range(2):
            check.close(f"{name} r ci", None if g["r_ci"] is None else g["r_ci"][i], None if w["ci"] is None else w["ci"][i])
        check.close(f"{name} score", g["score_pomp"], w["pomp"])
        if want["r2"] is None:
            continue
        check.close(f"{name} raw weight", g["raw_weight"], w["raw"])
        check.close(f"{name} share", g["share"], w["share"])
        for i in range(2):
            check.close(f"{name} weight ci", g["weight_ci"][i], w["wci"][i])
        check.true(f"{name} quadrant {g['quadrant']} != {w['quadrant']}", g["quadrant"] == w["quadrant"])


def run_case(cultivar, seed):
    rng = np.random.default_rng(7000 + seed)
    failures, compared, groups_seen = [], 0, {"own": 0, "organisation": 0, "suppressed": 0}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = make_case(rng, folder)
        keyed = scored(case, folder)
        for cut in ("team", "location"):
            score = subprocess.run([cultivar, "score", "survey.yaml", "--responses", "responses.csv", "--format", "json"]
                                   + ([] if cut == "team" else ["--by", cut]), cwd=folder, capture_output=True, text=True)
            published = json.loads(score.stdout)["frameworks"][0]["teams"]
            hidden = {t["team"] for t in published if t["suppressed"]}
            # Every run below uses every dimension: a team with any withheld number shows the
            # organisation's drivers.
            partial = {t["team"] for t in published if not t["suppressed"] and any("suppressed" in d for d in t["dimensions"])}
            dims = case["dims"]
            runs = [("outcome", False, [d for d in dims if d != dims[0]]),
                    (dims[1], False, [d for d in dims if d != dims[1]]),
                    ("index", False, dims),
                    ("outcome", True, [it["id"] for it in case["items"] if it["id"] != "outcome"])]
            for outcome, items, drivers in runs:
                args = [cultivar, "drivers", "survey.yaml", "--responses", "responses.csv", "--outcome", outcome, "--by", cut,
                        "--format", "json", "--bootstrap", "120", "--seed", str(seed + 11)]
                if items:
                    args.append("--items")
                done = subprocess.run(args, cwd=folder, capture_output=True, text=True)
                if done.returncode != 0:
                    failures.append(f"seed {seed} {outcome}: exit {done.returncode}: {done.stderr}")
                    continue
                report = json.loads(done.stdout)
                check = Checker(f"seed {seed} --by {cut} outcome={outcome} items={items}")
                got_ids = [d["driver"]["id"] for d in report["groups"][0]["drivers"]]
                check.true(f"drivers {got_ids} != {drivers}", got_ids == drivers)
                organisation = expected_group(keyed, outcome, drivers, report["method"])
                check_group(check, "organisation", report["groups"][0], organisation)
                for group in report["groups"][1:]:
                    team = group["group"]
                    if team in hidden:
                        check.true(f"{team}: withheld team shows only its size", set(group) == {"group", "n", "suppressed", "suppression_reason"})
                        groups_seen["suppressed"] += 1
                        continue
                    want = expected_group(keyed[keyed[cut] == team], outcome, drivers, report["method"])
                    if want["n"] < report["method"]["minimum_n"] or team in partial:
                        check.true(f"{team}: small team labelled as the organisation's", group["source"] == "organisation"
                                   and group["drivers"] == report["groups"][0]["drivers"] and group["n"] == want["n"])
                        groups_seen["organisation"] += 1
                        continue
                    check.true(f"{team}: own drivers", group["source"] == "own")
                    check_group(check, team, group, want)
                    groups_seen["own"] += 1
                failures += check.failures
                compared += check.compared
    return failures, compared, groups_seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--seeds", type=int, default=4)
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    failures, total, seen = [], 0, {"own": 0, "organisation": 0, "suppressed": 0}
    for seed in range(args.seeds):
        f, compared, groups = run_case(cultivar, seed)
        failures += f
        total += compared
        for key in seen:
            seen[key] += groups[key]
        print(f"drivers seed {seed}: {compared} numbers compared, groups {groups}: {'ok' if not f else f'{len(f)} differences'}")
    if min(seen.values()) == 0:
        failures.append(f"the generated data did not exercise every kind of group: {seen}")
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print(f"cultivar drivers agrees with numpy/scipy/statsmodels on {total} numbers (tolerance {TOLERANCE}) for {args.seeds} generated surveys")


if __name__ == "__main__":
    main()
