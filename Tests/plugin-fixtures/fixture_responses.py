#!/usr/bin/env python3
"""Writes the response files of the plugin fixtures (plugins/<id>/tests/*.csv).

Each respondent is described the way a person would read the answer sheet:
  same(x)                 - answers x to every statement, whichever way it is keyed, so the
                            reverse-keyed statements count as (min + max - x);
  keyed(x, dims, items)   - means x (after reverse keying) on every statement, or the value
                            given for a dimension or an item: a reverse-keyed statement is
                            therefore answered (min + max - x);
  always(option)          - picks the option with that id on every choice item (a respondent
                            who always ticks the first answer, say);
and `missing` leaves answers blank. On a choice item, `same` and `keyed` pick the option with
that score, written the way `cells` says: "id" (a), "ID" (A), "label" (the option's text) or
"LABEL" (its text upper-cased, with spaces around it), as survey tools export either. The
expected scores are computed from these files by expected_scores.py.
Run from the package root: python3 Tests/plugin-fixtures/fixture_responses.py
"""
import csv
import sys

from plugin_spec import PluginSpec, ROOT


def same(x):
    return lambda spec, item, dim, rev: x


def keyed(x, dims=None, items=None):
    def answer(spec, item, dim, rev):
        k = (items or {}).get(item, (dims or {}).get(dim, x))
        return spec.min + spec.max - k if rev else k
    return answer


def always(option):
    return lambda spec, item, dim, rev: ("option", option)


def person(rid, team, rule, missing=(), cells="id"):
    return (rid, team, rule, set(missing), cells)


def cell(spec, item, value, cells):
    """The text of one answer: a number for a rating item; for a choice item the option with
    score `value` (or the option ("option", id)), written as `cells` says."""
    if item not in spec.options:
        assert spec.min <= value <= spec.max, (spec.id, item, value)
        return str(int(value))
    options = spec.options[item]
    if isinstance(value, tuple):
        oid, label, _ = next(o for o in options if o[0] == value[1])
    else:
        oid, label, _ = next(o for o in options if o[2] == value)
    return {"id": oid, "ID": oid.upper(), "label": label, "LABEL": f"  {label.upper()} "}[cells]


DRIVERS = ["strategic_goals", "technology", "competition", "compliance", "agility", "hiring",
           "retention", "creativity", "innovation"]
BLOCKERS = ["limited_resources", "no_leadership_support", "work_vs_learning", "fear_of_failure",
            "no_alignment", "unclear_expectations", "not_managers_role", "no_opportunity",
            "no_accountability"]


def forces(driver, blocker, **specific):
    dims = {d: driver for d in DRIVERS}
    dims.update({b: blocker for b in BLOCKERS})
    dims.update(specific)
    return dims


ENVIRONMENT = ["psychological_safety", "appreciation_of_differences", "openness_to_new_ideas", "time_for_reflection"]
PROCESSES = ["experimentation", "information_collection", "analysis", "education_and_training", "information_transfer"]


def blocks(env, proc, lead, **specific):
    dims = {d: env for d in ENVIRONMENT}
    dims.update({d: proc for d in PROCESSES})
    dims["leadership"] = lead
    dims.update(specific)
    return dims


