#!/usr/bin/env python3
"""Deterministic generator of the survey-tool export fixtures in Tests/ImportersTests/Fixtures.

One set of answers (40 respondents in 5 teams, a few answers left blank) is written in the
layout of each tool, as documented in docs/SURVEYS.md ("Import formats L&D staff hold"):

- qualtrics.csv        3 header rows (field ids, question text, {"ImportId":...}), BOM,
                       every field quoted, metadata block first, choice text, a comment column
                       and the team as embedded data at the end
- qualtrics-legacy.csv 2 header rows (V1.. field ids, question text), numeric values
- google-forms.csv     Timestamp first, grid headers "Question [Row]", label values, the team
                       asked as "Which team are you in?", a comma-joined checkbox column
- ms-forms.xlsx        Excel workbook: ID, Start time, Completion time, Email, Name, Last
                       modified time, then Team and one column per statement (shared strings)
- ms-forms-ja.xlsx     the same with Japanese metadata headers (開始時刻, 完了時刻, メール, 名前)
- surveymonkey.csv     2 header rows (question text; "Response" or matrix row label), the nine
                       metadata columns first, IP addresses and names present (never imported)

Item ids and texts are read from plugins/senge-five-disciplines.

The multi-select and comment fixtures (plugin surveys/examples/comments/plugins/learning-voice:
two ratings, the comment item "What one thing would help you learn more?" and the multi-select
"Which learning formats have you used this year?"), one set of 40 answers in each layout:

- qualtrics-multi.csv        one column per option (Q4_1..Q4_4, "Question - Option"), ticked = 1,
                             unticked = blank (Qualtrics' default), the comment as Q3_TEXT
- qualtrics-multi-zero.csv   the same with unticked boxes exported as 0
- google-forms-multi.csv     the options chosen in one cell, joined with ", "
- surveymonkey-multi.csv     one column per option under the question, the option's label when
                             ticked and blank when not; the comment as "Open-Ended Response"
- ms-forms-multi.xlsx        the options chosen in one cell, each followed by ';'
- multi-truth.csv            what each respondent answered (team, options chosen, comment), for
                             the independent check (Tests/crosscheck/check_selections.py)

The respondent-attribute fixtures: the 40 answers of the first set with each respondent's
location (Berlin, Lisbon, Remote) and years of tenure (a number; the survey bands it), some
not given, as each tool exports them (survey: Tests/ImportersTests/Fixtures/attributes.yaml):

- qualtrics-attributes.csv     embedded data fields named 'location' and 'tenure' (by header)
- google-forms-attributes.csv  the questions "Where do you work?" and "How many years have you
                               worked here?" (by question text)
- surveymonkey-attributes.csv  the same questions, sub-labels "Response"/"Open-Ended Response"
- ms-forms-attributes.xlsx     the same questions; tenure as numeric cells
- attributes-truth.csv         Cultivar's own response CSV of the same answers and attributes

Usage: generate_exports.py [OUTDIR]
"""
import csv
import io
import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
PROMPT = "How much do you agree with each statement?"
TEAMS = {"Engineering": (12, 3.8), "Sales": (9, 3.0), "Customer Success": (8, 3.5),
         "People & Culture": (7, 4.1), "Legal": (4, 3.2)}
FORMATS = ["Workshops", "Mentoring", "E-learning", "Communities of practice"]


def items():
    lua = (ROOT / "plugins/senge-five-disciplines/senge-five-disciplines.lua").read_text()
    return re.findall(r'\{ id = "(\w+)", dimension = "\w+", text = "([^"]+)"', lua)


def respondents(item_ids):
    rng = random.Random(515)
    people = []
    for team, (size, level) in TEAMS.items():
        for _ in range(size):
            answers = []
            for _item in item_ids:
                x = min(5, max(1, round(rng.gauss(level, 0.9))))
                answers.append(None if rng.random() < 0.04 else x)
            day = 1 + rng.randrange(20)
            people.append({"team": team, "answers": answers, "day": day, "minute": rng.randrange(600),
                           "formats": rng.sample(FORMATS, rng.randrange(1, 3))})
    rng.shuffle(people)
    return people


