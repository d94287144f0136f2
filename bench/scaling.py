#!/usr/bin/env python3
"""`make bench-scale`: how the cost of `cultivar score` grows with the responses (N), the teams,
the dimensions and the items per dimension (docs/performance.md, "How cost grows").

Each case is a wave made by generate.py (the same seed, about 2% of answers missing, teams of
log-normal size) and scored by a declarative plugin of its shape into a CSV report. The cases
run in alternation, one run of each per round, so that a change in the machine's load falls on
all of them alike. Printed per case: median wall and CPU (user + system, all threads), the
largest peak RSS, the report's size, and wall and CPU per million answers read. Hierarchy levels
and cuts are measured by bench/org_cuts.py (`make bench-org`). Usage:

    bench/scaling.py --cultivar .build/release/cultivar [--runs 3]
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import reversed_items
from run import DATA, HERE, alternate, build_launcher

BASE = ("1M rows, 50,000 teams, 8 x 5 items", 1_000_000, 50_000, 8, 5)
CASES = [
    ("250k rows", 250_000, 50_000, 8, 5),
    ("500k rows", 500_000, 50_000, 8, 5),
    BASE,
    ("2M rows", 2_000_000, 50_000, 8, 5),
    ("100 teams", 1_000_000, 100, 8, 5),
    ("5,000 teams", 1_000_000, 5_000, 8, 5),
    ("200,000 teams", 1_000_000, 200_000, 8, 5),
    ("4 x 5 items", 1_000_000, 50_000, 4, 5),
    ("16 x 5 items", 1_000_000, 50_000, 16, 5),
    ("8 x 10 items", 1_000_000, 50_000, 8, 10),
]


def plugin_source(plugin_id, dimensions, items):
    """A declarative framework of `dimensions` x `items` on 1-5, reverse keys as generate.py's."""
    reverse = reversed_items(dimensions, items)
    lines = ["return {", "  api = 1,", f"  id = '{plugin_id}',", "  name = 'Scaling framework',", "  version = '1.0.0',",
             "  description = 'Synthetic framework for make bench-scale.',", "  source = 'Cultivar benchmark.',",
             "  scale = { min = 1, max = 5 },", "  dimensions = {"]
    lines += [f"    {{ id = 'd{d}', name = 'Dimension {d}' }}," for d in range(dimensions)]
    lines += ["  },", "  items = {"]
    for d in range(dimensions):
        for i in range(items):
            flag = " reverse = true," if (d, i) in reverse else ""
            lines.append(f"    {{ id = 'd{d}_q{i}', text = 'Item {d}.{i}', dimension = 'd{d}',{flag} }},")
    lines += ["  },", "}", ""]
    return "\n".join(lines)


def prepare(case, folder, cultivar):
    """The case's score command and report file; its data file is made once and kept in
    bench-data/scale."""
    name, rows, teams, dimensions, items = case
    data = DATA / "scale" / f"r{rows}-t{teams}-d{dimensions}-i{items}.csv"
    if not data.exists():
        data.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(rows), str(data), "--teams", str(teams),
                        "--dimensions", str(dimensions), "--items", str(items)], check=True)
    plugin_id = f"scale-d{dimensions}-i{items}"
    plugins = folder / plugin_id
    plugins.mkdir()
    (plugins / f"{plugin_id}.lua").write_text(plugin_source(plugin_id, dimensions, items))
    survey = folder / f"{plugin_id}.yaml"
    survey.write_text(f"id: {plugin_id}\ntitle: Scaling\nframeworks: [{plugin_id}]\nmin_group_size: 5\n")
    out = folder / "report.csv"
    return [cultivar, "score", survey, "--responses", data, "--plugins", plugins, "--format", "csv", "--out", out], out


def main(cultivar, runs):
    with tempfile.TemporaryDirectory() as tmp:
        commands = {}
        for case in CASES:
            folder = Path(tmp) / f"case-{len(commands)}"
            folder.mkdir()
            commands[case] = prepare(case, folder, cultivar)
        results = alternate({case: command for case, (command, _) in commands.items()}, runs)
        base_wall = statistics.median(results[BASE][0])
        print(f"cultivar score, declarative, CSV report; median of {runs} alternating runs; peak RSS is the largest\n")
        print("| case | rows | teams | items | median wall (s) | median CPU (s) | peak RSS (MiB) | report (MB) | wall per 1M answers (s) "
              "| CPU per 1M answers (s) | wall / base |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for case in CASES:
            name, rows, teams, dimensions, items = case
            walls, peaks, cpus = results[case]
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            answers = rows * dimensions * items / 1e6
            size = commands[case][1].stat().st_size / 1e6
            print(f"| {name} | {rows:,} | {teams:,} | {dimensions} x {items} | {wall:.3f} | {cpu:.2f} | {max(peaks):.0f} | {size:.1f} "
                  f"| {wall / answers:.4f} | {cpu / answers:.4f} | {wall / base_wall:.2f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cultivar", default=str(HERE.parent / ".build/release/cultivar"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    build_launcher()
    main(str(Path(args.cultivar).resolve()), args.runs)
