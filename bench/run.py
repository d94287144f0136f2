#!/usr/bin/env python3
"""`make bench`: Cultivar against polars and DuckDB on the same synthetic survey waves.

For each size (10k, 100k, 1M responses x 40 items, made by generate.py): runs `cultivar score`
with a declarative plugin and with a plugin whose `score` hook runs in Lua for every
respondent, then the same computation in polars and DuckDB (peers.py); checks that every
number agrees (means, SDs, favourability, indices and alphas to 1e-9); prints the median wall
time over several runs, the peak resident memory, and the ratio to polars. Also checks that
--jobs 1 and the default give identical bytes, and times start-up with 10 plugins.
"""
import argparse
import csv
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "bench-data"


def measure(command, runs, cwd=None, cpu=None):
    """Median wall seconds and the largest peak RSS (MiB) over `runs` runs; the median CPU
    seconds (user + system, all threads) are appended to `cpu` when given."""
    walls, peaks, cpus = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        err = process.stderr.read().decode()
        process.stderr.close()
        if status != 0:
            sys.exit(f"failed: {' '.join(map(str, command))}\n{err}")
        peaks.append(usage.ru_maxrss / 1024)
        cpus.append(usage.ru_utime + usage.ru_stime)
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
        bare, _ = measure([cultivar, "--version"], max(runs, 11), cwd=tmp)
        loaded, _ = measure([cultivar, "plugins", "check"], max(runs, 11), cwd=tmp)
        return bare, loaded


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
    rows, all_problems = [], []
    for size in map(int, args.sizes.split(",")):
        data = DATA / f"responses-{size}.csv"
        if not data.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), str(data)], check=True)
        out = {name: DATA / f"out-{name}-{size}.csv" for name in ("declarative", "hook", "polars", "duckdb", "jobs1")}
        tools = {
            "cultivar (declarative)": [args.cultivar, "score", str(HERE / "surveys/bench-declarative.yaml"), "--responses", str(data),
                                       "--plugins", str(HERE / "plugins"), "--format", "csv", "--out", str(out["declarative"])],
            "cultivar (Lua score hook)": [args.cultivar, "score", str(HERE / "surveys/bench-hook.yaml"), "--responses", str(data),
                                          "--plugins", str(HERE / "plugins"), "--format", "csv", "--out", str(out["hook"])],
            "polars": [args.python, str(HERE / "peers.py"), "polars", str(data), str(out["polars"])],
            "duckdb": [args.python, str(HERE / "peers.py"), "duckdb", str(data), str(out["duckdb"])],
        }
        results = {}
        for name, command in tools.items():
            cpu = []
            wall, rss = measure(command, args.runs, cpu=cpu)
            results[name] = (wall, rss, cpu[0])
        subprocess.run(tools["cultivar (declarative)"][:-1] + [str(out["jobs1"]), "--jobs", "1"], check=True, stderr=subprocess.DEVNULL)
        same_bytes = out["jobs1"].read_bytes() == out["declarative"].read_bytes()
        reference = read_report(out["declarative"], cultivar=True)
        problems = compare(reference, read_report(out["hook"], cultivar=True), "hook")
        problems += compare(reference, read_report(out["polars"], cultivar=False), "polars")
        problems += compare(reference, read_report(out["duckdb"], cultivar=False), "duckdb")
        if not same_bytes:
            problems.append("--jobs 1 and --jobs default differ")
        all_problems += [f"{size}: {p}" for p in problems]
        polars_wall = results["polars"][0]
        for name, (wall, rss, cpu) in results.items():
            rows.append((f"{size:,}", name, wall, cpu, rss, wall / polars_wall))
        print(f"{size:,} responses: {len(reference[0]):,} team x measure rows shown; agreement "
              f"{'OK (1e-9)' if not problems else f'{len(problems)} DIFFERENCES'}; "
              f"--jobs 1 vs {cores}: {'identical bytes' if same_bytes else 'DIFFERENT'}")
    print()
    print(f"| responses | tool | median wall (s) | median CPU (s) | peak RSS (MiB) | wall / polars |")
    print(f"|---|---|---|---|---|---|")
    for size, name, wall, cpu, rss, ratio in rows:
        print(f"| {size} | {name} | {wall:.3f} | {cpu:.2f} | {rss:.0f} | {ratio:.2f} |")
    bare, loaded = startup_times(args.cultivar, args.runs)
    print(f"\nstart-up: {bare * 1000:.1f} ms bare (`cultivar --version`); {loaded * 1000:.1f} ms with 10 plugins loaded and "
          f"validated (`cultivar plugins check`, 10 plugins of 40 items each)")
    if all_problems:
        print("\n".join(all_problems[:30]))
        sys.exit(1)


if __name__ == "__main__":
    main()