def csv_text(rows, quote_all=False, bom=False):
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def label(x):
    return "" if x is None else LABELS[x - 1]


def stamp(p, fmt):
    h, m = divmod(540 + p["minute"], 60)
    return fmt.format(d=p["day"], h=h, m=m, h12=(h - 1) % 12 + 1, ap="AM" if h < 12 else "PM")


def qualtrics(its, people):
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
            "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
    meta_text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
                 "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name",
                 "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude",
                 "Distribution Channel", "User Language"]
    row1 = meta + [f"Q2_{i + 1}" for i in range(len(its))] + ["Q3", "team"]
    row2 = meta_text + [f"{PROMPT} - {text}" for _, text in its] + ["Anything else you want to tell us?", "team"]
    row3 = ([f'{{"ImportId":"{m[0].lower() + m[1:]}"}}' for m in meta]
            + [f'{{"ImportId":"QID2_{i + 1}"}}' for i in range(len(its))]
            + ['{"ImportId":"QID3_TEXT"}', '{"ImportId":"team"}'])
    rows = [row1, row2, row3]
    for n, p in enumerate(people):
        start = stamp(p, "2026-10-{d:02d} {h:02d}:{m:02d}:07")
        rows.append([start, start, "IP Address", f"10.0.{n // 250}.{n % 250 + 1}", "100", str(300 + n), "True", start,
                     f"R_{n:03d}q{(n * 7919) % 100000:05d}Xa", "", "", "", "", "51.5", "-0.12", "anonymous", "EN"]
                    + [label(x) for x in p["answers"]]
                    + ["More time for learning, please." if n % 5 == 0 else "", p["team"]])
    return csv_text(rows, quote_all=True, bom=True)


def qualtrics_legacy(its, people):
    row1 = ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10"] + [f"Q{i + 1}" for i in range(len(its))] + ["team"]
    row2 = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status",
            "StartDate", "EndDate", "Finished"] + [text for _, text in its] + ["team"]
    rows = [row1, row2]
    for n, p in enumerate(people):
        start = stamp(p, "2026-10-{d:02d} {h:02d}:{m:02d}:07")
        rows.append([f"R_legacy{n:03d}", "Default Response Set", "Anonymous", "", "", "10.1.0.1", "0", start, start, "1"]
                    + ["" if x is None else str(x) for x in p["answers"]] + [p["team"]])
    return csv_text(rows)


def google_forms(its, people):
    rows = [["Timestamp", "Which team are you in?"] + [f"{PROMPT} [{text}]" for _, text in its]
            + ["Which learning formats have you used this year?"]]
    for p in people:
        rows.append([stamp(p, "10/{d}/2026 {h}:{m:02d}:07"), p["team"]] + [label(x) for x in p["answers"]]
                    + [", ".join(p["formats"])])
    return csv_text(rows)


def surveymonkey(its, people):
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
            "First Name", "Last Name", "Custom Data 1"]
    row1 = meta + ["Team", PROMPT] + [""] * (len(its) - 1) + ["Anything else you want to tell us?"]
    row2 = [""] * len(meta) + ["Response"] + [text for _, text in its] + ["Open-Ended Response"]
    rows = [row1, row2]
    for n, p in enumerate(people):
        start = stamp(p, "10/{d:02d}/2026 {h12:02d}:{m:02d}:07 {ap}")
        rows.append([str(11800000000 + n * 37), "431230987", start, start, f"192.0.2.{n + 1}", "", "", "", ""]
                    + [p["team"]] + [label(x) for x in p["answers"]] + [""])
    return csv_text(rows)


def ms_forms(its, people, meta):
    header = meta + ["Team"] + [text for _, text in its] + ["Anything else you want to tell us?"]
    rows = [header]
    for n, p in enumerate(people):
        start = stamp(p, "10/{d}/26 {h}:{m:02d}:07")
        rows.append([n + 1, start, start, "anonymous", "", start, p["team"]] + [label(x) for x in p["answers"]] + [""])
    return xlsx(rows)


