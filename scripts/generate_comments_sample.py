#!/usr/bin/env python3
"""Deterministic generator of surveys/examples/comments/responses.csv: the sample of
`cultivar comments` and `cultivar selections` (plugin learning-voice).

Teams of different sizes and comment rates, so that one team's comments are shown, one is
withheld for too few commenters (below the threshold of 10) and one is withheld so that it
cannot be recovered from the organisation's comments; comments hold e-mail addresses, phone
numbers, listed names, commas, quotes and line breaks; `formats` is a multi-select written as
option labels or ids separated by ';' or ','. Usage: generate_comments_sample.py [OUT]
"""
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = [("workshops", "Workshops"), ("mentoring", "Mentoring"), ("elearning", "E-learning"),
           ("communities", "Communities of practice")]
# team -> (respondents, share who comment, chance of each format)
TEAMS = {"Engineering": (30, 0.6, [0.5, 0.3, 0.8, 0.4]), "Sales": (20, 0.6, [0.7, 0.2, 0.3, 0.1]),
         "Finance": (12, 0.5, [0.2, 0.4, 0.6, 0.1]), "Legal": (4, 0.75, [0.5, 0.5, 0.5, 0.5])}
COMMENTS = [
    "More time for learning, please: I am too busy with delivery.",
    "A manager who asks what I learned this week.",
    "Access to the online course platform, with a licence for everyone.",
    "Please ask Anna Berg to run the mentoring circle again.",
    "Write to me at jo.doe@example.org if you want details.",
    "Call me on +44 20 7946 0958, I have ideas.",
    "Books, books, books.",
    "Fewer meetings; two hours a week protected for learning.",
    "Tom's workshops were great, more of them!",
    'Less "mandatory" training,\nmore choice.',
    "My lead never has time for one-to-ones.",
    "Nothing, it is fine.",
]


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "surveys/examples/comments/responses.csv"
    rng = random.Random(1407)
    rows = [["respondent_id", "team", "s1", "s2", "wish", "formats"]]
    n = 0
    for team, (size, comment_rate, chances) in TEAMS.items():
        for _ in range(size):
            n += 1
            chosen = [o for o, p in zip(OPTIONS, chances) if rng.random() < p]
            style = rng.randrange(3)
            cell = ("; ".join(label for _, label in chosen) if style == 0 else
                    ",".join(i for i, _ in chosen) if style == 1 else ", ".join(label for _, label in chosen))
            if not chosen and rng.random() < 0.5:
                cell = ""
            comment = rng.choice(COMMENTS) if rng.random() < comment_rate else ""
            rows.append([f"r{n:03d}", team, str(rng.randint(1, 5)), str(rng.randint(1, 5)), comment, cell])
    with out.open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


if __name__ == "__main__":
    main()
