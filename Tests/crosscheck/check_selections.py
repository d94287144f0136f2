#!/usr/bin/env python3
"""Independent check of `cultivar selections` (multi-select items) against pandas.

1. The export fixtures of Tests/ImportersTests/Fixtures (scripts/generate_exports.py): each
   layout is read here with pandas by its own rules (Qualtrics one column per option with
   unticked = blank or 0, Google Forms and Microsoft Forms one cell, SurveyMonkey one column
   per option holding the label), imported with `cultivar import`, and `cultivar selections
   --wave` is compared group by group: n (respondents who answered), % choosing each option
   and the mean number chosen (1e-9). Also checked: every layout that cannot tell "answered,
   nothing ticked" from "skipped" gives the same numbers, and the zero layout counts such
   answers in n.
2. Random response files in Cultivar's own layout (one cell of ids or labels, ';' or ','
   separators, labels holding commas, blank cells, teams of 1-30): the same comparison with
   `selections --responses`, and shown groups always have n >= min_group_size, and the shown
   groups never leave a withheld remainder of 1..k-1 under the organisation.
"""
import argparse
import csv
import io
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests/ImportersTests/Fixtures"
EXAMPLE = ROOT / "surveys/examples/comments"
FORMATS = ["Workshops", "Mentoring", "E-learning", "Communities of practice"]
IDS = ["workshops", "mentoring", "elearning", "communities"]
TOLERANCE = 1e-9
failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def expected(frame, ids=IDS):
    """frame: team + one 0/1 column per option, one row per respondent who answered."""
    out = {}
    groups = list(frame.groupby("team")) + [("(all teams)", frame)]
    for name, g in groups:
        out[name] = (len(g), [g[o].mean() * 100 for o in ids], g[ids].sum(axis=1).mean())
    return out


def compare(label, csv_text, truth, k, ids=IDS):
    got = pd.read_csv(io.StringIO(csv_text), keep_default_na=False)
    shown_total = 0
    org_shown = False
    for name, rows in got.groupby("group"):
        n = int(rows["n"].iloc[0])
        exp = truth.get(name)
        check(exp is not None and exp[0] == n, f"{label}: {name}: n {n} vs pandas {exp and exp[0]}")
        if exp is None:
            continue
        if (rows["withheld"] != "").any():
            check((rows["percent"] == "").all(), f"{label}: {name}: a withheld group carries numbers")
            continue
        check(n >= k, f"{label}: {name}: shown with n = {n} < {k}")
        if name != "(all teams)":
            shown_total += n
        else:
            org_shown = True
        for option, percent in zip(rows["option"], rows["percent"]):
            want = exp[1][ids.index(option)]
            check(abs(float(percent) - want) <= TOLERANCE, f"{label}: {name}: {option} {percent} vs pandas {want}")
        check(abs(float(rows["mean_chosen"].iloc[0]) - exp[2]) <= TOLERANCE, f"{label}: {name}: mean chosen {rows['mean_chosen'].iloc[0]} vs {exp[2]}")
    org = truth["(all teams)"][0]
    rest = org - shown_total
    check(not org_shown or rest == 0 or rest >= k, f"{label}: the withheld remainder under the shown organisation is {rest} (< {k})")


def one_column_per_option(frame, columns, ticked, blank_is_unticked):
    """0/1 per option from one column per option; rows without an answer dropped."""
    cells = frame[columns].astype(str).apply(lambda c: c.str.strip())
    ticks = cells.apply(lambda c: c.map(ticked)).astype(int)
    answered = ticks.sum(axis=1) > 0 if blank_is_unticked else (cells != "").any(axis=1)
    out = pd.DataFrame({"team": frame.iloc[:, 0].values})
    for o, column in zip(IDS, columns):
        out[o] = ticks[column].values
    return out[answered.values]


def one_cell(teams, cells, separator):
    rows = []
    for team, cell in zip(teams, cells):
        cell = str(cell).strip()
        if cell in ("", "nan"):
            continue
        parts = [p.strip() for p in cell.split(separator) if p.strip()]
        rows.append({"team": team, **{o: int(label in parts) for o, label in zip(IDS, FORMATS)}})
    return pd.DataFrame(rows)