def xlsx(rows):
    strings, index = [], {}

    def ref(r, c):
        name = ""
        c += 1
        while c:
            c, rem = divmod(c - 1, 26)
            name = chr(65 + rem) + name
        return f"{name}{r + 1}"

    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    sheet_rows = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if value == "":
                continue  # Excel leaves empty cells out
            if isinstance(value, (int, float)):
                cells.append(f'<c r="{ref(r, c)}"><v>{value}</v></c>')
            else:
                if value not in index:
                    index[value] = len(strings)
                    strings.append(value)
                cells.append(f'<c r="{ref(r, c)}" t="s"><v>{index[value]}</v></c>')
        sheet_rows.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="Form1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{esc(s)}</t></si>" for s in strings) + "</sst>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 10, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out.getvalue()


VOICE = [("s1", "I have time to learn during work."), ("s2", "My manager helps me learn.")]
MULTI_Q = "Which learning formats have you used this year?"
COMMENT_Q = "What one thing would help you learn more?"
VOICE_COMMENTS = ["More time to learn, please.", "A mentor outside my team.", "Call me: +44 20 7946 0958.",
                  "Shorter courses, and books.", "My manager, Anna Berg, should ask about learning."]


def voice_people():
    """40 respondents of the learning-voice fixtures: ratings, options chosen (maybe none), a comment."""
    rng = random.Random(1414)
    people = []
    for team, (size, _level) in TEAMS.items():
        for _ in range(size):
            chosen = [f for f in FORMATS if rng.random() < 0.45]
            people.append({"team": team, "ratings": [rng.randint(1, 5) for _ in VOICE],
                           "formats": chosen, "skipped": not chosen and rng.random() < 0.5,
                           "comment": rng.choice(VOICE_COMMENTS) if rng.random() < 0.6 else ""})
    rng.shuffle(people)
    return people


def qualtrics_multi(people, unticked):
    row1 = ["ResponseId", "team", "QID1", "QID2"] + [f"Q4_{i + 1}" for i in range(len(FORMATS))] + ["Q3_TEXT"]
    row2 = ["Response ID", "team", VOICE[0][1], VOICE[1][1]] + [f"{MULTI_Q} - {f}" for f in FORMATS] + [COMMENT_Q]
    row3 = ['{"ImportId":"_recordId"}', '{"ImportId":"team"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}'] \
        + [f'{{"ImportId":"QID4_{i + 1}"}}' for i in range(len(FORMATS))] + ['{"ImportId":"QID3_TEXT"}']
    rows = [row1, row2, row3]
    for n, p in enumerate(people):
        if p["skipped"] or not p["formats"] and unticked == "":
            ticks = [""] * len(FORMATS)
        else:
            ticks = ["1" if f in p["formats"] else unticked for f in FORMATS]
        rows.append([f"R_v{n:03d}", p["team"]] + [str(x) for x in p["ratings"]] + ticks + [p["comment"]])
    return csv_text(rows, quote_all=True, bom=True)


def google_forms_multi(people):
    rows = [["Timestamp", "Which team are you in?"] + [t for _, t in VOICE] + [MULTI_Q, COMMENT_Q]]
    for n, p in enumerate(people):
        rows.append([f"10/{1 + n % 20}/2026 9:{n % 60:02d}:07", p["team"]] + [str(x) for x in p["ratings"]]
                    + ["" if p["skipped"] else ", ".join(p["formats"]), p["comment"]])
    return csv_text(rows)


