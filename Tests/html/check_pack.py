#!/usr/bin/env python3
"""Renders `cultivar report --per-unit` packs in headless Chromium and checks every page's DOM.

For the organisation sample and several generated organisations (2-3 levels, groups of 0-40
respondents, missing answers, blank rows, two attributes; Tests/crosscheck/check_cuts.py's
generator):

1. the pack holds index.html and a page for exactly the units `score --by unit` shows; the
   index links each page, and no withheld unit;
2. `chromium --dump-dom` of every file: the page parses, the browser logs no error;
3. each page's own numbers (its index and each dimension's mean, its child units' and its
   attribute cells' index and means) equal an independent pandas computation on the pooled
   respondents (to the page's rounding);
4. no page shows a number of a withheld group or data point: the privacy audit of the run
   (`--privacy-report`, the engine's list of everything withheld) names them, and every table
   row of such a group carries its n only (a withheld data point's cell is empty or '–').
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "Tests" / "crosscheck"))
from check_cuts import band, make_case  # noqa: E402

SAMPLE = ["surveys/org/acme.yaml", "--responses", "surveys/org/responses-2026-spring.csv", "--org", "surveys/org/acme.org.yaml"]


class Tables(HTMLParser):
    """The page's tables (class, the h3 before it, rows of cell texts) and its unit."""

    def __init__(self):
        super().__init__()
        self.tables, self.unit, self.heading = [], None, ""
        self._cell, self._row, self._in_h3 = None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1" and "data-unit" in attrs:
            self.unit = attrs["data-unit"]
        elif tag == "h3":
            self._in_h3, self.heading = True, ""
        elif tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "heading": self.heading, "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "h3":
            self._in_h3 = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._in_h3:
            self.heading += data


