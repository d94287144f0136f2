#!/usr/bin/env python3
"""Deterministic sample organisation for Cultivar: 3 divisions, 8 departments and 24 teams (a
3-level hierarchy of 35 units) with headcounts for two waves, respondents with three attributes
(location, tenure, role level), and a reorganisation between the waves (two teams merged, one
renamed). Writes surveys/org/: acme.org.yaml, acme.yaml (the survey) and one response file per
wave, scored with Senge's five disciplines. Usage: generate_org_sample.py [OUT_DIR]
"""
import random
import sys
from pathlib import Path

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "surveys" / "org")
WAVES = ["2026-spring", "2026-autumn"]
ITEMS = [f"{d}{i}" for d in ("sv", "pm", "mm", "tl", "st") for i in range(1, 5)]
REVERSED = set()
LOCATIONS = ["Berlin", "Lisbon", "Remote"]
TENURES = ["<1y", "1-3y", "3y+"]
ROLES = ["individual", "manager"]

DIVISIONS = {
    "product": ("Product & Engineering", {
        "platform": ("Platform", ["Core API", "Data", "Mobile", "Web"]),
        "design": ("Design", ["Research", "Visual design"]),
        "quality": ("Quality", ["Test automation", "Release"]),
    }),
    "customers": ("Customers", {
        "sales": ("Sales", ["Sales North", "Sales South", "Partnerships"]),
        "success": ("Customer Success", ["Onboarding", "Support", "Renewals"]),
    }),
    "operations": ("Operations", {
        "finance": ("Finance", ["Accounting", "Payroll", "Procurement"]),
        "people": ("People & Culture", ["Recruiting", "Learning", "HR operations"]),
        "legal": ("Legal", ["Contracts", "Compliance", "Privacy office"]),
    }),
}


def slug(text):
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def main():
    rng = random.Random(20261130)
    OUT.mkdir(parents=True, exist_ok=True)
    units, teams = [], []
    for did, (dname, departments) in DIVISIONS.items():
        units.append(f"  - {{ id: {did}, name: {dname} }}")
        for pid, (pname, team_names) in departments.items():
            units.append(f"  - {{ id: {pid}, name: {pname}, parent: {did} }}")
            for name in team_names:
                size = rng.choice([3, 4, 6, 9, 12, 15, 22, 30])
                heads = {w: size + rng.randint(1, 4) for w in WAVES}
                teams.append((slug(name), name, pid, heads))
                units.append(f"  - {{ id: {slug(name)}, name: {name}, parent: {pid}, "
                             f"headcount: {{ {', '.join(f'{w}: {n}' for w, n in heads.items())} }} }}")
    (OUT / "acme.org.yaml").write_text("# Acme's organisation: divisions, departments, teams; headcounts per wave.\n"
                                       "# Made by scripts/generate_org_sample.py (deterministic).\nunits:\n" + "\n".join(units) + "\n")
    (OUT / "acme.yaml").write_text(
        "# Acme's learning-culture survey over its organisation (see acme.org.yaml).\n"
        "id: acme\ntitle: Acme learning culture\nframeworks: [senge-five-disciplines]\n"
        "columns:\n  respondent: respondent_id\n  team: team\n"
        "attributes:\n  location: [Berlin, Lisbon, Remote]\n  tenure: [\"<1y\", 1-3y, 3y+]\n  role: [individual, manager]\n"
        "min_group_size: 5\n"
        "# Between the waves, Sales North and Sales South became one team, and Data was renamed.\n"
        "team_mapping:\n  renamed:\n    data: data-analytics\n  merged:\n    sales-team: [sales-north, sales-south]\n")
    shift = {t[0]: rng.gauss(0, 0.5) for t in teams}
    for wave_number, wave in enumerate(WAVES):
        rows = ["respondent_id,team,location,tenure,role," + ",".join(ITEMS)]
        for tid, name, _, heads in teams:
            if wave_number == 1 and tid in ("sales-north", "sales-south"):
                tid = "sales-team"
            if wave_number == 1 and tid == "data":
                tid = "data-analytics"
            responded = max(1, round(heads[wave] * rng.uniform(0.55, 0.95)))
            for _ in range(responded):
                trait = 3.3 + shift.get(tid, 0.2) + 0.15 * wave_number + rng.gauss(0, 0.45)
                answers = [str(min(5, max(1, round(trait + rng.gauss(0, 0.8))))) if rng.random() > 0.03 else "" for _ in ITEMS]
                attributes = [rng.choice(LOCATIONS), rng.choices(TENURES, [2, 3, 4])[0], rng.choices(ROLES, [6, 1])[0]]
                rows.append(",".join([f"{wave[5:8]}{len(rows):04d}", tid] + attributes + answers))
        (OUT / f"responses-{wave}.csv").write_text("\n".join(rows) + "\n")
    # The reorganised teams of the second wave, as units of their departments.
    extra = ["  - { id: sales-team, name: Sales team, parent: sales }", "  - { id: data-analytics, name: Data & Analytics, parent: platform }"]
    (OUT / "acme.org.yaml").write_text((OUT / "acme.org.yaml").read_text() + "\n".join(extra) + "\n")
    print(f"wrote {OUT}: {len(units) + 2} units, {len(teams)} teams, waves {', '.join(WAVES)}")


if __name__ == "__main__":
    main()