def surveymonkey_multi(people):
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
            "First Name", "Last Name", "Custom Data 1"]
    row1 = meta + ["Team", VOICE[0][1], VOICE[1][1], MULTI_Q] + [""] * (len(FORMATS) - 1) + [COMMENT_Q]
    row2 = [""] * len(meta) + ["Response", "Response", "Response"] + FORMATS + ["Open-Ended Response"]
    rows = [row1, row2]
    for n, p in enumerate(people):
        ticks = ["" if p["skipped"] else (f if f in p["formats"] else "") for f in FORMATS]
        rows.append([str(11900000000 + n * 41), "431230987", "", "", f"192.0.2.{n + 1}", "", "", "", ""]
                    + [p["team"]] + [str(x) for x in p["ratings"]] + ticks + [p["comment"]])
    return csv_text(rows)


def ms_forms_multi(people):
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Team"] \
        + [t for _, t in VOICE] + [MULTI_Q, COMMENT_Q]
    rows = [header]
    for n, p in enumerate(people):
        chosen = "" if p["skipped"] else "".join(f + ";" for f in p["formats"])
        rows.append([n + 1, "10/1/26 9:00:07", "10/1/26 9:05:07", "anonymous", "", "10/1/26 9:05:07", p["team"]]
                    + p["ratings"] + [chosen, p["comment"]])
    return xlsx(rows)


def multi_truth(people):
    rows = [["response", "team", "answered", *FORMATS, "comment"]]
    for n, p in enumerate(people):
        answered = not p["skipped"]
        rows.append([str(n), p["team"], "1" if answered else "0"]
                    + [("1" if f in p["formats"] else "0") if answered else "" for f in FORMATS] + [p["comment"]])
    return csv_text(rows)


LOCATION_Q = "Where do you work?"
TENURE_Q = "How many years have you worked here?"


def with_attributes(people):
    """The people of the first set with a location and a tenure in years (None: not given)."""
    rng = random.Random(1313)
    out = []
    for p in people:
        q = dict(p)
        q["location"] = None if rng.random() < 0.1 else rng.choices(["Berlin", "Lisbon", "Remote"], [5, 3, 2])[0]
        q["tenure"] = None if rng.random() < 0.1 else rng.choice([0, 0.5, 1, 1.5, 2, 3, 4, 6, 9, 12])
        out.append(q)
    return out


def years(x):
    return "" if x is None else (str(int(x)) if x == int(x) else str(x))


def qualtrics_attributes(its, people):
    row1 = ["ResponseId"] + [f"Q2_{i + 1}" for i in range(len(its))] + ["team", "location", "tenure"]
    row2 = ["Response ID"] + [f"{PROMPT} - {text}" for _, text in its] + ["team", "location", "tenure"]
    row3 = ['{"ImportId":"_recordId"}'] + [f'{{"ImportId":"QID2_{i + 1}"}}' for i in range(len(its))] \
        + ['{"ImportId":"team"}', '{"ImportId":"location"}', '{"ImportId":"tenure"}']
    rows = [row1, row2, row3]
    for n, p in enumerate(people):
        rows.append([f"R_a{n:03d}"] + [label(x) for x in p["answers"]] + [p["team"], p["location"] or "", years(p["tenure"])])
    return csv_text(rows, quote_all=True, bom=True)


def google_forms_attributes(its, people):
    rows = [["Timestamp", "Which team are you in?"] + [f"{PROMPT} [{text}]" for _, text in its] + [LOCATION_Q, TENURE_Q]]
    for p in people:
        rows.append([stamp(p, "10/{d}/2026 {h}:{m:02d}:07"), p["team"]] + [label(x) for x in p["answers"]]
                    + [p["location"] or "", years(p["tenure"])])
    return csv_text(rows)


def surveymonkey_attributes(its, people):
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address"]
    row1 = meta + ["Team", PROMPT] + [""] * (len(its) - 1) + [LOCATION_Q, TENURE_Q]
    row2 = [""] * len(meta) + ["Response"] + [text for _, text in its] + ["Response", "Open-Ended Response"]
    rows = [row1, row2]
    for n, p in enumerate(people):
        rows.append([str(12000000000 + n * 43), "431230987", "", "", f"192.0.2.{n + 1}", p["team"]]
                    + [label(x) for x in p["answers"]] + [p["location"] or "", years(p["tenure"])])
    return csv_text(rows)