def dump(chromium, path: Path, failures):
    chrome = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"]
    done = subprocess.run(chrome + ["--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        failures.append(f"{path.name}: chromium --dump-dom exited {done.returncode}: {done.stderr[-300:]}")
        return None
    errors = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    failures += [f"{path.name}: browser error: {line}" for line in errors]
    return done.stdout


def close(cell, want, decimals):
    if want is None or (isinstance(want, float) and math.isnan(want)):
        return cell in ("", "–")
    try:
        return abs(float(cell.replace("−", "-")) - want) <= 0.5 * 10 ** -decimals + 1e-9
    except ValueError:
        return False


def check_pack(cultivar, chromium, folder: Path, out: Path, arguments, label, truth, failures):
    """Writes the pack, dumps every file in Chromium and checks it. `truth(group)`: pandas'
    (index, {dimension name: mean}) of a group, or None when not computed (the sample)."""
    pack = out / f"pack-{label.replace(' ', '-')}"
    audit_file = out / f"audit-{label.replace(' ', '-')}.json"
    done = subprocess.run([cultivar, "report", *arguments, "--per-unit", str(pack), "--privacy-report", str(audit_file)],
                          cwd=folder, capture_output=True, text=True)
    if done.returncode != 0:
        failures.append(f"{label}: report exited {done.returncode}: {done.stderr[-400:]}")
        return 0, 0
    scored = subprocess.run([cultivar, "score", *arguments, "--by", "unit", "--format", "json"], cwd=folder, capture_output=True, text=True)
    units = {t["team"]: t for t in json.loads(scored.stdout)["frameworks"][0]["teams"]}
    audit = json.loads(audit_file.read_text())["withheld"]
    whole = {e["group"] for e in audit if e["data_point"] is None and e["cut"] != "parent baseline"}
    points = {(e["group"], e["data_point"]) for e in audit if e["data_point"] is not None and e["cut"] != "parent baseline"}
    index_html = (pack / "index.html").read_text()
    files = sorted(p.name for p in pack.iterdir())
    shown_units = [u for u, t in units.items() if not t["suppressed"]]
    if len(files) != len(shown_units) + 1:
        failures.append(f"{label}: {len(files) - 1} pages for {len(shown_units)} shown units")
    for name, group in units.items():
        if group["suppressed"] and f"<bdi>{name}</bdi></a>" in index_html:
            failures.append(f"{label}: withheld unit {name} is linked from the index")
    checked = withheld_rows = 0
    for file in files:
        dom = dump(chromium, pack / file, failures)
        if dom is None:
            continue
        tables = Tables()
        tables.feed(dom)
        unit = tables.unit
        if file != "index.html" and unit not in units:
            failures.append(f"{label} {file}: the page names no unit of score --by unit ({unit})")
            continue
        for table in tables.tables:
            cls, heading, rows = table["class"], table["heading"].strip(), table["rows"]
            if not rows:
                continue
            header, body = rows[0], rows[1:]
            if "groups" in cls or "bands" in cls:
                dimensions = header[3:] if "groups" in cls else []
                for row in body:
                    if "bands" in cls:
                        group = {0: unit}.get(body.index(row), row[0])
                        group = "(all teams)" if row[0] == "Organisation" else group
                    elif heading == "Child units":
                        group = row[0]
                    else:
                        group = f"{unit} × {row[0]}"
                    if group in whole:
                        withheld_rows += 1
                        if any(c.strip() and not c.startswith("withheld:") for c in row[2:]):
                            failures.append(f"{label} {file}: withheld group {group} shows numbers: {row}")
                        continue
                    for d, name in enumerate(dimensions):
                        if (group, name) in points and row[3 + d] not in ("", "–"):
                            failures.append(f"{label} {file}: withheld {group}/{name} shows {row[3 + d]}")
                    want = truth(group)
                    if want is None:
                        continue
                    index, means = want
                    if not any((group, d) in points for d in means) and not close(row[2], index, 1):
                        failures.append(f"{label} {file}: {group} index {row[2]} != pandas {index}")
                    for d, name in enumerate(dimensions):
                        if (group, name) not in points and not close(row[3 + d], means.get(name), 2):
                            failures.append(f"{label} {file}: {group}/{name} mean {row[3 + d]} != pandas {means.get(name)}")
                    checked += 1 + len(dimensions)
            elif "dimensions" in cls:
                want = truth(unit)
                for row in body:
                    if (unit, row[0]) in points:
                        withheld_rows += 1
                        if row[2] or row[3] or row[4]:
                            failures.append(f"{label} {file}: withheld {unit}/{row[0]} shows {row}")
                    elif want is not None:
                        checked += 1
                        if not close(row[2], want[1].get(row[0]), 2):
                            failures.append(f"{label} {file}: {unit}/{row[0]} mean {row[2]} != pandas {want[1].get(row[0])}")
    print(f"{label}: {len(files)} files rendered in Chromium, {checked} numbers equal pandas, {withheld_rows} withheld rows carry no numbers")
    return checked, withheld_rows


def generated_truth(folder: Path, case):
    """pandas' (index, means) of each group of a generated organisation, by the group's name."""
    item_ids = [i for i, _ in case["items"]]
    frame = pd.read_csv(folder / "responses.csv", dtype=str, keep_default_na=False)
    values = frame[item_ids].replace("", np.nan).astype(float)
    answered = values.notna().any(axis=1)
    scores = pd.DataFrame({d: values[[i for i, dd in case["items"] if dd == d]].mean(axis=1) for d in case["dims"]})
    names = {u[0]: u[1] for u in case["units"]}
    parents = {u[0]: u[2] for u in case["units"]}
    labels = {"location": frame["location"].map(lambda v: f"location: {v or '(not given)'}"),
              "tenure": frame["tenure"].map(lambda v: f"tenure: {band(v)}")}

    def line(team):
        chain = [team]
        while parents[chain[-1]]:
            chain.append(parents[chain[-1]])
        return [names[u] for u in chain]

    lines = frame["team"].map(line)

    def truth(group):
        unit, _, cell = group.partition(" × ")
        if group == "(all teams)":
            rows = answered
        else:
            rows = answered & lines.map(lambda chain: unit in chain)
            if cell:
                attribute = cell.split(":")[0]
                rows = rows & (labels[attribute] == cell)
        means = {d: scores.loc[rows, d].mean() for d in case["dims"]}
        pomps = [(m - 1) / 4 * 100 for m in means.values() if not math.isnan(m)]
        return (sum(pomps) / len(pomps) if pomps else None), means

    return truth


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--out", default=".build/pack-check")
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    failures, checked, withheld = [], 0, 0
    c, w = check_pack(cultivar, args.chromium, ROOT, out, [*SAMPLE, "--headcount-wave", "2026-spring"], "sample", lambda _: None, failures)
    checked, withheld = checked + c, withheld + w
    for seed in range(args.seeds):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            case = make_case(np.random.default_rng(9100 + seed), folder)
            columns = ["respondent_id", "team", "location", "tenure"] + [i for i, _ in case["items"]]
            pd.DataFrame(case["rows"], columns=columns).to_csv(folder / "responses.csv", index=False)
            truth = generated_truth(folder, case)
            c, w = check_pack(cultivar, args.chromium, folder, out, ["survey.yaml", "--responses", "responses.csv", "--org", "org.yaml"],
                              f"seed {seed}", truth, failures)
            checked, withheld = checked + c, withheld + w
    if withheld == 0:
        failures.append("no withheld group met on any page: the check of withheld rows ran on nothing")
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(1)
    print(f"report --per-unit renders in headless Chromium: {checked} numbers equal pandas, {withheld} withheld rows carry no numbers "
          f"({1 + args.seeds} packs)")


if __name__ == "__main__":
    main()