FIXTURES = {
    ("gill-leader-habits", "basic"): [
        person("a1", "A", same(4)),
        person("a2", "A", same(5)),
        person("b1", "B", keyed(4)),
        person("b2", "B", keyed(2), missing=["lh_trust2"]),
        person("c1", "C", keyed(3, dims={"send_the_message": 5, "encourage_risk_taking": 1},
                                items={"lh_msg3": 4, "lh_risk2": 2, "lh_risk4": 2})),
        person("c2", "C", same(3)),
    ],
    ("training-vs-learning-culture", "basic"): [
        person("a1", "A", same(1)),
        person("a2", "A", keyed(1)),
        person("b1", "B", keyed(5)),
        person("b2", "B", keyed(4), missing=["tvl_purp3"]),
        person("c1", "C", same(3)),
        person("c2", "C", keyed(3, dims={"ownership": 5, "continuity": 2, "purpose": 1},
                                items={"tvl_centre1": 4, "tvl_purp3": 2})),
    ],
    ("gill-learning-culture-signs", "basic"): [
        person("a1", "A", same(4)),
        person("a2", "A", same(2)),
        person("b1", "B", keyed(5)),
        person("b2", "B", keyed(4, dims={"managers_coach": 3}), missing=["sign4b"]),
        person("c1", "C", keyed(1)),
        person("c2", "C", keyed(2, dims={"mix_of_methods": 4}), missing=["sign8c"]),
    ],
    ("gill-learning-dna", "basic"): [
        person("a1", "A", same(4)),
        person("a2", "A", keyed(5)),
        person("b1", "B", keyed(2, dims={"leaders_support": 4})),
        person("b2", "B", keyed(3), missing=["dna_hire3"]),
        person("c1", "C", keyed(1, dims={"structure_facilitates": 5})),
        person("c2", "C", same(1), missing=["dna_align1", "dna_align2"]),
    ],
    ("team-psychological-safety", "basic"): [
        person("a1", "A", keyed(6)),
        person("a2", "A", keyed(7)),
        person("a3", "A", keyed(5)),
        person("b1", "B", keyed(7)),
        person("b2", "B", keyed(1)),
        person("b3", "B", keyed(4), missing=["ps3"]),
        person("c1", "C", same(4)),
        person("c2", "C", same(6)),
    ],
    ("gill-force-field", "basic"): [
        # A: drivers strong, blockers weak, fear of failure the strongest blocker.
        person("a1", "A", keyed(3, dims=forces(5, 1, fear_of_failure=4))),
        person("a2", "A", keyed(3, dims=forces(4, 2, no_alignment=3))),
        person("a3", "A", keyed(3, dims=forces(4, 2, retention=5, competition=2))),
        # B: blockers strong (limited resources, no accountability, work vs. learning).
        person("b1", "B", keyed(3, dims=forces(2, 3, limited_resources=5, no_accountability=5, fear_of_failure=4))),
        person("b2", "B", keyed(3, dims=forces(3, 3, technology=5, limited_resources=4, work_vs_learning=5)),
               missing=["ff_res3"]),
        person("b3", "B", keyed(2, dims=forces(2, 4, no_accountability=3))),
        # C: everything neutral, and one respondent who agrees with every statement.
        person("c1", "C", same(3)),
        person("c2", "C", same(4), missing=["ff_innov1", "ff_innov2", "ff_innov3"]),
        person("c3", "C", keyed(3, dims=forces(3, 3, fear_of_failure=2, hiring=4))),
    ],
    ("learning-building-blocks", "basic"): [
        # A: 6 of 7 everywhere: every block above its median.
        person("a1", "A", keyed(6)),
        person("a2", "A", keyed(6, dims={"experimentation": 7, "time_for_reflection": 5})),
        person("a3", "A", keyed(7, dims={"analysis": 5})),
        # B: environment and leadership below their medians, processes above.
        person("b1", "B", keyed(5, dims=blocks(5, 6, 5))),
        person("b2", "B", keyed(5, dims=blocks(4, 6, 6, time_for_reflection=3)), missing=["lb_refl2", "lb_lead6"]),
        person("b3", "B", keyed(5, dims=blocks(5, 5, 5, openness_to_new_ideas=6))),
        # C: answers 5 to every statement, whichever way it is keyed.
        person("c1", "C", same(5)),
        person("c2", "C", keyed(3, dims=blocks(3, 4, 2, analysis=6))),
        person("c3", "C", keyed(4, dims=blocks(2, 4, 3))),
    ],
    ("manager-learning-practices", "basic"): [
        # A: a manager who practises most of it, weakest on KPIs and pre-briefs.
        person("a1", "A", keyed(4, dims={"development_kpis": 2, "prebrief_debrief": 3})),
        person("a2", "A", keyed(5, dims={"development_kpis": 3}, items={"mp_brief1": 2})),
        person("a3", "A", keyed(4, dims={"failing_safe": 5}), missing=["mp_kpi4", "mp_own2"]),
        # B: blame and fixed abilities; reviews on results only.
        person("b1", "B", keyed(2, dims={"personal_worth": 3})),
        person("b2", "B", keyed(1, dims={"ownership": 3}, items={"mp_model1": 2})),
        person("b3", "B", same(3), missing=["mp_review1", "mp_review2", "mp_review3", "mp_review4"]),
        # C: agrees with every statement, whichever way it is keyed; and a neutral respondent.
        person("c1", "C", same(5)),
        person("c2", "C", keyed(3, dims={"models_learning": 4, "failing_safe": 2})),
    ],
    ("gill-learning-culture-scenarios", "basic"): [
        # A: mostly learning-culture reactions, answered by id, by label and by upper-case id.
        person("a1", "A", keyed(1), cells="id"),
        person("a2", "A", keyed(1, dims={"feedback_accountability": 0}), cells="label"),
        person("a3", "A", keyed(0, dims={"develop_skills": 1}, items={"sc_inno2": 1}), missing=["sc_fb4"], cells="ID"),
        # B: mostly the other reactions, labels in capitals with spaces around them.
        person("b1", "B", keyed(0), cells="id"),
        person("b2", "B", keyed(0, items={"sc_dev1": 1, "sc_fb2": 1, "sc_inno4": 1}), cells="LABEL"),
        person("b3", "B", keyed(0, items={"sc_fb3": 1}), missing=["sc_dev1", "sc_dev2", "sc_dev3", "sc_dev4"]),
        # C: always the first answer, always the second: the learning reaction is 'a' in half
        # of each value's situations, so both come out at one half.
        person("c1", "C", always("a")),
        person("c2", "C", always("b"), cells="ID"),
    ],
    ("senge-five-disciplines", "teams"): [
        person("a1", "A", keyed(4, dims={"shared_vision": 5, "systems_thinking": 2})),
        person("a2", "A", keyed(3, items={"sv3": 1, "tl3": 5})),
        person("b1", "B", same(2)),
        person("b2", "B", keyed(5), missing=["mm1", "mm2", "mm3", "mm4"]),
        person("c1", "C", keyed(1, dims={"team_learning": 4})),
        person("c2", "C", same(5), missing=["pm3"]),
    ],
}


def main():
    for (plugin_id, name), people in FIXTURES.items():
        spec = PluginSpec(plugin_id)
        out = spec.path.parent / "tests" / f"{name}.csv"
        out.parent.mkdir(exist_ok=True)
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["respondent_id", "team"] + [i for i, _, _ in spec.items])
            for rid, team, rule, missing, cells in people:
                row = [rid, team]
                for item, dim, rev in spec.items:
                    row.append("" if item in missing else cell(spec, item, rule(spec, item, dim, rev), cells))
                w.writerow(row)
        print(f"wrote {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