def read_xlsx(path):
    """The first sheet of a workbook as a DataFrame of text (header row first), read with the
    standard library (shared strings and inline numbers only, as the fixture holds)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                   for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells = {}
        for c in row.findall("m:c", ns):
            column = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group(0):
                column = column * 26 + ord(ch) - 64
            value = c.find("m:v", ns).text
            cells[column - 1] = strings[int(value)] if c.get("t") == "s" else value
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
    width = len(rows[0])
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows[1:]], columns=rows[0])


def fixtures(cultivar, tmp):
    q_blank = pd.read_csv(FIXTURES / "qualtrics-multi.csv", skiprows=[1, 2], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    q_zero = pd.read_csv(FIXTURES / "qualtrics-multi-zero.csv", skiprows=[1, 2], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    options = [f"Q4_{i + 1}" for i in range(4)]
    gf = pd.read_csv(FIXTURES / "google-forms-multi.csv", dtype=str, keep_default_na=False)
    sm = pd.read_csv(FIXTURES / "surveymonkey-multi.csv", header=None, skiprows=2, dtype=str, keep_default_na=False)
    ms = read_xlsx(FIXTURES / "ms-forms-multi.xlsx")
    cases = {
        "qualtrics-multi.csv": (one_column_per_option(q_blank[["team"] + options], options, lambda c: c == "1", True), ["--unticked", "blank"]),
        "qualtrics-multi-zero.csv": (one_column_per_option(q_zero[["team"] + options], options, lambda c: c == "1", False), []),
        "google-forms-multi.csv": (one_cell(gf["Which team are you in?"], gf["Which learning formats have you used this year?"], ","), ["--team-column", "Which team are you in?"]),
        "surveymonkey-multi.csv": (one_column_per_option(sm[[9] + list(range(12, 16))], list(range(12, 16)), lambda c: c in FORMATS, True), []),
        "ms-forms-multi.xlsx": (one_cell(ms["Team"], ms["Which learning formats have you used this year?"], ";"), []),
    }
    store = tmp / "fixtures.sqlite"
    results = {}
    for file, (frame, extra) in cases.items():
        wave = file.split(".")[0]
        run = subprocess.run([cultivar, "import", str(EXAMPLE / "voice.yaml"), str(FIXTURES / file), "--wave", wave, "--store", str(store),
                              "--plugins", str(EXAMPLE / "plugins"), *extra], capture_output=True, text=True)
        check(run.returncode == 0, f"import {file}: {run.stderr[-300:]}")
        out = subprocess.run([cultivar, "selections", str(EXAMPLE / "voice.yaml"), "--wave", wave, "--store", str(store),
                              "--plugins", str(EXAMPLE / "plugins"), "--format", "csv"], capture_output=True, text=True)
        check(out.returncode == 0, f"selections {file}: {out.stderr[-300:]}")
        truth = expected(frame)
        compare(file, out.stdout, truth, 5)
        results[file] = truth
    blank_layouts = ["qualtrics-multi.csv", "google-forms-multi.csv", "surveymonkey-multi.csv", "ms-forms-multi.xlsx"]
    for file in blank_layouts[1:]:
        check(results[file] == results[blank_layouts[0]], f"{file} and {blank_layouts[0]} differ")
    check(results["qualtrics-multi-zero.csv"]["(all teams)"][0] > results["qualtrics-multi.csv"]["(all teams)"][0],
          "the 0 layout should count answers with nothing ticked")
    return len(cases)


LABELS = ["Workshops", "Reading, writing", "Mentoring", "Peer learning"]
RIDS = ["w", "r", "m", "p"]


def random_case(rng, folder):
    plugin = (EXAMPLE / "plugins/learning-voice.lua").read_text()
    options = ", ".join(f'{{ id = "{i}", label = "{l}" }}' for i, l in zip(RIDS, LABELS))
    start = plugin.index("      options = {")
    end = plugin.index("} },", start) + 4
    plugin = plugin[:start] + f"      options = {{ {options} }} }}," + plugin[end:]
    (folder / "plugins").mkdir(parents=True, exist_ok=True)
    (folder / "plugins/learning-voice.lua").write_text(plugin)
    k = rng.choice([3, 5, 8])
    (folder / "voice.yaml").write_text(f"id: v\ntitle: V\nframeworks: [learning-voice]\nmin_group_size: {k}\n")
    rows, truth_rows = [["respondent_id", "team", "s1", "s2", "wish", "formats"]], []
    for t in range(rng.randint(1, 6)):
        for i in range(rng.randint(1, 30)):
            chosen = [j for j in range(4) if rng.random() < rng.choice([0.1, 0.5, 0.9])]
            if rng.random() < 0.15:
                cell = ""
            else:
                names = [rng.choice([RIDS[j], LABELS[j], LABELS[j].upper()]) for j in chosen]
                rng.shuffle(names)
                cell = rng.choice([";", "; ", ","]).join(names)
            rows.append([f"r{t}-{i}", f"Team {t}", "3", "", "", cell])
            if cell.strip():
                truth_rows.append({"team": f"Team {t}", **{RIDS[j]: int(j in chosen) for j in range(4)}})
    with (folder / "responses.csv").open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    return k, pd.DataFrame(truth_rows, columns=["team", *RIDS])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--cases", type=int, default=60)
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        layouts = fixtures(cultivar, tmp)
        rng = random.Random(2026)
        for case in range(args.cases):
            folder = tmp / f"case{case}"
            k, frame = random_case(rng, folder)
            out = subprocess.run([cultivar, "selections", "voice.yaml", "--responses", "responses.csv", "--format", "csv"],
                                 cwd=folder, capture_output=True, text=True)
            if frame.empty:
                check(out.returncode == 0, f"case {case}: {out.stderr[-300:]}")
                continue
            check(out.returncode == 0, f"case {case}: {out.stderr[-300:]}")
            compare(f"case {case}", out.stdout, expected(frame, RIDS), k, RIDS)
    if failures:
        print("\n".join(failures[:40]))
        print(f"check_selections: {len(failures)} failures")
        sys.exit(1)
    print(f"check_selections: {layouts} export layouts and {args.cases} random files agree with pandas")


if __name__ == "__main__":
    main()
