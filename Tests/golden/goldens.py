#!/usr/bin/env python3
"""Golden outputs: what users read, byte for byte.

Runs each command below (the bundled sample in every format of score, compare and drivers, the
comments and multi-select example in every format of comments and selections, the
organisation sample's cuts (units, all levels, an attribute, a crossed cut; compare by unit:1
and by unit:2 against each parent; trend by unit:1 over its two waves; three files of its
report --per-unit pack), the multilingual example read in English, German and French
(`--lang`: score, compare, drivers, selections, and trend over its two waves, also with a team
mapping; the rows-read line on standard error: goldens named `*.stderr.txt`), and
compare in every format over a matrix of generated shapes: 1/3/5/12 dimensions, 2/40 teams,
long names, suppressed teams) and compares its standard output with the file in
Tests/golden/outputs/. Any difference fails with a unified diff.

Re-record after an intended change with `make golden` (this script with --update), then review
the diff in git before committing.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUTPUTS = HERE / "outputs"
sys.path.insert(0, str(HERE))
from shapes import make_shape  # noqa: E402

SAMPLE = ["surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv"]
# The binary under test (set by main), for the examples that need a store made first.
CULTIVAR: list = []
SHAPES = [(1, 2, False), (3, 40, True), (5, 2, False), (12, 40, False)]


def commands(shape_root: Path):
    """(golden file name, working folder, arguments) for every golden."""
    out = []
    for fmt, ext in (("table", "txt"), ("csv", "csv"), ("json", "json")):
        out.append((f"sample/score.{ext}", ROOT, ["score", *SAMPLE, "--format", fmt]))
    for fmt, ext in (("table", "txt"), ("md", "md"), ("csv", "csv"), ("json", "json"), ("html", "html")):
        out.append((f"sample/compare.{ext}", ROOT, ["compare", *SAMPLE, "--format", fmt]))
    for fmt, ext in (("table", "txt"), ("csv", "csv"), ("json", "json"), ("html", "html")):
        out.append((f"sample/drivers.{ext}", ROOT, ["drivers", *SAMPLE, "--outcome", "sv1", "--by", "team", "--bootstrap", "200", "--format", fmt]))
    # Published index rules (eNPS, % positive people, pooled, weighted): labels, ranges, measures.
    rules = ["surveys/examples/index-rules/survey.yaml", "--responses", "surveys/examples/index-rules/responses.csv"]
    for fmt, ext in (("table", "txt"), ("csv", "csv"), ("json", "json")):
        out.append((f"index-rules/score.{ext}", ROOT, ["score", *rules, "--format", fmt]))
    for fmt, ext in (("table", "txt"), ("html", "html")):
        out.append((f"index-rules/compare.{ext}", ROOT, ["compare", *rules, "--format", fmt]))
    # Comments (a fixed --seed, since the order is random otherwise) and multi-selects, on the
    # example of surveys/examples/comments.
    example = ROOT / "surveys/examples/comments"
    for fmt, ext in (("table", "txt"), ("json", "json")):
        out.append((f"comments/comments.{ext}", example, ["comments", "voice.yaml", "--responses", "responses.csv", "--seed", "7", "--names", "names.txt", "--format", fmt]))
    out.append(("comments/comments-min-25.txt", example, ["comments", "voice.yaml", "--responses", "responses.csv", "--seed", "7", "--min-comments", "25"]))
    for fmt, ext in (("table", "txt"), ("csv", "csv"), ("json", "json")):
        out.append((f"comments/selections.{ext}", example, ["selections", "voice.yaml", "--responses", "responses.csv", "--format", fmt]))
    # Reports in the reader's language (--lang): the plugin's texts and the reports' own words,
    # with a multi-select item counted per respondent (count_of).
    multilingual = ROOT / "surveys/examples/multilingual"
    for lang in ("en", "de", "fr"):
        out.append((f"multilingual/score-{lang}.txt", multilingual, ["score", "survey.yaml", "--responses", "responses.csv", "--lang", lang]))
    for lang, fmt, ext in (("de", "table", "txt"), ("de", "md", "md"), ("de", "html", "html"), ("fr", "table", "txt"), ("fr", "html", "html")):
        out.append((f"multilingual/compare-{lang}.{ext}", multilingual, ["compare", "survey.yaml", "--responses", "responses.csv", "--lang", lang, "--format", fmt]))
    out.append(("multilingual/score-de.json", multilingual, ["score", "survey.yaml", "--responses", "responses.csv", "--lang", "de", "--format", "json"]))
    drivers = ["drivers", "survey.yaml", "--responses", "responses.csv", "--outcome", "index", "--by", "team", "--bootstrap", "200"]
    for lang, fmt, ext in (("de", "table", "txt"), ("de", "html", "html"), ("fr", "table", "txt"), ("es", "table", "txt")):
        out.append((f"multilingual/drivers-{lang}.{ext}", multilingual, [*drivers, "--lang", lang, "--format", fmt]))
    for lang in ("de", "fr"):
        out.append((f"multilingual/selections-{lang}.txt", multilingual, ["selections", "survey.yaml", "--responses", "responses.csv", "--lang", lang]))
    waves = ["trend", "survey.yaml", "--waves", "2026-spring,2026-autumn", "--store", str(shape_root / "multilingual.sqlite")]
    for lang in ("en", "de", "fr"):
        out.append((f"multilingual/trend-{lang}.txt", multilingual, [*waves, "--lang", lang]))
    # The same example with a team mapping (Support renamed Customer Care in the second wave,
    # a merge that matches nobody) read in three languages, and the line on standard error that
    # accounts for the rows (with a rejected row written to a rejects file) in three languages.
    mapped = shape_root / "multilingual-mapped"
    make_mapped(mapped, CULTIVAR[0])
    mapped_waves = ["trend", "survey.yaml", "--waves", "2026-spring,2026-autumn", "--store", "mapped.sqlite"]
    for lang in ("en", "de", "fr"):
        out.append((f"multilingual/trend-mapped-{lang}.txt", mapped, [*mapped_waves, "--lang", lang]))
    for lang in ("en", "de", "fr"):
        out.append((f"multilingual/score-{lang}.stderr.txt", mapped,
                    ["score", "survey.yaml", "--responses", "rejects.csv", "--skip-invalid", "--lang", lang, "--format", "csv"]))
    org = ["score", "surveys/org/acme.yaml", "--responses", "surveys/org/responses-2026-spring.csv", "--org", "surveys/org/acme.org.yaml"]
    for cut, formats in (("unit:1", ("table", "json")), ("unit", ("csv",)), ("tenure", ("table",)), ("unit:1,tenure", ("table", "csv"))):
        for fmt in formats:
            ext = {"table": "txt", "csv": "csv", "json": "json"}[fmt]
            out.append((f"org/score-by-{cut.replace(':', '').replace(',', '-')}.{ext}", ROOT,
                        [*org, "--by", cut, "--headcount-wave", "2026-spring", "--format", fmt]))
    compare_org = ["compare", *org[1:]]
    out.append(("org/compare-by-unit1.txt", ROOT, [*compare_org, "--by", "unit:1"]))
    out.append(("org/compare-by-unit2-parent.txt", ROOT, [*compare_org, "--by", "unit:2", "--baseline", "parent"]))
    # trend --by unit:1 over the sample's two waves (in a store made in the scratch folder), and
    # report --per-unit: the index and two pages of the pack (a 4th element: the file read).
    store = ["--store", str(shape_root / "org.sqlite")]
    out.append(("org/trend-by-unit1.txt", ROOT, ["trend", "surveys/org/acme.yaml", "--waves", "2026-spring,2026-autumn", *store,
                                                 "--org", "surveys/org/acme.org.yaml", "--by", "unit:1"]))
    pack = ["report", *org[1:], "--headcount-wave", "2026-spring", "--per-unit", str(shape_root / "pack")]
    for page in ("index.html", "customers.html", "platform.html"):
        out.append((f"org/pack/{page}", ROOT, pack, shape_root / "pack" / page))
    for number, (dims, teams, long_names) in enumerate(SHAPES):
        label = f"d{dims}-t{teams}{'-long' if long_names else ''}"
        folder = shape_root / label
        make_shape(folder, dims, teams, long_names, seed=100 + number)
        for fmt, ext in (("table", "txt"), ("md", "md"), ("csv", "csv"), ("json", "json"), ("html", "html")):
            out.append((f"shapes/{label}/compare.{ext}", folder, ["compare", "survey.yaml", "--responses", "responses.csv", "--format", fmt]))
    return out


def make_mapped(folder: Path, cultivar: str):
    """The multilingual example with a team mapping, its two waves in a store, and a response
    file with one row that is rejected (an answer off the scale)."""
    source = ROOT / "surveys/examples/multilingual"
    shutil.copytree(source / "plugins", folder / "plugins")
    survey = (source / "survey.yaml").read_text()
    survey += "team_mapping:\n  renamed:\n    Support: Customer Care\n  merged:\n    Go-to-market: [Marketing, Partnerships]\n"
    (folder / "survey.yaml").write_text(survey)
    (folder / "spring.csv").write_text((source / "responses.csv").read_text())
    (folder / "autumn.csv").write_text((source / "responses-autumn.csv").read_text().replace(",Support,", ",Customer Care,"))
    lines = (source / "responses.csv").read_text().splitlines()
    header = lines[0].split(",")
    bad = lines[1].split(",")
    bad[header.index("lh1")] = "9"
    (folder / "rejects.csv").write_text("\n".join(lines[:1] + [",".join(bad)] + lines[2:]) + "\n")
    for wave, responses in (("2026-spring", "spring.csv"), ("2026-autumn", "autumn.csv")):
        subprocess.run([cultivar, "import", "survey.yaml", responses, "--wave", wave, "--store", "mapped.sqlite"],
                       cwd=folder, capture_output=True, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--update", action="store_true", help="re-record every golden file")
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    CULTIVAR.append(cultivar)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = commands(Path(tmp))
        imports = [
            [(["import", "surveys/org/acme.yaml", f"surveys/org/responses-{wave}.csv", "--wave", wave, "--store", str(Path(tmp) / "org.sqlite")], ROOT)
             for wave in ("2026-spring", "2026-autumn")],
            [(["import", "survey.yaml", responses, "--wave", wave, "--store", str(Path(tmp) / "multilingual.sqlite")],
              ROOT / "surveys/examples/multilingual")
             for wave, responses in (("2026-spring", "responses.csv"), ("2026-autumn", "responses-autumn.csv"))],
        ]
        # Each command runs once (the pack's pages share one run), as many at a time as there are
        # cores; the two stores' waves are imported in order, the stores side by side.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            for _ in pool.map(lambda steps: [subprocess.run([cultivar, *a], cwd=cwd, capture_output=True, check=True) for a, cwd in steps],
                              imports):
                pass
            keys = list(dict.fromkeys((str(cwd), *arguments) for _, cwd, arguments, *_ in runs))
            done_runs = dict(zip(keys, pool.map(
                lambda key: subprocess.run([cultivar, *key[1:]], cwd=key[0], capture_output=True, text=True), keys)))
        for name, cwd, arguments, *read in runs:
            done = done_runs[(str(cwd), *arguments)]
            if done.returncode != 0:
                failures.append(f"{name}: exit {done.returncode}: {done.stderr[-400:]}")
                continue
            if read:
                done = subprocess.CompletedProcess(done.args, 0, stdout=read[0].read_text())
            if name.endswith(".stderr.txt"):
                done = subprocess.CompletedProcess(done.args, 0, stdout=done.stderr)
            golden = OUTPUTS / name
            if args.update:
                golden.parent.mkdir(parents=True, exist_ok=True)
                golden.write_text(done.stdout)
                continue
            if not golden.exists():
                failures.append(f"{name}: no golden file (record with `make golden`)")
                continue
            want = golden.read_text()
            if want != done.stdout:
                diff = difflib.unified_diff(want.splitlines(), done.stdout.splitlines(), f"golden/{name}", "cultivar", lineterm="", n=1)
                failures.append(f"{name}: differs from its golden file:\n" + "\n".join(list(diff)[:30]))
    if failures:
        print("\n\n".join(failures))
        print(f"\n{len(failures)} of {len(runs)} golden outputs differ; if the change is intended, run `make golden` and review the diff")
        sys.exit(1)
    print(f"{len(runs)} golden outputs {'re-recorded' if args.update else 'match byte for byte'} (Tests/golden/outputs)")


if __name__ == "__main__":
    main()
