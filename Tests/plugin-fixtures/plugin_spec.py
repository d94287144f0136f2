"""Reads what the fixture scripts need from a plugin file, without Cultivar: the scale, the
dimensions, the items with their reverse keys, and the bands. Plugins under plugins/ write
one item per line, `{ id = "...", dimension = "...", text = "...", reverse = true }`, which
is what the patterns below expect; they fail loudly on anything else."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class PluginSpec:
    def __init__(self, plugin_id):
        self.id = plugin_id
        self.path = ROOT / "plugins" / plugin_id / f"{plugin_id}.lua"
        text = self.path.read_text(encoding="utf-8")
        scale = re.search(r"scale = \{ min = (-?\d+), max = (-?\d+)", text)
        if not scale:
            raise SystemExit(f"{self.path}: no scale found")
        self.min, self.max = float(scale.group(1)), float(scale.group(2))
        fav = re.search(r"favorable = \{ ([\d, ]+) \}", text)
        self.favorable = ({float(x) for x in fav.group(1).split(",")} if fav
                          else {self.max - 1, self.max})
        self.items = []  # (id, dimension, reverse)
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("{ id = ") and "dimension = " in line and "text = " in line:
                m = re.match(r'\{ id = "([\w.-]+)", dimension = "([\w.-]+)", text = "(?:[^"\\]|\\.)*"(, reverse = true)? \},$', line)
                if not m:
                    raise SystemExit(f"{self.path}: cannot read item line: {line}")
                self.items.append((m.group(1), m.group(2), bool(m.group(3))))
        self.bands = [(float(m.group(1)), m.group(2))
                      for m in re.finditer(r'\{ min = (-?[\d.]+), label = "([^"]+)"', text)]
        if not self.items or not self.bands:
            raise SystemExit(f"{self.path}: no items or no bands found")
        self.item_dimensions = list(dict.fromkeys(d for _, d, _ in self.items))

    def band(self, index):
        label = self.bands[0][1]
        for low, name in self.bands:
            if index >= low:
                label = name
        return label

    def keyed(self, item_id, raw):
        reverse = next(r for i, _, r in self.items if i == item_id)
        return self.min + self.max - raw if reverse else raw

    def pomp(self, x):
        return (x - self.min) / (self.max - self.min) * 100