def ms_forms_attributes(its, people):
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Team"] \
        + [text for _, text in its] + [LOCATION_Q, TENURE_Q]
    rows = [header]
    for n, p in enumerate(people):
        tenure = "" if p["tenure"] is None else (int(p["tenure"]) if p["tenure"] == int(p["tenure"]) else p["tenure"])
        rows.append([n + 1, "10/1/26 9:00:07", "10/1/26 9:05:07", "anonymous", "", "10/1/26 9:05:07", p["team"]]
                    + [label(x) for x in p["answers"]] + [p["location"] or "", tenure])
    return xlsx(rows)


def attributes_truth(its, people):
    rows = [["respondent_id", "team", "location", "tenure"] + [i for i, _ in its]]
    for n, p in enumerate(people):
        rows.append([f"a{n:03d}", p["team"], p["location"] or "", years(p["tenure"])] + ["" if x is None else str(x) for x in p["answers"]])
    return csv_text(rows)


ATTRIBUTES_SURVEY = f"""# The survey of the respondent-attribute fixtures (written by scripts/generate_exports.py).
id: attributes
title: Learning culture with attributes
frameworks: [senge-five-disciplines]
columns:
  respondent: respondent_id
  team: team
attributes:
  location: {{ values: [Berlin, Lisbon, Remote], question: "{LOCATION_Q}" }}
  tenure: {{ bands: [1, 3], question: "{TENURE_Q}" }}
min_group_size: 5
"""


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Tests/ImportersTests/Fixtures"
    out.mkdir(parents=True, exist_ok=True)
    its = items()
    people = respondents([i for i, _ in its])
    (out / "qualtrics.csv").write_text(qualtrics(its, people), encoding="utf-8", newline="")
    (out / "qualtrics-legacy.csv").write_text(qualtrics_legacy(its, people), encoding="utf-8", newline="")
    (out / "google-forms.csv").write_text(google_forms(its, people), encoding="utf-8", newline="")
    (out / "surveymonkey.csv").write_text(surveymonkey(its, people), encoding="utf-8", newline="")
    en = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    ja = ["ID", "開始時刻", "完了時刻", "メール", "名前", "最終更新時刻"]
    (out / "ms-forms.xlsx").write_bytes(ms_forms(its, people, en))
    (out / "ms-forms-ja.xlsx").write_bytes(ms_forms(its, people, ja))
    voice = voice_people()
    (out / "qualtrics-multi.csv").write_text(qualtrics_multi(voice, ""), encoding="utf-8", newline="")
    (out / "qualtrics-multi-zero.csv").write_text(qualtrics_multi(voice, "0"), encoding="utf-8", newline="")
    (out / "google-forms-multi.csv").write_text(google_forms_multi(voice), encoding="utf-8", newline="")
    (out / "surveymonkey-multi.csv").write_text(surveymonkey_multi(voice), encoding="utf-8", newline="")
    (out / "ms-forms-multi.xlsx").write_bytes(ms_forms_multi(voice))
    (out / "multi-truth.csv").write_text(multi_truth(voice), encoding="utf-8", newline="")
    attributed = with_attributes(people)
    (out / "qualtrics-attributes.csv").write_text(qualtrics_attributes(its, attributed), encoding="utf-8", newline="")
    (out / "google-forms-attributes.csv").write_text(google_forms_attributes(its, attributed), encoding="utf-8", newline="")
    (out / "surveymonkey-attributes.csv").write_text(surveymonkey_attributes(its, attributed), encoding="utf-8", newline="")
    (out / "ms-forms-attributes.xlsx").write_bytes(ms_forms_attributes(its, attributed))
    (out / "attributes-truth.csv").write_text(attributes_truth(its, attributed), encoding="utf-8", newline="")
    (out / "attributes.yaml").write_text(ATTRIBUTES_SURVEY, encoding="utf-8")
    print(f"wrote 6 exports of {len(people)} responses and 5 multi-select exports of {len(voice)} to {out}")


if __name__ == "__main__":
    main()
