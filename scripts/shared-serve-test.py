#!/usr/bin/env python3
"""Three `cultivar serve` processes on loopback share one PostgreSQL store under 64
concurrent clients; one is killed with SIGKILL mid-run. Checks: every acknowledged
submission is stored exactly once, nothing is stored without its token being spent (no
orphans), and a token spent through one server is refused by the others.

Needs CULTIVAR_TEST_PG_URL (and PGPASSWORD) for a server it may create databases on:
scripts/pg-test-cluster.sh sets both (`make test-shared-serve`). Bounded: 600 links, 64
client threads, 60 seconds at most. Prints 'N passed, N failed'."""
import os, queue, random, re, shutil, signal, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("CULTIVAR", os.path.join(ROOT, ".build/debug/cultivar"))
LINKS, CLIENTS, DEADLINE = 600, 64, 60.0
checks = {"passed": 0, "failed": 0}


def check(ok, what):
    checks["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAILED: ") + what, flush=True)


def psql(url, sql):
    return subprocess.run(["psql", url, "-Atq", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def main():
    base = os.environ.get("CULTIVAR_TEST_PG_URL", "")
    if not base or base == "skip":
        print("error: CULTIVAR_TEST_PG_URL is not set\n  hint: run through 'make test-shared-serve' (scripts/pg-test-cluster.sh)", file=sys.stderr)
        return 1
    database = "serve_" + uuid.uuid4().hex[:12]
    psql(base, f"CREATE DATABASE {database}")
    store = base.rsplit("/", 1)[0] + "/" + database
    work = tempfile.mkdtemp(prefix="cultivar-shared-serve-")
    servers = []
    try:
        for folder in ("surveys", "plugins"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(work, folder))
        run = lambda *args: subprocess.run([BIN, *args, "--store", store], cwd=work, capture_output=True, text=True, timeout=120)
        made = run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w")
        check(made.returncode == 0, "import into the shared store " + made.stderr.strip()[-200:])
        invited = run("invite", "surveys/learning-culture.yaml", "--wave", "w", "--team", "Engineering", "--count", str(LINKS))
        tokens = re.findall(r"/t/([A-Za-z0-9_-]{43})", invited.stdout)
        check(len(tokens) == LINKS, f"{LINKS} single-use links")
        for _ in range(3):
            process = subprocess.Popen([BIN, "serve", "surveys/learning-culture.yaml", "--wave", "w", "--port", "0", "--opens-per-minute", "1000", "--store", store],
                                       cwd=work, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
            line = process.stderr.readline()
            port = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if not port:
                raise SystemExit("serve did not start: " + line + process.stderr.read()[:500])
            threading.Thread(target=process.stderr.read, daemon=True).start()
            servers.append((process, int(port.group(1))))
        ports = [port for _, port in servers]
        alive = [True, True, True]
        work_queue = queue.Queue()
        for token in tokens:
            work_queue.put(token)
        acknowledged, lost, lock = [], [], threading.Lock()
        started = time.monotonic()

        def submit(token):
            """GET the form and POST it, on a live server; retried on another after a failure."""
            for attempt in range(6):
                choices = [i for i in range(3) if alive[i]]
                port = ports[random.choice(choices)]
                url = f"http://127.0.0.1:{port}/t/{token}"
                try:
                    page = urllib.request.urlopen(url, timeout=10).read().decode()
                    ticket = re.search(r'name="ticket" value="([A-Za-z0-9_-]+)"', page).group(1)
                    body = f"ticket={ticket}&a.sv1={random.randint(1, 5)}&a.pm1=3".encode()
                    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
                    reply = urllib.request.urlopen(request, timeout=10)
                    if reply.status == 200:
                        return "stored"
                except urllib.error.HTTPError as error:
                    if error.code == 409:
                        return "spent"  # stored by an earlier attempt whose answer was lost
                except Exception:
                    time.sleep(0.05)
            return "failed"

        def client():
            while time.monotonic() - started < DEADLINE:
                try:
                    token = work_queue.get_nowait()
                except queue.Empty:
                    return
                outcome = submit(token)
                with lock:
                    (acknowledged if outcome == "stored" else lost).append((token, outcome))

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        while len(acknowledged) < LINKS // 3 and time.monotonic() - started < DEADLINE:
            time.sleep(0.01)
        servers[1][0].send_signal(signal.SIGKILL)
        alive[1] = False
        killed_at = len(acknowledged)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        print(f"{len(acknowledged)} acknowledged, {len(lost)} other outcomes in {elapsed:.1f} s; server 2 killed after {killed_at}", flush=True)
        check(elapsed < DEADLINE, "the run ended within its time bound")
        check(killed_at < LINKS, "a server was killed mid-run")
        wave = psql(store, "SELECT wave.id FROM wave WHERE name = 'w'")
        web = int(psql(store, f"SELECT COUNT(*) FROM response WHERE wave_id = {wave} AND channel = 'web'"))
        spent = int(psql(store, f"SELECT COUNT(*) FROM invitation WHERE wave_id = {wave} AND uses_left = 0"))
        used = int(psql(store, "SELECT COUNT(*) FROM form_ticket WHERE used = 1"))
        orphans = int(psql(store, "SELECT COUNT(*) FROM answer a WHERE NOT EXISTS (SELECT 1 FROM response r WHERE r.id = a.response_id)"))
        empty = int(psql(store, f"SELECT COUNT(*) FROM response r WHERE wave_id = {wave} AND channel = 'web' AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.response_id = r.id)"))
        hashes = set(psql(store, f"SELECT token_hash FROM invitation WHERE wave_id = {wave} AND uses_left = 0").split())
        import hashlib
        acked_hashes = {hashlib.sha256(token.encode()).hexdigest() for token, _ in acknowledged}
        check(acked_hashes <= hashes, f"every acknowledged submission's token is spent ({len(acked_hashes)})")
        check(web == spent, f"one stored response per spent token ({web} responses, {spent} tokens): none twice, none without its token")
        check(used == web, f"one used form ticket per stored response ({used})")
        check(orphans == 0 and empty == 0, "no orphan answers, no response without answers")
        check(web >= len(acknowledged) and web <= LINKS, "nothing acknowledged is missing")
        # A token spent through one server is refused by the others.
        token = acknowledged[0][0]
        for index in (0, 2):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{ports[index]}/t/{token}", timeout=10)
                check(False, f"a spent token is refused by server {index + 1}")
            except urllib.error.HTTPError as error:
                check(error.code == 409, f"a spent token is refused by server {index + 1} ({error.code})")
    finally:
        for process, _ in servers:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 0 if checks["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
