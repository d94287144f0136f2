#!/usr/bin/env python3
"""Differential test of Cultivar's one CSV tokenizer against Python's csv module.

Generates random and mutated CSV files (seeded), reads each with Python's csv.reader
(strict=True, newline='', a leading UTF-8 BOM removed) and with `cultivar-fuzz tokens`
(Cultivar's CSVReader, which also checks its chunked reading agrees), and requires:
the same records (empty lines skipped), the same start line of each record, and an error
in both or in neither (then the records before the error must agree too).

    python3 Tests/csv-differential/check_csv.py --fuzz .build/debug/cultivar-fuzz [--count 3000] [--seed N]
"""
import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

csv.field_size_limit(sys.maxsize)

ATOMS = ["a", "bc", "1", "42", " ", "\t", ",", ",", ",", '"', '""', "\n", "\r\n", "\r",
         '"x,\ny"', '"q""r"', "é", "日本", "\x00", "team", "3.5"]


def random_text(rng):
    text = "".join(rng.choice(ATOMS) for _ in range(rng.randrange(0, 80)))
    return ("\ufeff" if rng.randrange(8) == 0 else "") + text


def mutated_text(rng, seed_text):
    chars = list(seed_text)
    for _ in range(rng.randrange(1, 6)):
        at = rng.randrange(len(chars) + 1)
        op = rng.randrange(4)
        if op == 0 and chars:
            del chars[min(at, len(chars) - 1)]
        elif op == 1:
            chars[at:at] = list(rng.choice(ATOMS))
        elif op == 2 and chars:
            chars[min(at, len(chars) - 1)] = rng.choice(ATOMS)
        else:
            end = min(len(chars), at + rng.randrange(1, 30))
            chars[at:at] = chars[at:end] * rng.randrange(1, 4)
    return "".join(chars)


def python_reading(text):
    """Records (without empty lines), their start lines, and whether an error stopped it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, lines = [], []
    previous = 0
    try:
        for row in reader:
            start = previous + 1
            previous = reader.line_num
            if row == []:
                continue
            records.append(row)
            lines.append(start)
    except csv.Error as error:
        return records, lines, str(error)
    return records, lines, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fuzz", required=True, help="the cultivar-fuzz executable")
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=int.from_bytes(os.urandom(4), "little"))
    parser.add_argument("--sample", default="surveys/sample-responses.csv")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.sample, encoding="utf-8") as f:
        sample = "".join(f.readlines()[:12])
    seeds = [sample, 'id,team,q1\n1,"A, B",4\n2,B,"3"\r\n3,C"x,2\r4,"multi\nline",5\n']
    texts = [random_text(rng) if i % 2 else mutated_text(rng, rng.choice(seeds)) for i in range(args.count)]
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            path = os.path.join(folder, f"{i}.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            paths.append(path)
        dumps = []
        for start in range(0, len(paths), 400):
            out = subprocess.run([args.fuzz, "tokens", *paths[start:start + 400]], capture_output=True, check=True, text=True)
            dumps += [json.loads(line) for line in out.stdout.splitlines()]
        for i, (text, dump) in enumerate(zip(texts, dumps)):
            records, lines, error = python_reading(text)
            problems = []
            if dump["chunked"] != "same":
                problems.append("chunked and sequential reading differ")
            if (error is None) != ("error" not in dump):
                problems.append(f"python error {error!r}, cultivar {dump.get('error')}")
            theirs = dump.get("records", [])
            if error is None and (theirs != records or dump.get("lines") != lines):
                problems.append(f"records differ:\n    python   {records} lines {lines}\n    cultivar {theirs} lines {dump.get('lines')}")
            if problems:
                failures += 1
                if failures <= 5:
                    print(f"FAIL file {i} {text!r}:\n  " + "\n  ".join(problems))
    passed = len(texts) - failures
    if failures:
        print(f"csv differential: seed {args.seed} (rerun with --seed {args.seed})")
    print(f"{passed} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
