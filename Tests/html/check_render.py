#!/usr/bin/env python3
"""Renders `cultivar compare --format html` in headless Chromium and checks the result.

1. Writes the sample comparison as HTML (and a team-baseline variant).
2. `chromium --dump-dom`: the page parses, and the rendered DOM holds the heatmap (one cell per
   shown team × dimension in the heatmap table, suppressed rows hatched), the ranking, the profiles, the reliability
   table and the privacy section; the browser logs no error about the page.
3. `chromium --screenshot`: the PNG is decoded (Pillow) and must not be blank:
   enough distinct colours, enough ink, and the palette's purple and orange cells present.
"""
import argparse
from collections import Counter
import subprocess
import sys
from pathlib import Path

from PIL import Image

SURVEY = ["surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv"]


def check_screenshot(path: Path, failures):
    image = Image.open(path).convert("RGB")
    width, height = image.size
    small = image.resize((width // 2, height // 2), Image.NEAREST)
    pixels = [small.getpixel((x, y)) for y in range(small.height) for x in range(small.width)]
    counts = Counter(pixels)
    colours = set(counts)
    background = counts.most_common(1)[0][0]
    ink = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, background)) > 60) / len(pixels)
    purple = sum(1 for r, g, b in pixels if b > r + 25 and b > g + 40 and r > 70)
    orange = sum(1 for r, g, b in pixels if r > 200 and 110 < g < 200 and b < 110)
    print(f"screenshot {path}: {width}x{height}, {len(colours)} colours, {ink:.1%} ink, {purple} purple and {orange} orange sample pixels")
    if len(colours) < 50:
        failures.append(f"{path}: only {len(colours)} colours: the page looks blank")
    if ink < 0.03:
        failures.append(f"{path}: only {ink:.1%} of the page differs from the background")
    if purple < 50 or orange < 50:
        failures.append(f"{path}: the heatmap's purple ({purple}) and orange ({orange}) cells are missing")


def check_dom(dom: str, label, failures, shown_teams, dimensions, suppressed):
    expected = {
        '<table class="heatmap"': 1, '<svg class="ranking"': 1, '<svg class="profile"': shown_teams,
        '<td class="cell': (shown_teams + 1) * dimensions, 'class="hatched"': suppressed,
        'id="privacy"': 1, 'id="method"': 1,
    }
    for marker, count in expected.items():
        found = dom.count(marker)
        if found != count:
            failures.append(f"{label}: expected {count} × {marker}, the rendered DOM has {found}")
    for text in ["Reliability", "α pairwise", "scores withheld", "Culture index ranking"]:
        if text not in dom:
            failures.append(f"{label}: the rendered DOM lacks '{text}'")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--out", default=".build/html-check")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    failures = []
    variants = [("org", [], 5, 2), ("team", ["--baseline", "Engineering", "--teams", "Sales,Legal,Finance"], 3, 1)]
    for label, extra, shown, suppressed in variants:
        html = out / f"compare-{label}.html"
        subprocess.run([args.cultivar, "compare", *SURVEY, "--format", "html", "--out", str(html), *extra], check=True)
        chrome = [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
        dom = subprocess.run(chrome + ["--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=120)
        if dom.returncode != 0:
            failures.append(f"{label}: chromium --dump-dom exited {dom.returncode}: {dom.stderr[-500:]}")
            continue
        errors = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line or html.name in line and "ERROR" in line]
        failures += [f"{label}: browser error: {line}" for line in errors]
        check_dom(dom.stdout, label, failures, shown, 5, suppressed)
        png = out / f"compare-{label}.png"
        shot = subprocess.run(chrome + [f"--screenshot={png}", "--window-size=1280,2200", html.as_uri()], capture_output=True, text=True, timeout=120)
        if shot.returncode != 0 or not png.exists():
            failures.append(f"{label}: chromium --screenshot failed: {shot.stderr[-500:]}")
            continue
        check_screenshot(png, failures)
        print(f"{label}: rendered {html.name} ({html.stat().st_size} bytes) in Chromium: DOM and screenshot checked")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"the HTML comparison renders in headless Chromium ({len(variants)} reports); screenshots in {out}")


if __name__ == "__main__":
    main()
