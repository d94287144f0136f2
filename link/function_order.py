#!/usr/bin/env python3
"""Writes link/function-order.txt: the functions `cultivar` runs in its common jobs, in the order
they first run, for lld's `--symbol-ordering-file` (Package.swift, release builds).

Why: the release binary holds 22 MB of code, and the kernel maps code in blocks around each page
a run touches. Start-up and scoring run a few thousand functions scattered over the whole text,
so a run kept about 15 MB of code resident. Linked in this order, the functions that run sit
together at the start of the text (docs/performance.md, "Issue 17, session 13: start-up and
resident code").

How: each job runs with link/trace-functions.c preloaded, which notes every function of the
binary the first time it runs. The jobs: `--version`, `plugins check` of ten plugins, scoring
the bundled sample, scoring a generated wave (bench/generate.py) on two workers in CSV and JSON
and with a Lua `score` hook, and comparing the sample's teams. A function that later code no longer has is ignored
by the linker; a new one is linked where it would be without the file. Regenerate after large
changes: `make link-order`.

Usage: function_order.py --cultivar BIN --python PY [--out FILE]
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEXT_TYPES = {"t", "T", "W", "w"}


def text_range(binary):
    """The executable's .text section as (start, end) addresses."""
    out = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".text":
            start, size = int(fields[3], 16), int(fields[5], 16)
            return start, start + size
    sys.exit(f"{binary}: no .text section")


def functions(binary):
    """Every function symbol in .text: address → its names."""
    start, end = text_range(binary)
    out = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    names = {}
    for line in out.splitlines():
        fields = line.split(maxsplit=2)
        if len(fields) == 3 and fields[1] in TEXT_TYPES:
            address = int(fields[0], 16)
            if start <= address < end:
                names.setdefault(address, set()).add(fields[2])
    return names


def jobs(cultivar, python, work):
    """The traced commands, most common first, each as (arguments, working folder)."""
    plugins = work / "plugins"
    plugins.mkdir()
    hook = (ROOT / "bench/plugins/bench-hook.lua").read_text()
    for n in range(10):
        (plugins / f"p{n}.lua").write_text(hook.replace("'bench-hook'", f"'bench-{n}'"))
    wave = work / "wave.csv"
    subprocess.run([python, str(ROOT / "bench/generate.py"), "20000", str(wave)], check=True)
    bench = ["--responses", str(wave), "--plugins", str(ROOT / "bench/plugins"), "--jobs", "2", "--out"]
    sample = [str(ROOT / "surveys/learning-culture.yaml"), "--responses", str(ROOT / "surveys/sample-responses.csv")]
    return [
        ([cultivar, "--version"], work),
        ([cultivar, "plugins", "check"], work),
        ([cultivar, "score", *sample], ROOT),
        ([cultivar, "score", str(ROOT / "bench/surveys/bench-declarative.yaml"), *bench, str(work / "d.csv"), "--format", "csv"], ROOT),
        ([cultivar, "score", str(ROOT / "bench/surveys/bench-declarative.yaml"), *bench, str(work / "d.json"), "--format", "json"], ROOT),
        ([cultivar, "score", str(ROOT / "bench/surveys/bench-hook.yaml"), *bench, str(work / "h.csv"), "--format", "csv"], ROOT),
        ([cultivar, "compare", *sample], ROOT),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--out", default=str(HERE / "function-order.txt"))
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    names = functions(cultivar)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tracer = work / "trace-functions.so"
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(tracer), str(HERE / "trace-functions.c")], check=True)
        entries = work / "entries.txt"
        entries.write_text("".join(f"{address:x}\n" for address in sorted(names)))
        runs = work / "runs.txt"
        env = {"LD_PRELOAD": str(tracer), "TRACE_FUNCTIONS": str(entries), "TRACE_OUTPUT": str(runs), "PATH": "/usr/bin:/bin"}
        for command, folder in jobs(cultivar, args.python, work):
            done = subprocess.run(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                sys.exit(f"{' '.join(command[1:3])} failed under the tracer ({done.returncode}): {done.stderr[-500:]}")
        order, seen = [], set()
        for line in runs.read_text().split():
            address = int(line, 16)
            if address not in seen:
                seen.add(address)
                order.append(address)
    lines = [name for address in order for name in sorted(names[address])]
    header = ("# Functions in the order `cultivar` first runs them: lld's --symbol-ordering-file for release builds.\n"
              "# Generated by link/function_order.py (make link-order); do not edit.\n")
    Path(args.out).write_text(header + "".join(f"{name}\n" for name in lines))
    print(f"{args.out}: {len(order)} functions ({len(lines)} names) of {len(names)}")


if __name__ == "__main__":
    main()
