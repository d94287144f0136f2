"""Deterministic survey shapes for the layout check and the golden outputs: a framework of D
dimensions (names up to 60 characters when long), T teams of uneven size including a small team
with a clear difference and a suppressed one, about 5% missing answers."""
import random
from pathlib import Path


def make_shape(folder: Path, dims: int, teams: int, long_names: bool, seed: int):
    rng = random.Random(seed)
    words = ["Opportunity", "to", "use", "what", "was", "learned", "on", "the", "job", "every", "week", "Manager", "support",
             "for", "peer", "coaching", "and", "reflection"]
    def name(base, limit):
        if not long_names:
            return base
        text = base
        while len(text) < limit:
            text += " " + rng.choice(words)
        return text[:limit].strip()
    plugin = ["return {", "  api = 1, id = 'shape', name = 'Shape', version = '1.0.0',", "  description = 'layout test', source = 'generated',",
              "  scale = { min = 1, max = 5 },", "  dimensions = {"]
    plugin += [f"    {{ id = 'd{d}', name = '{name(f'Dimension {d}', 60)}', advice = 'Work on {d} first: one visible habit.' }}," for d in range(dims)]
    plugin += ["  },", "  items = {"]
    plugin += [f"    {{ id = 'd{d}_q{i}', text = 'Item', dimension = 'd{d}' }}," for d in range(dims) for i in range(2)]
    plugin += ["  },", "  bands = { { min = 0, label = 'Emerging', advice = 'Start with one discipline.' }, { min = 60, label = 'Strong' } },", "}"]
    (folder / "plugins").mkdir(parents=True, exist_ok=True)
    (folder / "plugins" / "shape.lua").write_text("\n".join(plugin) + "\n")
    (folder / "survey.yaml").write_text("id: shape\ntitle: Layout shape\nframeworks: [shape]\nmin_group_size: 5\n")
    header = ["respondent_id", "team"] + [f"d{d}_q{i}" for d in range(dims) for i in range(2)]
    rows = [",".join(header)]
    sizes = [rng.choice([3, 9, 15, 30, 60]) for _ in range(teams)]
    sizes[0], sizes[-1] = 9, 2  # a small team with a clear difference; a suppressed one
    for t, size in enumerate(sizes):
        team = name(f"Team {t}", 60) + (f" {t}" if long_names else "")
        shift = -2 if t == 0 else rng.uniform(-0.8, 0.8)
        for _ in range(size):
            values = [str(min(5, max(1, round(3.4 + shift + rng.gauss(0, 0.7))))) if rng.random() > 0.05 else "" for _ in header[2:]]
            rows.append(",".join([f"r{len(rows)}", '"' + team.replace('"', '""') + '"'] + values))
    (folder / "responses.csv").write_text("\n".join(rows) + "\n")
