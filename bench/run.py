"""factcheck HTTP benchmark: `make bench`, or `.venv/bin/python bench/run.py --help`.

For each database (PostgreSQL and SQLite by default) it builds a scratch database with
`flask db upgrade`, creates the benchmark's users with `flask users create`, bulk-loads
synthetic claims in SQL (bench/dataset.py), serves the app with gunicorn exactly as `make run`
does (gunicorn.conf.py: WEB_CONCURRENCY workers, access log on), and loads it from this
process over loopback (bench/loadgen.py), next to a bare Flask app served the same way
(bench/bare_app.py): the framework's ceiling on this machine.

Everything is measured at `--claims` claims (BENCH_CLAIMS; 100,000 by default, 1,000,000 for
the full run):

1. Throughput at `--concurrency` clients (16): GET one claim, a 304, a page of 50,
   /fact-checks, claims:search, POST a claim (with its duplicate check), a workflow action,
   POST /claims/match, `q=` search, POST /extract; requests/s, p50 and p99, and requests/s as a
   share of the bare app's. Then POST /claims:batch of 1,000 claims from two clients.
2. Scale: one client, the first page of every list and filter against a deep page (a cursor
   near the end of that list), `q=` searches of one to three words, and POST /claims/match
   (the latency targets: one request at a time).
3. Pass/miss against every target in TARGETS, as one table for all databases, and each
   worker's resident memory after the run.

Everything it creates (databases, files, servers) is removed at the end unless --keep.
"""

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import dataset  # noqa: E402
import loadgen  # noqa: E402
from loadgen import Request  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SECRET = "bench-secret-key-for-signing-cursors"
# What a desk's traffic needs, each a ratio to a baseline measured in the same run.
TARGETS = {
    "get_claim_share": 0.50,  # GET one claim >= 50% of bare Flask requests/s
    "not_modified_share": 0.70,  # 304 >= 70%
    "page_share": 0.20,  # a page of 50 (sources, current verdict) >= 20%
    "fact_checks_share": 0.20,  # a /fact-checks page >= 20%
    "search_like_google_share": 0.20,  # claims:search >= 20%
    "write_share": 0.10,  # POST a claim, a workflow action >= 10%
    "write_p99_ms": 250.0,  # ... with p99 <= 250 ms at 16 clients
    "q_p50_ms": 30.0,  # q= search for any single word: p50 <= 30 ms
    "q_p99_ms": 100.0,  # ... and p99 <= 100 ms
    "match_p50_ms": 50.0,  # POST /claims/match p50 <= 50 ms: its latency, so at one client
    "deep_ratio": 1.5,  # a deep page within 1.5x of the first page, for every list and filter
    "rss_mb": 150.0,  # each worker's resident memory after the run
    "batch_claims_per_s": 2000.0,  # POST /claims:batch into PostgreSQL
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# Databases ----------------------------------------------------------------------------------


class Postgres:
    name = "postgresql"

    def __init__(self, base_url: str, workdir: Path):
        self.base_url = base_url.rstrip("/")
        self.dbname = f"factcheck_bench_{os.getpid()}"
        self.url = f"{self.base_url}/{self.dbname}"

    def _admin(self):
        import psycopg

        return psycopg.connect(f"{self.base_url}/postgres", autocommit=True)

    def create(self) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.dbname}"')
            conn.execute(f'CREATE DATABASE "{self.dbname}"')

    def drop(self) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')

    def query(self, sql: str, params=()):
        import psycopg

        with psycopg.connect(self.url) as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchall()

    def load(self, count: int, users: dict, progress) -> int:
        return dataset.load_postgres(self.url, count, users, progress)

    @staticmethod
    def transient_errors():
        import psycopg

        return psycopg.OperationalError

    @staticmethod
    def as_datetime(value) -> datetime:
        return value.astimezone(UTC)


