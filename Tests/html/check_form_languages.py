#!/usr/bin/env python3
"""The bilingual sample survey answered in English and German, end to end.

`cultivar serve` runs the web form of surveys/examples/bilingual; headless Chromium, driven
through the DevTools protocol over a pipe (no extra package), opens invitation links as
browsers with different Accept-Language headers (en-US, de-CH, fr-FR falling back to the
default, q-values preferring de), once switching language with the form's visible switch, and
answers. Two more respondents answer in the terminal (`cultivar take --lang de` and without
--lang, in tmux). Then `cultivar score --wave W --by language` must show both languages with the
counts and dimension means computed here from the answers given.

Each page is checked for its language (html lang, title, button, item texts), with the layout
probe of check_layout.py (no overflow, no text under 12 px, WCAG AA contrast) at 1000 and 390
px, and screenshotted; every screenshot is decoded and must be non-blank, and the English and
German forms must differ. Screenshots are kept in the output folder.
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_layout import PROBE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
ITEMS = ["tl1", "tl2", "tl3", "tl4"]
DIMENSIONS = {"time": ["tl1", "tl2"], "mistakes": ["tl3", "tl4"]}
REVERSED = {"tl4"}

# The layout probe of the report check, run as an expression instead of on 'load' (the form's
# Content-Security-Policy allows no script; DevTools evaluation is not a page script).
PROBE_EXPRESSION = PROBE.replace("<script>", "").replace("</script>", "").replace(
    "window.addEventListener('load', () => {", "(() => {", 1)
PROBE_EXPRESSION = PROBE_EXPRESSION[:PROBE_EXPRESSION.rindex("});")] + "})(); " + \
    "(() => { const r = document.getElementById('layout-result'); const t = r.textContent; r.remove(); return t; })()"


class Browser:
    """Headless Chromium over --remote-debugging-pipe: JSON messages ending in NUL on fds 3/4."""

    def __init__(self, chromium, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--no-first-run", "about:blank"],
            preexec_fn=wire, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer, self.events, self.next_id = b"", [], 0

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_chrome, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event, session, timeout=60):
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == event and e.get("sessionId") == session:
                    del self.events[i]
                    return e
            self.events.append(self._read_message(deadline))

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Tab:
    """One page, with its own Accept-Language."""

    def __init__(self, browser, accept_language, width=1000):
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable")
        agent = browser.send("Browser.getVersion")["userAgent"]
        self.send("Emulation.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": accept_language})
        self.resize(width)

    def send(self, method, params=None):
        return self.browser.send(method, params, session=self.session)

    def resize(self, width):
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 1400, "deviceScaleFactor": 1, "mobile": width < 600})

    def open(self, url):
        self.browser.events.clear()
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session)

    def eval(self, expression):
        return self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"].get("value")

    def click_and_wait(self, selector):
        self.browser.events.clear()
        self.eval(f"document.querySelector({json.dumps(selector)}).click()")
        self.browser.wait_for("Page.loadEventFired", self.session)

    def screenshot(self, path):
        data = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"])
        path.write_bytes(data)
        return data


def png_pixels(data):
    """Width, height and RGB(A) rows of an 8-bit PNG (colour types 2 and 6), unfiltered."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG format {depth}/{colour}"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check_screenshot(data, width, failures, name):
    w, h, channels, rows = png_pixels(data)
    if w != width:
        failures.append(f"{name}: screenshot is {w} px wide, not {width}")
    inked = sum(1 for row in rows[::4] for x in range(0, w * channels, channels * 4) if min(row[x:x + 3]) < 200)
    sampled = len(rows[::4]) * len(range(0, w * channels, channels * 4))
    if inked < sampled * 0.002:
        failures.append(f"{name}: screenshot is blank ({inked} of {sampled} sampled pixels have ink)")
    return inked


def run(cultivar, *arguments, cwd, check=True):
    done = subprocess.run([cultivar, *arguments], cwd=cwd, capture_output=True, text=True, timeout=300)
    if check and done.returncode != 0:
        raise SystemExit(f"cultivar {' '.join(arguments)} failed ({done.returncode}):\n{done.stderr}")
    return done


