#!/usr/bin/env python3
"""Measures the web form's latency while a large import runs (docs/store.md).

Usage: scripts/import_under_load.py [--rows 500000] [--clients 8] [--binary .build/release/cultivar]

Makes a scratch folder with the sample survey, imports nothing yet, invites enough single-use
links, starts `cultivar serve`, then runs `cultivar import` of a generated file of ROWS rows
while CLIENTS threads each open a form and send it, one after another, until the import ends.
Prints the import's time and the submissions' latencies (median, 99th percentile, maximum)
and any answer other than 200.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ITEMS = [f"{d}{n}" for d in ["sv", "pm", "mm", "tl", "st"] for n in range(1, 5)]


def write_rows(path, rows):
    seed = 42
    with open(path, "w") as out:
        out.write("respondent_id,team," + ",".join(ITEMS) + "\n")
        for n in range(rows):
            cells = [f"k{n}", f"Team {n % 30}"]
            for _ in ITEMS:
                seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
                cells.append(str(1 + (seed >> 33) % 5))
            out.write(",".join(cells) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/cultivar"))
    args = parser.parse_args()
    box = tempfile.mkdtemp(prefix="cultivar-load-")
    for folder in ["surveys", "plugins"]:
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(box, folder))
    survey = "surveys/learning-culture.yaml"
    run = lambda *a: subprocess.run([args.binary, *a], cwd=box, capture_output=True, text=True, check=True)
    write_rows(os.path.join(box, "big.csv"), args.rows)
    links = run("invite", survey, "--wave", "w", "--team", "Load", "--count", "20000").stdout.split("\n")[1:]
    tokens = [line.split("/t/")[1] for line in links if "/t/" in line]
    log = open(os.path.join(box, "serve.log"), "w")
    serve = subprocess.Popen([args.binary, "serve", survey, "--wave", "w", "--port", "0"], cwd=box, stderr=log)
    base = None
    for _ in range(400):
        match = re.search(r"http://127\.0\.0\.1:\d+/", open(os.path.join(box, "serve.log")).read())
        if match:
            base = match.group(0)
            break
        time.sleep(0.05)
    assert base, "serve did not start"
    latencies, failures, lock = [], [], threading.Lock()
    done = threading.Event()
    next_token = iter(tokens)

    def client():
        while not done.is_set():
            with lock:
                token = next(next_token)
            url = f"{base}t/{token}"
            start = time.monotonic()
            try:
                page = urllib.request.urlopen(url, timeout=30).read().decode()
                ticket = re.search(r'name="ticket" value="([A-Za-z0-9_-]+)"', page).group(1)
                data = f"ticket={ticket}&a.sv1=3&a.pm2=4".encode()
                status = urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30).status
            except Exception as error:  # noqa: BLE001 - every failure is counted
                status = getattr(error, "code", str(error))
            elapsed = time.monotonic() - start
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    started = time.monotonic()
    imported = subprocess.run([args.binary, "import", survey, "big.csv", "--wave", "w"], cwd=box, capture_output=True, text=True)
    import_seconds = time.monotonic() - started
    done.set()
    for thread in threads:
        thread.join()
    serve.terminate()
    serve.wait()
    latencies.sort()
    print(f"import of {args.rows} rows: {import_seconds:.1f} s, exit {imported.returncode}: {imported.stdout.strip()}")
    print(f"{len(latencies)} form loads + submissions by {args.clients} clients during the import:")
    print(f"  median {latencies[len(latencies) // 2] * 1000:.0f} ms, 99th percentile {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"  answers other than 200: {len(failures)} {failures[:10]}")
    shutil.rmtree(box)
    return 0 if not failures and latencies[-1] < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
