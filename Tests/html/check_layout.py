#!/usr/bin/env python3
"""Renders HTML reports of many shapes in headless Chromium and checks their layout.

Shapes: 1, 3, 5 and 12 dimensions; dimension and team names up to 60 characters; 2 and 40
teams; suppressed teams; a small team with a clear difference; a constant baseline. For each,
`cultivar compare --format html` (and `cultivar drivers --format html` where it applies) is
rendered with a measuring script injected into a copy of the page (the product has no scripts),
and the page must have:
- no text that overflows its cell or box (an element whose content is wider than itself, other
  than the scrolling wrappers), no SVG text outside its chart, no two SVG labels overlapping;
- no text smaller than 12 px, and WCAG AA contrast (4.5:1, 3:1 for large text) for all HTML
  text against the colour behind it (text on the hatched pattern excepted);
- no cell that calls a difference both meaningful and "too few to tell".
Screenshots are kept in the output folder as test artefacts.
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "golden"))
from shapes import make_shape  # noqa: E402

PROBE = r"""
<script>
window.addEventListener('load', () => {
  const problems = [];
  const describe = el => (el.tagName + ' ' + (el.textContent || '').trim().slice(0, 60));
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.sr-only') || el.tagName === 'SCRIPT' || el.tagName === 'PRE') continue;
    const style = getComputedStyle(el);
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && style.display !== 'none' && parseFloat(style.fontSize) < 11.95) problems.push('font ' + style.fontSize + ': ' + describe(el));
    if (el instanceof SVGElement) continue;
    const scrolls = ['auto', 'scroll'].includes(style.overflowX);
    if (!scrolls && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.display !== 'inline')
      problems.push('overflow ' + el.scrollWidth + '>' + el.clientWidth + ': ' + describe(el));
  }
  for (const svg of document.querySelectorAll('svg')) {
    const box = svg.getBoundingClientRect();
    const labels = Array.from(svg.querySelectorAll('text')).map(t => [t, t.getBoundingClientRect()]);
    for (const [t, r] of labels) {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        problems.push('svg text outside its chart: ' + t.textContent);
    }
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i][1], b = labels[j][1];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) problems.push('svg labels overlap: "' + labels[i][0].textContent + '" / "' + labels[j][0].textContent + '"');
    }
  }
  // WCAG AA: text against the colour behind it (the nearest element with a plain background).
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  for (const el of document.querySelectorAll('body *')) {
    if (el instanceof SVGElement || el.closest('.sr-only')) continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    let back = null, node = el, patterned = false;
    while (node && node.nodeType === 1) {
      const st = getComputedStyle(node);
      if (st.backgroundImage !== 'none') { patterned = true; break; }
      const c = rgb(st.backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) { back = c; break; }
      node = node.parentElement;
    }
    if (patterned) continue;
    const fore = rgb(getComputedStyle(el).color), bg = back || [255, 255, 255];
    const [a, b] = [lum(fore), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const style = getComputedStyle(el);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && parseInt(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push('contrast ' + ratio.toFixed(2) + ': ' + describe(el));
  }
  for (const cell of document.querySelectorAll('td')) {
    const text = cell.textContent;
    if (/too few/.test(text) && /[▲▼]/.test(text)) problems.push('contradiction: ' + text);
  }
  const out = document.createElement('pre');
  out.id = 'layout-result';
  out.textContent = JSON.stringify(problems);
  document.body.appendChild(out);
});
</script>
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--out", default=".build/html-layout")
    args = parser.parse_args()
    args.cultivar = str(Path(args.cultivar).resolve())
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    chrome = [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000"]
    failures, pages = [], 0
    shapes = [(d, t, long) for d in (1, 3, 5, 12) for t in (2, 40) for long in (False, True)]
    for number, (dims, teams, long_names) in enumerate(shapes):
        label = f"d{dims}-t{teams}{'-long' if long_names else ''}"
        folder = out / label
        make_shape(folder, dims, teams, long_names, seed=number)
        reports = [("compare", [args.cultivar, "compare", "survey.yaml", "--responses", "responses.csv", "--format", "html", "--out", "compare.html"])]
        if dims >= 3:
            reports.append(("drivers", [args.cultivar, "drivers", "survey.yaml", "--responses", "responses.csv", "--outcome", "d0",
                                        "--by", "team", "--bootstrap", "20", "--format", "html", "--out", "drivers.html"]))
        for kind, command in reports:
            done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
            if done.returncode != 0:
                failures.append(f"{label} {kind}: exit {done.returncode}: {done.stderr[-300:]}")
                continue
            page = folder / f"{kind}.html"
            probed = folder / f"{kind}.probe.html"
            probed.write_text(page.read_text().replace("</body>", PROBE + "</body>"))
            for width in (1280, 800):
                dom = subprocess.run(chrome + [f"--window-size={width},2000", "--dump-dom", probed.as_uri()], capture_output=True, text=True, timeout=180)
                match = re.search(r'<pre id="layout-result">(.*?)</pre>', dom.stdout, re.S)
                if not match:
                    failures.append(f"{label} {kind} at {width}px: the layout probe did not run: {dom.stderr[-300:]}")
                    continue
                problems = json.loads(match.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                failures += [f"{label} {kind} at {width}px: {p}" for p in problems[:8]]
                pages += 1
            subprocess.run(chrome + [f"--screenshot={folder / (kind + '.png')}", "--window-size=1280,2400", page.as_uri()],
                           capture_output=True, timeout=180)
    if failures:
        print("\n".join(failures[:60]))
        print(f"{len(failures)} layout problems")
        sys.exit(1)
    print(f"{pages} page renderings of {len(shapes)} shapes (1-12 dimensions, 2-40 teams, names up to 60 characters) have no overflow, "
          f"no overlapping or out-of-chart labels, no text under 12 px, WCAG AA contrast; screenshots in {out}")


if __name__ == "__main__":
    main()
