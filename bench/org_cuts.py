#!/usr/bin/env python3
"""The organisation's cuts at scale: N responses over a 4-level hierarchy with three declared
attributes, scored by one level (`--by unit:4`), by team, by every level (`--by unit`), by an
attribute (`--by tenure`, `--by location`), crossed (`--by unit:1,tenure`) and every level crossed
with an attribute (`--by unit,tenure`); wall time, CPU time (user + system), peak memory, groups
shown and the load average of each run, and each run's wall and CPU time as a multiple of the
single-level run's (issue 13 asks at most 1.5x for every level and one attribute in one run).

Separate from bench/run.py (which compares Cultivar with its peers). Deterministic: the same N
and seed give the same files. Usage:

    bench/org_cuts.py --cultivar .build/release/cultivar --rows 1000000 [--leaves 50000]
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ITEMS = [f"d{d}_q{i}" for d in range(4) for i in range(4)]
LOCATIONS = ["Berlin", "Lisbon", "Remote"]
TENURES = ["<1y", "1-3y", "3y+"]
ROLES = ["individual", "manager"]


def write_case(folder: Path, rows: int, leaves: int, seed: int):
    rng = np.random.default_rng(seed)
    fan = max(2, round(leaves ** 0.25))
    units, leaf_ids = ["units:"], []
    for a in range(fan):
        units.append(f"  - {{ id: a{a}, name: Division {a} }}")
        for b in range(fan):
            units.append(f"  - {{ id: a{a}b{b}, name: Department {a}.{b}, parent: a{a} }}")
            for c in range(fan):
                units.append(f"  - {{ id: a{a}b{b}c{c}, name: Group {a}.{b}.{c}, parent: a{a}b{b} }}")
                for d in range(fan):
                    leaf = f"a{a}b{b}c{c}d{d}"
                    units.append(f"  - {{ id: {leaf}, name: Team {a}.{b}.{c}.{d}, parent: a{a}b{b}c{c} }}")
                    leaf_ids.append(leaf)
    (folder / "org.yaml").write_text("\n".join(units) + "\n")
    plugin = ["return {", "  api = 1, id = 'b', name = 'B', version = '1.0.0', description = 'bench', source = 'bench',",
              "  scale = { min = 1, max = 5 },", "  dimensions = {"] + [f"    {{ id = 'd{d}', name = 'D{d}' }}," for d in range(4)]
    plugin += ["  },", "  items = {"] + [f"    {{ id = '{i}', text = 'x', dimension = '{i[:2]}' }}," for i in ITEMS] + ["  },", "}"]
    (folder / "plugins").mkdir(exist_ok=True)
    (folder / "plugins" / "b.lua").write_text("\n".join(plugin) + "\n")
    (folder / "survey.yaml").write_text(
        "id: b\ntitle: Bench\nframeworks: [b]\nmin_group_size: 5\nattributes:\n"
        f"  location: [{', '.join(LOCATIONS)}]\n  tenure: [\"<1y\", 1-3y, 3y+]\n  role: [{', '.join(ROLES)}]\n")
    team = rng.integers(0, len(leaf_ids), rows)
    values = rng.integers(1, 6, (rows, len(ITEMS)))
    location = rng.integers(0, 3, rows)
    tenure = rng.integers(0, 3, rows)
    role = rng.integers(0, 2, rows)
    with open(folder / "responses.csv", "w") as out:
        out.write("respondent_id,team,location,tenure,role," + ",".join(ITEMS) + "\n")
        for r in range(rows):
            out.write(f"r{r},{leaf_ids[team[r]]},{LOCATIONS[location[r]]},{TENURES[tenure[r]]},{ROLES[role[r]]},"
                      + ",".join(map(str, values[r])) + "\n")
    return len(units) - 1, len(leaf_ids)


def timed(cultivar: str, folder: Path, cut: str, timeout: float):
    command = [cultivar, "score", "survey.yaml", "--responses", "responses.csv", "--org", "org.yaml", "--format", "json",
               "--out", f"out-{cut.replace(':', '').replace(',', '-')}.json"]
    if cut != "team":
        command += ["--by", cut]
    start = time.perf_counter()
    # Its own process group, so that a run past the timeout is ended with its child.
    process = subprocess.Popen(["/usr/bin/time", "-f", "%U %S %M", *command], cwd=folder, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    done = subprocess.CompletedProcess(command, process.returncode, "", stderr)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{cut}: exit {done.returncode}: {done.stderr[-600:]}")
    user, system, peak_kib = done.stderr.strip().splitlines()[-1].split()
    teams = json.loads((folder / command[command.index("--out") + 1]).read_text())["frameworks"][0]["teams"]
    return seconds, float(user) + float(system), int(peak_kib) / 1024, len(teams), sum(1 for t in teams if not t["suppressed"])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--leaves", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a cut may take before it is reported as not finished")
    parser.add_argument("--case", help="folder to write the case into and keep (reused when it holds one for the same rows, "
                        "leaves and seed; default: a temporary folder)")
    parser.add_argument("--write-only", action="store_true", help="write the case (with --case) and time nothing")
    parser.add_argument("--cuts", default="unit:4,team,unit,tenure,location,unit:1+tenure,unit+tenure",
                        help="cuts to time, separated by commas ('+' crosses: unit:1+tenure); the first is the base")
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.case or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = folder / "case.json"
        wanted = {"rows": args.rows, "leaves": args.leaves, "seed": args.seed}
        if args.case and stamp.exists() and json.loads(stamp.read_text())["case"] == wanted:
            units, leaves = json.loads(stamp.read_text())["size"]
        else:
            units, leaves = write_case(folder, args.rows, args.leaves, args.seed)
            stamp.write_text(json.dumps({"case": wanted, "size": [units, leaves]}))
        if args.write_only:
            return
        print(f"{args.rows} responses, {units} units in 4 levels ({leaves} teams), 3 attributes")
        base = None
        cuts = [c.replace("+", ",") for c in args.cuts.split(",")]
        for cut in cuts:
            load = os.getloadavg()[0]
            run = timed(cultivar, folder, cut, args.timeout)
            if run is None:
                print(f"  --by {cut:<14} did not finish in {args.timeout:.0f} s", flush=True)
                continue
            seconds, cpu, mib, groups, shown = run
            base = base or (seconds, cpu)
            print(f"  --by {cut:<14} {seconds:7.1f} s wall {cpu:7.1f} s CPU  peak {mib:7.1f} MiB  "
                  f"{seconds / base[0]:5.2f}x wall {cpu / base[1]:5.2f}x CPU of {cuts[0]}  {shown} of {groups} groups shown  "
                  f"load {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