def take_in_tmux(cultivar, folder, language, team, digits, out):
    """Answers in `cultivar take` in a tmux pane of its own server; returns the first screen."""
    socket = f"cultivar-lang-{os.getpid()}-{team}"
    lang = f" --lang {language}" if language else ""
    tmux = ["tmux", "-L", socket]
    config = folder / "tmux.conf"
    config.write_text("set -g remain-on-exit on\n")
    command = f"'{cultivar}' take surveys/bilingual.yaml --team {team} --wave w1 --store store.sqlite{lang}; echo EXIT=$?"
    subprocess.run(tmux + ["-f", str(config), "new-session", "-d", "-s", "t", "-x", "100", "-y", "40", "-c", str(folder), command], check=True)

    def wait(text):
        for _ in range(300):
            screen = subprocess.run(tmux + ["capture-pane", "-p", "-t", "t"], capture_output=True, text=True).stdout
            if text in screen:
                return screen
            time.sleep(0.05)
        raise SystemExit(f"take never showed {text!r}; the screen:\n{screen}")

    try:
        first = wait("Frage 1 von 4" if language == "de" else "Item 1 of 4")
        (out / f"take-{language or 'default'}.txt").write_text(first)
        for digit in digits:
            subprocess.run(tmux + ["send-keys", "-t", "t", digit], check=True)
        wait("Sie haben 4 von 4 Fragen beantwortet." if language == "de" else "You answered 4 of 4 items.")
        subprocess.run(tmux + ["send-keys", "-t", "t", "y"], check=True)
        wait("EXIT=0")
        return first
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", required=True)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--out", default=".build/form-languages")
    args = parser.parse_args()
    cultivar = str(Path(args.cultivar).resolve())
    out = Path(args.out).resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="cultivar-bilingual-"))
    folder = work / "bilingual"
    shutil.copytree(ROOT / "surveys/examples/bilingual", folder)
    failures = []

    invited = run(cultivar, "invite", "surveys/bilingual.yaml", "--wave", "w1", "--team", "Engineering", "--count", "6", "--store", "store.sqlite", cwd=folder)
    tokens = re.findall(r"/t/([A-Za-z0-9_-]{20,})", invited.stdout)
    assert len(tokens) == 6, invited.stdout
    server = subprocess.Popen([cultivar, "serve", "surveys/bilingual.yaml", "--wave", "w1", "--port", "0", "--store", "store.sqlite"],
                              cwd=folder, stderr=subprocess.PIPE, text=True)
    browser = None
    answers = []  # (language, {item: value})
    try:
        line = server.stderr.readline()
        match = re.search(r"on (http://127\.0\.0\.1:\d+)/", line)
        if not match:
            raise SystemExit(f"serve did not start: {line}{server.stderr.read() if server.poll() is not None else ''}")
        base = match.group(1)
        browser = Browser(args.chromium, work / "profile")
        # (browser language, switch to, expected language, answers)
        respondents = [
            ("en-US,en;q=0.9", None, "en", {"tl1": 4, "tl2": 5, "tl3": 4, "tl4": 2}),
            ("de-CH", None, "de", {"tl1": 2, "tl2": 3, "tl3": 3, "tl4": 4}),
            ("fr-FR,fr;q=0.9", None, "en", {"tl1": 5, "tl2": 5, "tl3": 5, "tl4": 1}),
            ("en-GB", "de", "de", {"tl1": 3, "tl2": 2, "tl3": 4}),
            ("fr;q=0.9, de;q=0.8, en;q=0.5", None, "de", {"tl1": 1, "tl2": 2, "tl3": 2, "tl4": 5}),
            ("en", None, "en", {"tl1": 4, "tl2": 4, "tl3": 3, "tl4": 3}),
        ]
        expected_words = {
            "en": ("Team learning check", "Send my answers", "I have time at work to learn new things.", "Strongly agree", "Thank you"),
            "de": ("Lernen im Team – Kurzumfrage", "Meine Antworten senden", "Ich habe bei der Arbeit Zeit, Neues zu lernen.", "Stimme voll und ganz zu", "Vielen Dank"),
        }
        inks = {}
        for number, (accept, switch, language, given) in enumerate(respondents, 1):
            name = f"r{number}-{language}"
            tab = Tab(browser, accept)
            tab.open(f"{base}/t/{tokens[number - 1]}")
            if switch:
                shown = tab.eval("document.documentElement.lang")
                if shown != "en":
                    failures.append(f"{name}: {accept} should first show English, shows {shown}")
                tab.click_and_wait(f"nav.languages a[hreflang='{switch}']")
            page = tab.eval("({lang: document.documentElement.lang, h1: document.querySelector('h1').textContent, "
                            "button: document.querySelector('button').textContent, text: document.body.innerText, "
                            "hidden: (document.querySelector('input[name=lang]') || {}).value, "
                            "switch: Array.from(document.querySelectorAll('nav.languages a')).map(a => a.textContent)})")
            title, button, item, label, _ = expected_words[language]
            if page["lang"] != language or page["h1"] != title or page["button"] != button or page["hidden"] != language:
                failures.append(f"{name} ({accept}): expected a {language} form, got lang={page['lang']} h1={page['h1']!r} button={page['button']!r}")
            for text in (item, label):
                if text not in page["text"]:
                    failures.append(f"{name}: {text!r} is not on the {language} form")
            other = "Deutsch" if language == "en" else "English"
            if page["switch"] != [other]:
                failures.append(f"{name}: the language switch shows {page['switch']}, expected a link to {other}")
            for width in (1000, 390):
                tab.resize(width)
                problems = json.loads(tab.eval(PROBE_EXPRESSION) or "[]")
                failures += [f"{name} form at {width}px: {p}" for p in problems[:8]]
            tab.resize(1000)
            if number <= 2:
                shot = tab.screenshot(out / f"form-{language}.png")
                inks[language] = (shot, check_screenshot(shot, 1000, failures, f"form-{language}.png"))
            for item_id, value in given.items():
                tab.eval(f"document.querySelector('input[name=\"a.{item_id}\"][value=\"{value}\"]').click()")
            tab.click_and_wait("button[type=submit]")
            thanks = tab.eval("({lang: document.documentElement.lang, h1: document.querySelector('h1').textContent})")
            if thanks != {"lang": language, "h1": expected_words[language][4]}:
                thanks["body"] = tab.eval("document.body.innerText")
                failures.append(f"{name}: after sending, expected the {language} thank-you page, got {thanks}")
            if number <= 2:
                shot = tab.screenshot(out / f"thanks-{language}.png")
                check_screenshot(shot, 1000, failures, f"thanks-{language}.png")
            answers.append((language, given))
        if inks.get("en", (b"",))[0] == inks.get("de", (b"",))[0]:
            failures.append("the English and German form screenshots are identical")
    finally:
        if browser:
            browser.close()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    # Two respondents in the terminal: one in German (--lang de), one in the default language.
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed: run 'make deps'")
    screen = take_in_tmux(cultivar, folder, "de", "Vertrieb", ["4", "4", "5", "1"], out)
    if "Ich habe bei der Arbeit Zeit, Neues zu lernen." not in screen:
        failures.append(f"take --lang de does not show the German item:\n{screen}")
    answers.append(("de", {"tl1": 4, "tl2": 4, "tl3": 5, "tl4": 1}))
    take_in_tmux(cultivar, folder, None, "Sales", ["2", "3", "3", "3"], out)
    answers.append(("en", {"tl1": 2, "tl2": 3, "tl3": 3, "tl4": 3}))

    # Scored together, by language: counts and dimension means against the answers given.
    table = run(cultivar, "score", "surveys/bilingual.yaml", "--wave", "w1", "--store", "store.sqlite", "--by", "language", cwd=folder).stdout
    (out / "score-by-language.txt").write_text(table)
    report = json.loads(run(cultivar, "score", "surveys/bilingual.yaml", "--wave", "w1", "--store", "store.sqlite", "--by", "language",
                            "--format", "json", cwd=folder).stdout)
    groups = {team["team"]: team for team in report["frameworks"][0]["teams"]}
    for language in ("en", "de"):
        mine = [given for lang, given in answers if lang == language]
        group = groups.get(language)
        if not group or group["n"] != len(mine) or group["suppressed"]:
            failures.append(f"score --by language: {language} should have n={len(mine)}, shown; got {group}")
            continue
        for dimension, items in DIMENSIONS.items():
            scores = []
            for given in mine:
                values = [6 - given[i] if i in REVERSED else given[i] for i in items if i in given]
                if values:
                    scores.append(sum(values) / len(values))
            shown = next(d for d in group["dimensions"] if d["id"] == dimension)
            if shown["n"] != len(scores) or abs(shown["mean"] - sum(scores) / len(scores)) > 1e-9:
                failures.append(f"{language} {dimension}: expected n={len(scores)} mean={sum(scores) / len(scores)}, got n={shown['n']} mean={shown['mean']}")
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("\n".join(failures[:60]))
        print(f"{len(failures)} problems")
        sys.exit(1)
    print(table)
    print(f"{len(respondents)} web respondents (Accept-Language en-US, de-CH, fr-FR → en, a switch to de, q-values → de) and 2 in take "
          f"(--lang de and the default) scored together by language: counts and dimension means match; pages in the right language, "
          f"no overflow at 1000 and 390 px, text ≥ 12 px, AA contrast; screenshots in {out}")


if __name__ == "__main__":
    main()
