"""Reads what the fixture scripts need from a plugin file, without Cultivar: the scale, the
dimensions, the items with their reverse keys or choice options, and the bands. Plugins under
plugins/ write a rating item on one line, `{ id = "...", dimension = "...", text = "...",
reverse = true },`, and a choice item as that line without its closing brace, followed by
`options = {`, one `{ id = "...", label = "...", score = N },` line per option and `} },`.
That is what the patterns below expect; they fail loudly on anything else."""
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
        self.options = {}  # choice item id -> [(option id, label, score)]
        choice = None  # the choice item whose options are being read
        for line in text.splitlines():
            line = line.strip()
            if choice is not None:
                option = re.match(r'\{ id = "([^"]+)", label = "((?:[^"\\]|\\.)*)", score = (-?[\d.]+) \},$', line)
                if option:
                    self.options[choice].append((option.group(1), option.group(2), float(option.group(3))))
                elif line == "} },":
                    choice = None
                elif line != "options = {":
                    raise SystemExit(f"{self.path}: cannot read the options of item '{choice}': {line}")
            elif line.startswith("{ id = ") and "dimension = " in line and "text = " in line:
                m = re.match(r'\{ id = "([\w.-]+)", dimension = "([\w.-]+)", text = "(?:[^"\\]|\\.)*"(?:(, reverse = true)? \},|(,))$', line)
                if not m:
                    raise SystemExit(f"{self.path}: cannot read item line: {line}")
                self.items.append((m.group(1), m.group(2), bool(m.group(3))))
                if m.group(4):
                    choice = m.group(1)
                    self.options[choice] = []
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

    def answer(self, item_id, cell):
        """The value of a response cell: None when empty; for a choice item the score of the
        option whose id or label the cell is (ignoring case and surrounding spaces)."""
        if cell.strip(" \t") == "":
            return None
        if item_id not in self.options:
            return float(cell)
        wanted = cell.strip(" \t").lower()
        scores = [score for oid, label, score in self.options[item_id] if wanted in (oid.lower(), label.lower())]
        if len(scores) != 1:
            raise SystemExit(f"{self.path}: '{cell}' names no single option of item '{item_id}'")
        return scores[0]

    def is_favorable(self, item_id, keyed):
        """Favourable: on the scale's favourable points, or for a choice item, the option with the
        item's highest score."""
        if item_id in self.options:
            return keyed == max(score for _, _, score in self.options[item_id])
        return keyed in self.favorable

    def pomp(self, x):
        return (x - self.min) / (self.max - self.min) * 100
