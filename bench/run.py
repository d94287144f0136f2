#!/usr/bin/env python3
"""`make bench`: Cultivar against polars, DuckDB and a floor program on the same survey waves.

For each size (10k, 100k, 1M responses x 40 items, made by generate.py) the tools run in
alternation, one run of each per round (A B C ... A B C ...), so that a change in the machine's
load falls on all of them alike: the floor program (floor.c: read and parse every number and
team name, nothing else), `cultivar score` with a declarative plugin (CSV and JSON output) and
with a plugin whose `score` hook runs in Lua for every respondent, and the same computation in
polars and DuckDB written as an experienced analyst would (peers.py). Checks that every number
agrees (means, SDs, favourability, indices and alphas to 1e-9, the JSON report included);
prints median, min and max wall time, median CPU, peak resident memory and the ratios to
polars and to the floor. Also checks that --jobs 1 and the default give identical bytes, and
times start-up with 10 plugins and on the bundled sample.
"""
import json
import argparse
import csv
import math
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "bench-data"
LAUNCH = DATA / "launch"


def run_once(command, cwd=None):
    """(wall seconds, peak RSS MiB, CPU seconds) of one run, measured by launch.c: a command
    forked from this Python would report Python's resident size as its own peak."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        process = subprocess.run([str(LAUNCH), report.name, *map(str, command)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, cwd=cwd)
        if process.returncode != 0:
            sys.exit(f"failed: {' '.join(map(str, command))}\n{process.stderr.decode()}")
        wall, peak_kib, user, system = report.read().split()
    return float(wall), int(peak_kib) / 1024, float(user) + float(system)


def build_launcher():
    """Compiles launch.c, which every measured run goes through (see run_once)."""
    DATA.mkdir(exist_ok=True)
    subprocess.run(["cc", "-O2", "-o", str(LAUNCH), str(HERE / "launch.c")], check=True)


def alternate(tools, runs):
    """{name: (walls, peaks, cpus)}, one run of each tool per round."""
    results = {name: ([], [], []) for name in tools}
    for _ in range(runs):
        for name, command in tools.items():
            for target, value in zip(results[name], run_once(command)):
                target.append(value)
    return results


def read_json_report(path):
    """The same shape as read_report, from `cultivar score --format json`."""
    report = json.loads(Path(path).read_text())
    framework = report["frameworks"][0]
    values, alphas = {}, {}
    for r in framework["reliability"]:
        if r["alpha"] is not None:
            alphas[r["id"]] = r["alpha"]
    for team in framework["teams"]:
        if team["suppressed"]:
            continue
        values[(team["team"], "index")] = {"index": team["index"]}
        for d in team["dimensions"]:
            values[(team["team"], d["id"])] = {k: d[j] for k, j in (("mean", "mean"), ("sd", "sd"), ("favorable_pct", "favorable_pct"))
                                              if d[j] is not None}
    return values, alphas


def measure(command, runs, cwd=None, cpu=None):
    """Median wall seconds and the largest peak RSS (MiB) over `runs` runs; the median CPU
    seconds (user + system, all threads) are appended to `cpu` when given."""
    walls, peaks, cpus = zip(*(run_once(command, cwd=cwd) for _ in range(runs)))
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    return statistics.median(walls), max(peaks)


def read_report(path, cultivar):
    """{(team, measure): {field: value}} and {dimension: alpha} from either report format."""
    values, alphas = {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if cultivar:
                if row["team"] == "(all teams)" and row["alpha"]:
                    alphas[row["measure"]] = float(row["alpha"])
                if row["suppressed"] or row["team"] == "(all teams)":
                    continue
            elif row["team"] == "(alpha)":
                alphas[row["measure"]] = float(row["alpha"])
                continue
            values[(row["team"], row["measure"])] = {
                k: float(row[k]) for k in ("mean", "sd", "favorable_pct", "index") if row.get(k) not in (None, "", "None", "nan")}
    return values, alphas


def compare(reference, other, label):
    """Problems where `other` differs from `reference` (teams shown by Cultivar only)."""
    ref_values, ref_alphas = reference
    values, alphas = other
    problems = []
    for key, fields in ref_values.items():
        for name, x in fields.items():
            y = values.get(key, {}).get(name)
            if y is None or not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
                problems.append(f"{label}: {key} {name}: {x} vs {y}")
    for d, x in ref_alphas.items():
        if not math.isclose(x, alphas.get(d, math.nan), rel_tol=1e-9):
            problems.append(f"{label}: alpha {d}: {x} vs {alphas.get(d)}")
    return problems


def startup_times(cultivar, runs):
    """Median wall of a bare start (`--version`) and of `plugins check` on a folder holding
    only 10 plugins (start-up + loading and validating them), from an empty working folder."""
    with tempfile.TemporaryDirectory() as tmp:
        source = (HERE / "plugins" / "bench-hook.lua").read_text()
        Path(tmp, "plugins").mkdir()
        for n in range(10):
            Path(tmp, "plugins", f"p{n}.lua").write_text(source.replace("'bench-hook'", f"'bench-{n}'"))
        cpus = []
        bare, _ = measure([cultivar, "--version"], max(runs, 11), cwd=tmp, cpu=cpus)
        loaded, _ = measure([cultivar, "plugins", "check"], max(runs, 11), cwd=tmp, cpu=cpus)
        sample, _ = measure([cultivar, "score", str(ROOT / "surveys/learning-culture.yaml"), "--responses",
                             str(ROOT / "surveys/sample-responses.csv")], max(runs, 11), cwd=ROOT, cpu=cpus)
        return bare, loaded, sample, cpus


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cultivar", default=str(ROOT / ".build/release/cultivar"))
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    args.cultivar = str(Path(args.cultivar).resolve())
    DATA.mkdir(exist_ok=True)
    cores = os.cpu_count()
    load = os.getloadavg()[0]
    print(f"machine: {cores} cores, load average {load:.2f} at the start; median of {args.runs} runs; "
          f"peak RSS is the largest of the runs\n")
    floor = DATA / "floor"
    subprocess.run(["cc", "-O2", "-march=native", "-pthread", "-o", str(floor), str(HERE / "floor.c")], check=True)
    build_launcher()
    rows, all_problems = [], []
    for size in map(int, args.sizes.split(",")):
        data = DATA / f"responses-{size}.csv"
        if not data.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), str(data)], check=True)
        out = {name: DATA / f"out-{name}-{size}.{'json' if name == 'json' else 'csv'}"
               for name in ("declarative", "json", "hook", "polars", "duckdb", "jobs1")}
        declarative = [args.cultivar, "score", str(HERE / "surveys/bench-declarative.yaml"), "--responses", str(data),
                       "--plugins", str(HERE / "plugins")]
        tools = {
            "floor (C: parse only)": [str(floor), str(data)],
            "cultivar (declarative, CSV)": declarative + ["--format", "csv", "--out", str(out["declarative"])],
            "cultivar (declarative, JSON)": declarative + ["--format", "json", "--out", str(out["json"])],
            "cultivar (Lua score hook)": [args.cultivar, "score", str(HERE / "surveys/bench-hook.yaml"), "--responses", str(data),
                                          "--plugins", str(HERE / "plugins"), "--format", "csv", "--out", str(out["hook"])],
            "polars": [args.python, str(HERE / "peers.py"), "polars", str(data), str(out["polars"])],
            "duckdb": [args.python, str(HERE / "peers.py"), "duckdb", str(data), str(out["duckdb"])],
        }
        results = alternate(tools, args.runs)
        subprocess.run(declarative + ["--format", "csv", "--out", str(out["jobs1"]), "--jobs", "1"], check=True, stderr=subprocess.DEVNULL)
        same_bytes = out["jobs1"].read_bytes() == out["declarative"].read_bytes()
        reference = read_report(out["declarative"], cultivar=True)
        problems = compare(reference, read_json_report(out["json"]), "json")
        problems += compare(reference, read_report(out["hook"], cultivar=True), "hook")
        problems += compare(reference, read_report(out["polars"], cultivar=False), "polars")
        problems += compare(reference, read_report(out["duckdb"], cultivar=False), "duckdb")
        if not same_bytes:
            problems.append("--jobs 1 and --jobs default differ")
        all_problems += [f"{size}: {p}" for p in problems]
        polars_wall = statistics.median(results["polars"][0])
        floor_wall = statistics.median(results["floor (C: parse only)"][0])
        for name, (walls, peaks, cpus) in results.items():
            wall = statistics.median(walls)
            rows.append((f"{size:,}", name, wall, min(walls), max(walls), statistics.median(cpus), max(peaks),
                         wall / polars_wall, wall / floor_wall))
        print(f"{size:,} responses: {len(reference[0]):,} team x measure rows shown; agreement "
              f"{'OK (1e-9, CSV, JSON, hook, polars, duckdb)' if not problems else f'{len(problems)} DIFFERENCES'}; "
              f"--jobs 1 vs {cores}: {'identical bytes' if same_bytes else 'DIFFERENT'}")
    print()
    print("| responses | tool | median wall (s) | min | max | median CPU (s) | peak RSS (MiB) | wall / polars | wall / floor |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size, name, wall, low, high, cpu, rss, ratio, floor_ratio in rows:
        print(f"| {size} | {name} | {wall:.3f} | {low:.3f} | {high:.3f} | {cpu:.2f} | {rss:.0f} | {ratio:.2f} | {floor_ratio:.2f} |")
    bare, loaded, sample, cpus = startup_times(args.cultivar, args.runs)
    print(f"\nstart-up (median wall; median CPU in brackets): {bare * 1000:.1f} ms ({cpus[0] * 1000:.1f}) bare (`cultivar --version`); "
          f"{loaded * 1000:.1f} ms ({cpus[1] * 1000:.1f}) with 10 plugins loaded and validated (`cultivar plugins check`, 10 plugins "
          f"of 40 items each); {sample * 1000:.1f} ms ({cpus[2] * 1000:.1f}) to score the bundled 233-row sample (`make run`'s command)")
    if all_problems:
        print("\n".join(all_problems[:30]))
        sys.exit(1)


if __name__ == "__main__":
    main()
