#!/usr/bin/env python3
"""Deterministic generator of surveys/sample-responses.csv.

Each team has its own culture level per Senge dimension; each respondent answers the 20
items of plugins/senge-five-disciplines on a 1-5 scale around that level (reverse-keyed items
are answered the other way round), with about 3% of answers left blank. One team is kept
below the anonymity threshold of 5. Usage: generate_sample.py [OUT] [--seed N]
"""
import argparse
import csv
import random

DIMENSIONS = ["sv", "pm", "mm", "tl", "st"]
REVERSED = {"sv3", "pm3", "mm3", "tl3", "st3"}
ITEMS = [f"{d}{i}" for d in DIMENSIONS for i in range(1, 5)]
# team -> (respondents, culture level per dimension on 1-5)
TEAMS = {
    "Customer Success": (48, [3.9, 3.6, 3.4, 3.8, 3.2]),
    "Engineering": (62, [3.4, 3.9, 3.7, 3.6, 3.9]),
    "Finance": (27, [2.8, 3.0, 2.6, 2.7, 3.1]),
    "Operations": (41, [3.1, 2.7, 2.9, 3.3, 2.6]),
    "People & Culture": (19, [4.2, 4.1, 3.9, 4.3, 3.7]),
    "Sales": (33, [3.5, 3.2, 2.8, 2.9, 2.7]),
    "Legal": (3, [3.0, 3.4, 3.1, 2.8, 3.3]),
}


def answer(rng, level):
    x = round(rng.gauss(level, 0.85))
    return min(5, max(1, x))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="surveys/sample-responses.csv")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = []
    number = 0
    for team, (size, levels) in TEAMS.items():
        for _ in range(size):
            number += 1
            person = rng.gauss(0, 0.35)
            row = {"respondent_id": f"r{number:04d}", "team": team,
                   "submitted_on": f"2026-10-{1 + rng.randrange(28):02d}"}
            for item in ITEMS:
                level = levels[DIMENSIONS.index(item[:2])] + person
                x = answer(rng, level)
                if item in REVERSED:
                    x = 6 - x
                row[item] = "" if rng.random() < 0.03 else str(x)
            rows.append(row)
    rng.shuffle(rows)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["respondent_id", "team", "submitted_on"] + ITEMS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} responses to {args.out}")


if __name__ == "__main__":
    main()