class Sqlite:
    name = "sqlite"

    def __init__(self, base_url: str, workdir: Path):
        self.path = workdir / "factcheck-bench.db"
        self.url = f"sqlite:///{self.path}"

    def create(self) -> None:
        self.drop()

    def drop(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def query(self, sql: str, params=()):
        import sqlite3

        conn = sqlite3.connect(self.path)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def load(self, count: int, users: dict, progress) -> int:
        return dataset.load_sqlite(str(self.path), count, users, progress)

    @staticmethod
    def transient_errors():
        import sqlite3

        return sqlite3.OperationalError

    @staticmethod
    def as_datetime(value) -> datetime:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)


# Servers ------------------------------------------------------------------------------------


def app_env(database_url: str, port: int) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "HOST": HOST}
    env["FACTCHECK_SECRET_KEY"] = SECRET
    # One token sends thousands of requests a second here: the per-token rate limit stays on
    # (its cost is part of every request) but high enough never to answer 429.
    env.setdefault("FACTCHECK_RATE_LIMIT", "10000000 per minute")
    env.setdefault("FACTCHECK_RATE_LIMIT_ANONYMOUS", "10000000 per minute")
    return env


def flask_cli(database_url: str, *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=app_env(database_url, 0),
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


class Gunicorn:
    """`gunicorn wsgi:app` in the project folder, as `make run` starts it."""

    def __init__(self, label: str, args: list[str], env: dict, port: int, probe: str, logdir):
        self.label, self.port, self.probe = label, port, probe
        self.logfile = open(Path(logdir) / f"{label}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), *args],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=self.logfile,
            stderr=subprocess.STDOUT,
        )
        loadgen.wait_until_up(HOST, port, probe)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.logfile.close()


# Scenarios ----------------------------------------------------------------------------------


def rotate(items: list):
    state = {"i": 0}

    def next_item():
        state["i"] = (state["i"] + 1) % len(items)
        return items[state["i"]]

    return next_item


def render_documents(db) -> float:
    """Claims loaded in SQL have no stored documents yet: render them as an operator would
    after a bulk load. Returns the seconds it took."""
    started = time.monotonic()
    jobs = str(os.cpu_count() or 1)
    log(f"{db.name}: flask documents refresh --jobs {jobs}")
    flask_cli(db.url, "documents", "refresh", "--jobs", jobs)
    seconds = time.monotonic() - started
    log(f"{db.name}: documents rendered in {seconds:.0f} s")
    return seconds


def throughput_scenarios(db, tokens: dict, users: dict) -> dict:
    """name -> (description, request factory)."""
    auth = {"Authorization": f"Bearer {tokens['editor']}"}
    # Claims with both sources and a current verdict, so the whole representation is built.
    full = db.query(
        "SELECT id, version FROM claims WHERE rating IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM sources WHERE sources.claim_id = claims.id) ORDER BY id LIMIT 2000"
    )
    random.Random(1).shuffle(full)
    open_claims = [
        row[0]
        for row in db.query(
            "SELECT id FROM claims WHERE status = 'submitted' AND rating IS NULL "
            "ORDER BY id DESC LIMIT 2000"
        )
    ]
    gets = [Request("GET", f"/api/v1/claims/{cid}", auth) for cid, _ in full]
    not_modified = [
        Request("GET", f"/api/v1/claims/{cid}", {**auth, "If-None-Match": f'"{version}"'},
                expect=(304,))
        for cid, version in full
    ]  # fmt: skip
    rng = random.Random(2)
    assignees = [users["reviewer"], users["editor2"]]

    def post_claim():
        payload = {
            "text": dataset._sentence(rng, 12, 30),
            "claimant": rng.choice(dataset.CLAIMANTS),
            "language": "en",
            "tags": [rng.choice(dataset.TAGS)],
        }
        return Request.json("POST", "/api/v1/claims", payload, auth, expect=(201,))

    next_open = rotate(open_claims)

    def assign():
        payload = {"action": "assign", "assignee_id": rng.choice(assignees)}
        return Request.json(
            "POST", f"/api/v1/claims/{next_open()}/actions", payload, auth, expect=(200,)
        )

    article = (ROOT / "seeds" / "000_4b7aa9e3480c59b8.txt").read_text()
    extract = Request.json("POST", "/api/v1/extract", {"text": article}, auth)
    searches = [
        Request("GET", f"/api/v1/claims?q={quote(q)}", auth)
        for q in ("vaccine", "vaccine prices", "refinery", "inflation jobs")
    ]
    page = Request("GET", "/api/v1/claims?limit=50", auth)
    fact_checks = Request("GET", "/api/v1/fact-checks?limit=50")
    like_google = [
        Request("GET", f"/api/v1/claims:search?query={quote(q)}&pageSize=50")
        for q in ("vaccine", "inflation", "prices", "refinery")
    ]

    def match():
        payload = {"text": dataset._sentence(rng, 12, 30)}
        return Request.json("POST", "/api/v1/claims/match", payload, auth)

    return {
        "get_claim": ("GET one claim (sources, current verdict)", rotate(gets)),
        "page_50": ("GET page of 50 claims", lambda: page),
        "not_modified": ("GET one claim, If-None-Match -> 304", rotate(not_modified)),
        "fact_checks": ("GET /fact-checks page of 50 (anonymous)", lambda: fact_checks),
        "search_like_google": ("GET /claims:search (anonymous)", rotate(like_google)),
        "post_claim": ("POST a claim (with its duplicate check)", post_claim),
        "assign": ("POST workflow action (assign)", assign),
        "match": ("POST /claims/match", match),
        "search": ("GET /claims?q= (full-text search)", rotate(searches)),
        "extract": ("POST /extract (4 KB article)", lambda: extract),
    }


BATCH_SIZE = 1000


def run_batch(app: "Gunicorn", tokens: dict, args):
    """POST /claims:batch of BATCH_SIZE claims from two clients; claims stored per second."""
    auth = {"Authorization": f"Bearer {tokens['editor']}"}
    rng = random.Random(3)

    def batch():
        claims = [
            {"text": dataset._sentence(rng, 12, 30), "claimant": rng.choice(dataset.CLAIMANTS)}
            for _ in range(BATCH_SIZE)
        ]
        return Request.json("POST", "/api/v1/claims:batch", {"claims": claims}, auth)

    log(f"POST /claims:batch of {BATCH_SIZE}: {args.duration:.0f} s at 2 clients")
    return loadgen.run("batch", HOST, app.port, batch, concurrency=2, duration=args.duration)


def run_throughput(app: Gunicorn, bare: Gunicorn, db, tokens, users, args) -> dict:
    results = {}
    bare_request = Request("GET", "/claim")
    load_before = os.getloadavg()[0]
    log(f"bare Flask: {args.duration:.0f} s at {args.concurrency} clients")
    results["bare"] = loadgen.run(
        "bare", HOST, bare.port, lambda: bare_request,
        concurrency=args.concurrency, duration=args.duration,
    )  # fmt: skip
    results["bare"].load_before = load_before
    for name, (description, factory) in throughput_scenarios(db, tokens, users).items():
        if args.only and name not in args.only:
            continue
        log(f"{description}: {args.duration:.0f} s at {args.concurrency} clients")
        results[name] = loadgen.run(
            name, HOST, app.port, factory, concurrency=args.concurrency, duration=args.duration
        )
    return results


def deep_cursor(db, where: str, sort_name: str = "-created_at") -> tuple[str, int] | None:
    """A signed cursor `-created_at` order, 60 rows before the end of the filtered list."""
    from flask import Flask

    from factcheck.services.claims import SORTS
    from factcheck.services.pagination import encode_cursor

    (total,) = db.query(f"SELECT count(*) FROM claims WHERE deleted_at IS NULL AND {where}")[0]
    if total < 200:
        return None
    offset = total - 60
    created_at, claim_id = db.query(
        f"SELECT created_at, id FROM claims WHERE deleted_at IS NULL AND {where} "
        f"ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET {offset}"
    )[0]
    app = Flask("cursor")
    app.config["SECRET_KEY"] = SECRET
    with app.app_context():
        cursor = encode_cursor(SORTS[sort_name], [db.as_datetime(created_at)], claim_id)
    return cursor, offset


SCALE_LISTS = {
    # name: (query string, SQL filter for a deep cursor or None)
    "status=published": ("status=published", "status = 'published'"),
    "claimant=Maria Khan": ("claimant=Maria%20Khan", "claimant = 'Maria Khan'"),
    "assignee_id=reviewer": ("assignee_id={reviewer}", "assignee_id = {reviewer}"),
    "rating=false": ("rating=false", "rating = 'false'"),
    "tag=health": (
        "tag=health",
        "id IN (SELECT claim_id FROM claim_tags WHERE tag = 'health')",
    ),
    "tag=rare-tag": ("tag=rare-tag", None),
    "q=refinery": ("q=refinery", None),
    "q=vaccine": ("q=vaccine", None),
    "q=inflation": ("q=inflation", None),
    "q=inflation unemployment": ("q=inflation%20unemployment", None),
    # Any word matches: a rare word beside a common one, and a word no claim holds.
    "q=refinery inflation": ("q=refinery%20inflation", None),
    "q=jobless unemployment record": ("q=jobless%20unemployment%20record", None),
}


def run_scale(app: Gunicorn, db, tokens, users, args) -> dict:
    """One client, sequential requests: the latency of each list against the first page's."""
    auth = {"Authorization": f"Bearer {tokens['editor']}"}
    out = {}

    def measure(name, path, expect_items=None):
        request = Request("GET", path, auth)
        status, _, body = loadgen.request_once(HOST, app.port, request)
        if status != 200:
            raise RuntimeError(f"{path}: {status} {body[:300]!r}")
        items = len(json.loads(body)["items"])
        if expect_items is not None and items != expect_items:
            raise RuntimeError(f"{path}: {items} items, expected {expect_items}")
        result = loadgen.run(
            name, HOST, app.port, lambda: request, concurrency=1,
            duration=args.scale_duration, max_requests=args.scale_requests, warmup=0.2,
        )  # fmt: skip
        result.items = items
        out[name] = result

    measure("first page", "/api/v1/claims?limit=50", 50)
    cursor, offset = deep_cursor(db, "1 = 1")
    measure(f"deep page (after row {offset:,})", f"/api/v1/claims?limit=50&cursor={cursor}", 50)
    for name, (query, where) in SCALE_LISTS.items():
        query, where = query.format(**users), where and where.format(**users)
        measure(name, f"/api/v1/claims?limit=50&{query}")
        deep = where and deep_cursor(db, where)
        if deep:
            cursor, offset = deep
            measure(
                f"{name}, deep (after row {offset:,})",
                f"/api/v1/claims?limit=50&{query}&cursor={cursor}",
                50,
            )
    # A latency target like q='s: one client, so the figure is the request's own time, not
    # the queue of 16 clients on the machine's cores (the throughput table has that).
    rng = random.Random(4)
    texts = rotate([dataset._sentence(rng, 12, 30) for _ in range(200)])
    match = loadgen.run(
        "POST /claims/match", HOST, app.port,
        lambda: Request.json("POST", "/api/v1/claims/match", {"text": texts()}, auth),
        concurrency=1, duration=args.scale_duration, max_requests=args.scale_requests,
        warmup=0.2,
    )  # fmt: skip
    match.items = "-"
    out["POST /claims/match"] = match
    return out


# Report -------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "MISS"


def report_throughput(backend: str, claims: int, results: dict, args) -> list[str]:
    bare = results["bare"]
    lines = [
        f"\n## {backend}: throughput, {args.concurrency} clients, {args.duration:.0f} s each, "
        f"{claims:,} claims, {args.workers} gunicorn workers, load average before "
        f"{results['bare'].load_before:.1f}\n",
        "| scenario | requests/s | p50 ms | p99 ms | share of bare Flask | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        share = r.rps / bare.rps if bare.rps else float("nan")
        lines.append(
            f"| {name} | {r.rps:,.0f} | {r.p50:.1f} | {r.p99:.1f} | {share:.0%} | {r.errors} |"
        )
        if r.first_error:
            lines.append(f"|   first error: {r.first_error[:150]} | | | | | |")
    return lines


def throughput_checks(results: dict, args) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for every throughput target."""
    bare = results["bare"]

    def share(name):
        return results[name].rps / bare.rps if bare.rps else 0.0

    checks = []
    for name, key, label in (
        ("get_claim", "get_claim_share", "GET one claim"),
        ("not_modified", "not_modified_share", "conditional GET (304)"),
        ("page_50", "page_share", "page of 50 claims"),
        ("fact_checks", "fact_checks_share", "/fact-checks page of 50"),
        ("search_like_google", "search_like_google_share", "claims:search"),
    ):
        if name in results:
            checks.append((f"{label} >= {TARGETS[key]:.2f}x bare Flask",
                           f"{share(name):.2f}x", share(name) >= TARGETS[key]))  # fmt: skip
    for name, label in (("post_claim", "POST a claim"), ("assign", "workflow action")):
        if name in results:
            r = results[name]
            ok = share(name) >= TARGETS["write_share"] and r.p99 <= TARGETS["write_p99_ms"]
            checks.append((
                f"{label} >= {TARGETS['write_share']:.2f}x, p99 <= "
                f"{TARGETS['write_p99_ms']:.0f} ms at {args.concurrency} clients",
                f"{share(name):.2f}x, p99 {r.p99:.0f} ms", ok,
            ))  # fmt: skip
    return checks


def batch_check(result) -> tuple[str, str, bool]:
    per_second = result.rps * BATCH_SIZE if not result.errors else 0.0
    return (
        f"POST /claims:batch >= {TARGETS['batch_claims_per_s']:,.0f} claims/s",
        f"{per_second:,.0f} claims/s ({result.errors} errors)",
        per_second >= TARGETS["batch_claims_per_s"],
    )


def report_scale(backend: str, claims: int, results: dict) -> list[str]:
    first = results["first page"]
    lines = [
        f"\n## {backend}: scale, {claims:,} claims, 1 client, pages of 50, load average "
        f"{os.getloadavg()[0]:.1f}\n",
        "| list | items | p50 ms | p99 ms | p50 / first page p50 |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        ratio = "-" if name.startswith("POST") else f"{r.p50 / first.p50:.2f}x"
        lines.append(f"| {name} | {r.items} | {r.p50:.1f} | {r.p99:.1f} | {ratio} |")
    return lines


def scale_checks(results: dict) -> list[tuple[str, str, bool]]:
    """Every deep page against its list's first page; every single-word q= search."""
    checks = []
    ratios = {}
    for name, r in results.items():
        if ", deep (" in name:
            ratios[name.split(",")[0]] = r.p50 / results[name.split(",")[0]].p50
        elif name.startswith("deep page"):
            ratios["all claims"] = r.p50 / results["first page"].p50
    worst = max(ratios, key=ratios.get)
    checks.append((
        f"deep page <= {TARGETS['deep_ratio']}x its first page, every list and filter",
        f"worst {worst} {ratios[worst]:.2f}x ({len(ratios)} lists)",
        ratios[worst] <= TARGETS["deep_ratio"],
    ))  # fmt: skip
    if "POST /claims/match" in results:
        r = results["POST /claims/match"]
        checks.append((f"POST /claims/match p50 <= {TARGETS['match_p50_ms']:.0f} ms (1 client)",
                       f"{r.p50:.1f} ms, p99 {r.p99:.1f} ms",
                       r.p50 <= TARGETS["match_p50_ms"]))  # fmt: skip
    words = {n: r for n, r in results.items() if n.startswith("q=") and " " not in n}
    if words:
        p50 = max(words.values(), key=lambda r: r.p50)
        p99 = max(words.values(), key=lambda r: r.p99)
        checks.append((
            f"q= one word: p50 <= {TARGETS['q_p50_ms']:.0f} ms, p99 <= "
            f"{TARGETS['q_p99_ms']:.0f} ms",
            f"worst p50 {p50.p50:.1f} ms ({p50.name}), worst p99 {p99.p99:.1f} ms ({p99.name})",
            p50.p50 <= TARGETS["q_p50_ms"] and p99.p99 <= TARGETS["q_p99_ms"],
        ))  # fmt: skip
    return checks


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each of a gunicorn master's workers (Linux /proc)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if int(fields.get("PPid", "0")) == master_pid and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sizes


def rss_check(app: "Gunicorn") -> tuple[str, str, bool]:
    sizes = worker_rss_mb(app.process.pid)
    worst = max(sizes, default=float("nan"))
    return (
        f"worker memory after the run <= {TARGETS['rss_mb']:.0f} MB RSS each",
        f"max {worst:.0f} MB over {len(sizes)} workers",
        bool(sizes) and worst <= TARGETS["rss_mb"],
    )


def report_checks(claims: int, checks: dict) -> list[str]:
    """The pass/miss table: one row per target, one column per database."""
    backends = list(checks)
    lines = [
        f"\n## Targets at {claims:,} claims\n",
        "| target | " + " | ".join(backends) + " |",
        "|---|" + "---|" * len(backends),
    ]
    targets = list(dict.fromkeys(t for rows in checks.values() for t, _, _ in rows))
    for target in targets:
        cells = []
        for backend in backends:
            row = next((r for r in checks[backend] if r[0] == target), None)
            cells.append("n/a" if row is None else f"{verdict(row[2])}: {row[1]}")
        lines.append(f"| {target} | " + " | ".join(cells) + " |")
    return lines


def as_json(results: dict) -> dict:
    return {
        name: {
            "rps": round(r.rps, 1), "p50_ms": round(r.p50, 2), "p99_ms": round(r.p99, 2),
            "requests": r.requests, "errors": r.errors, "statuses": r.statuses,
        }
        for name, r in results.items()
    }  # fmt: skip


# Main ---------------------------------------------------------------------------------------


def bench_backend(db, args, workdir: Path, report: list, raw: dict) -> None:
    log(f"{db.name}: creating a scratch database and migrating it")
    db.create()
    app = bare = None
    try:
        flask_cli(db.url, "db", "upgrade")
        tokens = {}
        for key, name, role in (("editor", "bench", "editor"), ("editor2", "bench-2", "editor"),
                                ("reviewer", "bench-reviewer", "reviewer"),
                                ("submitter", "bench-submitter", "submitter")):  # fmt: skip
            tokens[key] = flask_cli(db.url, "users", "create", name, "--role", role)
            tokens[key] = tokens[key].strip().splitlines()[-1]
        ids = dict(db.query("SELECT name, id FROM users"))
        users = {
            "editor": ids["bench"],
            "editor2": ids["bench-2"],
            "reviewer": ids["bench-reviewer"],
            "submitter": ids["bench-submitter"],
        }

        def load_to(target: int) -> int:
            (have,) = db.query("SELECT count(*) FROM claims")[0]
            if have >= target:
                return have
            log(f"{db.name}: loading {target - have:,} claims (to {target:,})")
            started = time.monotonic()
            step = max(100_000, dataset.BATCH)

            def progress(done):
                if done % step == 0:
                    log(f"  +{done:,} claims ({time.monotonic() - started:.0f} s)")

            total = have
            for attempt in range(5):
                try:
                    total = db.load(target - total, users, progress)
                    break
                except db.transient_errors() as exc:
                    # A dropped connection: every batch is committed, so resume after the last.
                    if attempt == 4:
                        raise
                    log(f"{db.name}: load interrupted ({exc.__class__.__name__}); resuming")
                    time.sleep(2)
                    (total,) = db.query("SELECT count(*) FROM claims")[0]
            seconds = time.monotonic() - started
            log(f"{db.name}: loaded {target - have:,} claims in {seconds:.0f} s")
            rendering = render_documents(db)
            raw.setdefault(db.name, {}).setdefault("loads", []).append(
                {
                    "from": have,
                    "to": total,
                    "seconds": round(seconds, 1),
                    "render_seconds": round(rendering, 1),
                }  # fmt: skip
            )
            report.append(
                f"\n{db.name}: bulk load {have:,} -> {total:,} claims (with sources, verdicts, "
                f"tags, search index) in {seconds:.0f} s; their stored documents rendered by "
                f"`flask documents refresh --jobs {os.cpu_count()}` in {rendering:.0f} s"
            )
            return total

        claims = load_to(args.claims)
        env = app_env(db.url, 0)
        app = Gunicorn(f"{db.name}-app", ["wsgi:app"], env, free_port(),
                       "/api/v1/openapi.json", workdir)  # fmt: skip
        bare = Gunicorn(f"{db.name}-bare", ["-c", "gunicorn.conf.py", "--pythonpath", "bench",
                        "bare_app:app"], env, free_port(), "/claim", workdir)  # fmt: skip
        checks = raw.setdefault("checks", {}).setdefault(db.name, [])
        if not args.skip_throughput:
            results = run_throughput(app, bare, db, tokens, users, args)
            if not args.only or "batch" in args.only:
                results["batch"] = run_batch(app, tokens, args)
                checks.append(batch_check(results["batch"]))
            raw.setdefault(db.name, {})["throughput"] = as_json(results)
            report.extend(report_throughput(db.name, claims, results, args))
            print("\n".join(report_throughput(db.name, claims, results, args)), flush=True)
            checks.extend(throughput_checks(results, args))
        if not args.skip_scale:
            log(f"{db.name}: scale run at {claims:,} claims")
            results = run_scale(app, db, tokens, users, args)
            raw.setdefault(db.name, {})[f"scale_{claims}"] = as_json(results)
            report.extend(report_scale(db.name, claims, results))
            print("\n".join(report_scale(db.name, claims, results)), flush=True)
            checks.extend(scale_checks(results))
        checks.append(rss_check(app))
    finally:
        for server in (app, bare):
            if server is not None:
                server.stop()
        if args.keep:
            log(f"{db.name}: kept {db.url}")
        else:
            db.drop()


def main(argv=None) -> int:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--claims",
        type=int,
        default=int(os.environ.get("BENCH_CLAIMS", 100_000)),
        help="claims in each database for every measurement (env BENCH_CLAIMS; full run: 1000000)",
    )
    parser.add_argument(
        "--backends",
        default=os.environ.get("BENCH_BACKENDS", "postgresql,sqlite"),
        help="comma-separated: postgresql,sqlite",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432"),
        help="server URL; a scratch database is created and dropped there",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=float(os.environ.get("BENCH_DURATION", 5)),
        help="seconds per throughput scenario",
    )
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--scale-duration", type=float, default=2.0)
    parser.add_argument("--scale-requests", type=int, default=200)
    parser.add_argument("--only", nargs="*", help="throughput scenarios to run (default all)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args(argv)  # fmt: skip
    args.workers = os.environ.get("WEB_CONCURRENCY", f"{cores * 2 + 1} (2 x cores + 1)")

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    report = [
        f"# factcheck benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {cores} cores, "
        f"Python {sys.version.split()[0]}"
    ]
    raw = {"cores": cores, "claims": args.claims}
    kinds = {"postgresql": Postgres, "sqlite": Sqlite}
    try:
        for backend in args.backends.split(","):
            bench_backend(kinds[backend.strip()](args.postgres, workdir), args, workdir, report,
                          raw)  # fmt: skip
    finally:
        if args.keep:
            log(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report.extend(report_checks(args.claims, raw.get("checks", {})))
    report.append(f"\nTotal time: {time.monotonic() - started:.0f} s")
    print("\n" + "\n".join(report))
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
