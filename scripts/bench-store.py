#!/usr/bin/env python3
"""make bench-store: the response store on SQLite and on PostgreSQL.

- import rows/s at each size (a generated export: the sample's answers, new respondent ids,
  40 teams), into a new SQLite file and a new PostgreSQL database;
- `score --wave` from each store against `score --responses` of the same CSV (wall time,
  CPU, peak memory, and the PostgreSQL server's CPU from /proc when it runs on this machine);
  on PostgreSQL with the pages kept ready and, on a copy of the database without them, row by
  row; and the time `store refresh` takes to build the pages;
  with `--compare BUILD`, another build scores the same PostgreSQL database in the same turns
  (an A/B of two builds on one import);
- web submissions/s at 1, 8 and 64 concurrent clients against one `serve` per backend
  (GET the form, POST it: one submission = both requests).

Needs CULTIVAR_TEST_PG_URL and PGPASSWORD (scripts/pg-test-cluster.sh sets them). Prints a
table; the figures for docs/store.md come from a release build (`make bench-store`)."""
import argparse, csv, os, random, re, shutil, subprocess, sys, tempfile, threading, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generate(path, size):
    with open(os.path.join(ROOT, "surveys/sample-responses.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    rng = random.Random(size)
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        for n in range(size):
            row = list(rng.choice(body))
            row[0], row[1] = f"b{n:08d}", f"Team {n % 40:02d}"
            out.writerow(row)


def timed(command, cwd):
    """Wall seconds, peak resident MiB and CPU seconds (user + system) of one command (GNU
    time's %M %U %S): on a shared machine the CPU seconds say more than the wall time."""
    report = os.path.join(cwd, ".time")
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", report, *command], cwd=cwd, capture_output=True, text=True)
    wall = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    with open(report) as f:
        peak, user, system = f.read().split()[-3:]
    timed.cpu = float(user) + float(system)
    return wall, int(peak) / 1024, result.stdout


def server_cpu(url):
    """A function that gives the CPU seconds (user + system) the PostgreSQL server at `url`
    has used so far: its postmaster (with the backends it reaped) and its live backends, from
    /proc; 0 when the server's folder cannot be read (not local, or not a superuser)."""
    found = subprocess.run(["psql", url, "-At", "-c", "SHOW data_directory"], capture_output=True, text=True)
    try:
        with open(os.path.join(found.stdout.strip(), "postmaster.pid")) as f:
            postmaster = int(f.readline())
    except (OSError, ValueError):
        return lambda: 0.0
    tick = os.sysconf("SC_CLK_TCK")

    def total():
        seconds = 0
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(pid) == postmaster:
                seconds += sum(int(x) for x in fields[11:15])
            elif int(fields[1]) == postmaster:
                seconds += int(fields[11]) + int(fields[12])
        return seconds / tick

    return total


def psql(url, sql):
    subprocess.run(["psql", url, "-q", "-c", sql], check=True, capture_output=True)


def submissions_per_second(cultivar, store, work, clients, count):
    subprocess.run([cultivar, "import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "web", "--store", store], cwd=work, check=True, capture_output=True)
    links = subprocess.run([cultivar, "invite", "surveys/learning-culture.yaml", "--wave", "web", "--team", "Eng", "--count", str(count), "--store", store], cwd=work, check=True, capture_output=True, text=True).stdout
    tokens = re.findall(r"/t/([A-Za-z0-9_-]{43})", links)
    server = subprocess.Popen([cultivar, "serve", "surveys/learning-culture.yaml", "--wave", "web", "--port", "0", "--opens-per-minute", "100000", "--store", store],
                              cwd=work, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        port = int(re.search(r":(\d+)/", server.stderr.readline()).group(1))
        threading.Thread(target=server.stderr.read, daemon=True).start()
        lock, failures = threading.Lock(), [0]

        def client(mine):
            for token in mine:
                url = f"http://127.0.0.1:{port}/t/{token}"
                try:
                    page = urllib.request.urlopen(url, timeout=30).read().decode()
                    ticket = re.search(r'name="ticket" value="([^"]+)"', page).group(1)
                    urllib.request.urlopen(urllib.request.Request(url, data=f"ticket={ticket}&a.sv1=3&a.pm1=4".encode()), timeout=30).read()
                except Exception:
                    with lock:
                        failures[0] += 1

        threads = [threading.Thread(target=client, args=(tokens[i::clients],)) for i in range(clients)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        return (len(tokens) - failures[0]) / elapsed, failures[0]
    finally:
        server.terminate()
        server.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cultivar", default=os.path.join(ROOT, ".build/release/cultivar"))
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--submissions", type=int, default=400, help="submissions per point (0: no web form figures)")
    parser.add_argument("--repeat", type=int, default=3, help="score runs per source, taking turns; the fastest is shown (the machine is shared)")
    parser.add_argument("--backends", default="SQLite,PostgreSQL", help="stores to import into and score from (SQLite's import of 1M rows takes minutes; without SQLite the byte check is left out)")
    parser.add_argument("--compare", metavar="BUILD", help="another cultivar build that also scores the PostgreSQL store, taking turns with --cultivar (A/B on the same database; stops when its bytes differ)")
    args = parser.parse_args()
    args.cultivar = os.path.abspath(args.cultivar)
    if args.compare:
        args.compare = os.path.abspath(args.compare)
    args.backends = args.backends.split(",")
    if not set(args.backends) <= {"SQLite", "PostgreSQL"}:
        print(f"error: --backends takes SQLite and PostgreSQL, not {args.backends}", file=sys.stderr)
        return 2
    base = os.environ.get("CULTIVAR_TEST_PG_URL", "")
    if not base or base == "skip":
        print("error: CULTIVAR_TEST_PG_URL is not set\n  hint: run 'make bench-store' (scripts/pg-test-cluster.sh starts a server)", file=sys.stderr)
        return 1

    def database():
        name = "bench_" + uuid.uuid4().hex[:12]
        subprocess.run(["psql", base, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
        return base.rsplit("/", 1)[0] + "/" + name

    work = tempfile.mkdtemp(prefix="cultivar-bench-store-")
    try:
        for folder in ("surveys", "plugins"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(work, folder))
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; cultivar: {args.cultivar}")
        for size in [int(s) for s in args.sizes.split(",")]:
            data = os.path.join(work, f"r{size}.csv")
            generate(data, size)
            stores = {"SQLite": os.path.join(work, f"s{size}.sqlite"), "PostgreSQL": database()}
            stores = {name: store for name, store in stores.items() if name in args.backends}
            for name, store in stores.items():
                wall, rss, _ = timed([args.cultivar, "import", "surveys/learning-culture.yaml", data, "--wave", "w", "--store", store], work)
                print(f"{size:>9,} rows  import   {name:<10} {wall:7.1f} s  {size / wall:9,.0f} rows/s  peak {rss:6.0f} MiB  cpu {timed.cpu:6.1f} s", flush=True)
                if name == "PostgreSQL":
                    # The table with its indexes and TOAST (schema version 9 added answer_pack).
                    total = subprocess.run(["psql", store, "-At", "-c", "SELECT pg_total_relation_size('response')"], check=True, capture_output=True, text=True).stdout
                    print(f"{size:>9,} rows  table    {name:<10} response {int(total) / 1e6:,.0f} MB (pg_total_relation_size)", flush=True)
                    # Pages kept ready (schema version 10): the time `store refresh` takes to
                    # build them all again, and a copy of the database without them (the same
                    # rows on the same disk pages, `CREATE DATABASE ... TEMPLATE`), scored in the
                    # same turns: what a wave changed since its pages were built costs.
                    psql(store, "INSERT INTO wave_page_stale (wave_id, response_id) SELECT id, NULL FROM wave")
                    wall, rss, _ = timed([args.cultivar, "store", "refresh", "--store", store], work)
                    print(f"{size:>9,} rows  refresh  {name:<10} {wall:7.1f} s  (store refresh: build every page again)  peak {rss:6.0f} MiB  cpu {timed.cpu:6.1f} s", flush=True)
                    live = store.rsplit("/", 1)[0] + "/bench_" + uuid.uuid4().hex[:12]
                    psql(base, f"CREATE DATABASE {live.rsplit('/', 1)[1]} TEMPLATE {store.rsplit('/', 1)[1]}")
                    psql(live, "DELETE FROM wave_page")
            if "PostgreSQL" in stores:
                stores["PostgreSQL, rows"] = live
            # The sources take turns (CSV, then each store, then CSV again...), so that a change
            # in the machine's load falls on all of them alike.
            sources = [("CSV", args.cultivar, ["--responses", data]), *[(n, args.cultivar, ["--wave", "w", "--store", s]) for n, s in stores.items()]]
            if args.compare and "PostgreSQL" in stores:
                sources.append(("compared", args.compare, ["--wave", "w", "--store", stores["PostgreSQL"]]))
            server = server_cpu(base)
            runs = {name: [] for name, _, _ in sources}
            outputs = {}
            for _ in range(max(1, args.repeat)):
                for name, build, source in sources:
                    load = os.getloadavg()[0]
                    before = server()
                    wall, rss, out = timed([build, "score", "surveys/learning-culture.yaml", *source, "--format", "csv"], work)
                    runs[name].append((wall, rss, timed.cpu, load, server() - before))
                    outputs[name] = out.replace(f"{source[-1]} wave 'w'", "STORE")
            for name, _, _ in sources:
                wall, rss, cpu, _, _ = min(runs[name])
                print(f"{size:>9,} rows  score    {name:<16} {wall:7.1f} s  {size / wall:9,.0f} rows/s  peak {rss:6.0f} MiB  cpu {cpu:6.1f} s"
                      f"  (fastest of {len(runs[name])}; wall/cpu/peak/load/server cpu {', '.join(f'{r[0]:.2f}/{r[2]:.2f}/{r[1]:.0f}/{r[3]:.1f}/{r[4]:.2f}' for r in runs[name])})", flush=True)
            if "PostgreSQL, rows" in outputs and outputs["PostgreSQL, rows"] != outputs["PostgreSQL"]:
                raise SystemExit(f"score --wave printed different bytes from PostgreSQL with and without the pages kept ready at {size:,} rows")
            if "compared" in outputs and outputs["compared"] != outputs["PostgreSQL"]:
                raise SystemExit(f"score --wave printed different bytes from the same PostgreSQL store with {args.cultivar} and {args.compare} at {size:,} rows")
            if "SQLite" not in stores:
                continue
            # Separate imports give the rows other random ids, so another order and, where sums
            # depend on order, other last digits: the bytes are compared on a copy of the
            # SQLite store (same ids), as `store copy` promises.
            copy = database()
            subprocess.run([args.cultivar, "store", "copy", stores["SQLite"], copy], cwd=work, check=True, capture_output=True)
            _, _, out = timed([args.cultivar, "score", "surveys/learning-culture.yaml", "--wave", "w", "--store", copy, "--format", "csv"], work)
            if out.replace(f"{copy} wave 'w'", "STORE") != outputs["SQLite"]:
                raise SystemExit(f"score --wave printed different bytes from SQLite and its copy on PostgreSQL at {size:,} rows")
            print(f"{size:>9,} rows  score    SQLite and its store copy on PostgreSQL: the same bytes", flush=True)
        for name, make in [("SQLite", lambda: os.path.join(work, f"web-{uuid.uuid4().hex[:6]}.sqlite")), ("PostgreSQL", database)] * (args.submissions > 0):
            for clients in (1, 8, 64):
                rate, failed = submissions_per_second(args.cultivar, make(), work, clients, args.submissions)
                print(f"submissions  {name:<10} {clients:>2} clients  {rate:7.0f} /s  ({failed} failed)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
