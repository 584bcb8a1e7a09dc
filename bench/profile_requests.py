"""Where a request's time goes: GET one claim and GET a page of 50, profiled in-process.

    .venv/bin/python bench/profile_requests.py [--claims 20000] [--backend postgresql|sqlite]
                                      [--requests 300] [--pyinstrument DIR]

Builds a scratch database like bench/run.py (migrations, CLI users, bulk load), then drives
the app through Flask's test client (no gunicorn, no sockets) under cProfile and reports, per
request:

- inclusive time of the stages: authentication, the service call (ORM query and loading,
  including the eager `selectin` loads), marshmallow's dump, JSON encoding, and the rest
  (Flask, Werkzeug, flask-smorest, the test client);
- self time grouped by package (SQLAlchemy, the database driver, marshmallow, Flask/Werkzeug...)

and, when pyinstrument is installed (`pip install pyinstrument`; it is not a project
dependency), writes its call tree for each endpoint as text.
"""

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402

# (label, file fragment, function name): inclusive ("cumulative") time of these calls.
STAGES = [
    ("authenticate (token lookup)", "factcheck/services/accounts.py", "authenticate"),
    ("service: claims.get", "factcheck/services/claims.py", "get"),
    ("service: claims.list_claims", "factcheck/services/claims.py", "list_claims"),
    ("marshmallow Schema.dump", "marshmallow/schema.py", "dump"),
    ("JSON encoding (flask.json)", "flask/json/provider.py", "dumps"),
    ("session close / commit at teardown", "flask_sqlalchemy/session.py", "_app_ctx_id"),
]
PACKAGES = [
    ("sqlalchemy", "/sqlalchemy/"),
    ("psycopg (driver)", "/psycopg"),
    ("sqlite3 (driver)", "sqlite3"),
    ("marshmallow", "/marshmallow/"),
    ("flask-smorest / webargs / apispec", ("/flask_smorest/", "/webargs/", "/apispec/")),
    ("flask / werkzeug", ("/flask/", "/werkzeug/", "/flask_sqlalchemy/")),
    ("factcheck", "/factcheck/"),
    ("json", "/json/"),
]


def package_of(filename: str) -> str:
    for label, fragments in PACKAGES:
        fragments = (fragments,) if isinstance(fragments, str) else fragments
        if any(fragment in filename for fragment in fragments):
            return label
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C calls)"
    return "other Python (stdlib...)"


def breakdown(stats: pstats.Stats, requests: int) -> list[str]:
    total = stats.total_tt
    lines = [f"  total {total / requests * 1000:.2f} ms per request (under cProfile)"]
    for label, fragment, name in STAGES:
        cumulative = sum(
            ct for (filename, _, func), (_, _, _, ct, _) in stats.stats.items()
            if func == name and fragment in filename
        )  # fmt: skip
        if cumulative:
            lines.append(
                f"  {label:<38} {cumulative / requests * 1000:7.2f} ms  {cumulative / total:5.0%}"
            )
    own = defaultdict(float)
    calls = defaultdict(int)
    for (filename, _, _), (_, nc, tt, _, _) in stats.stats.items():
        own[package_of(filename)] += tt
        calls[package_of(filename)] += nc
    lines.append("  self time by package:")
    for label, tt in sorted(own.items(), key=lambda item: -item[1]):
        lines.append(
            f"    {label:<36} {tt / requests * 1000:7.2f} ms  {tt / total:5.0%}  "
            f"{calls[label] / requests:8.0f} calls/request"
        )
    return lines


def queries_per_request(app, client, path, headers) -> int:
    import sqlalchemy as sa

    from factcheck.extensions import db

    count = [0]

    def on_execute(*_args, **_kwargs):
        count[0] += 1

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", on_execute)
    try:
        client.get(path, headers=headers)
    finally:
        sa.event.remove(engine, "before_cursor_execute", on_execute)
    return count[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--backend", default="postgresql", choices=("postgresql", "sqlite"))
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL",
                        "postgresql://postgres@127.0.0.1:5432"))  # fmt: skip
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--pyinstrument", metavar="DIR", help="write pyinstrument trees here")
    parser.add_argument("--top", type=int, default=0, help="also list the N costliest functions")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="factcheck-profile-"))
    db = {"postgresql": run.Postgres, "sqlite": run.Sqlite}[args.backend](args.postgres, workdir)
    db.create()
    try:
        run.flask_cli(db.url, "db", "upgrade")
        token = run.flask_cli(db.url, "users", "create", "bench", "--role", "editor")
        token = token.strip().splitlines()[-1]
        (user_id,) = db.query("SELECT id FROM users WHERE name = 'bench'")[0]
        users = dict.fromkeys(("submitter", "reviewer", "editor"), user_id)
        db.load(args.claims, users, None)
        run.render_documents(db)
        (claim_id,) = db.query(
            "SELECT id FROM claims WHERE rating IS NOT NULL AND EXISTS (SELECT 1 FROM sources "
            "WHERE sources.claim_id = claims.id) ORDER BY id LIMIT 1"
        )[0]

        os.environ.update(run.app_env(db.url, 0))
        # The request log (JSON lines on stderr) stays on, as in production, but goes to a file.
        log = open(workdir / "requests.log", "ab")  # noqa: SIM115
        saved_stderr = os.dup(2)
        os.dup2(log.fileno(), 2)
        from factcheck import create_app

        app = create_app()
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        endpoints = {
            "GET one claim": (f"/api/v1/claims/{claim_id}", args.requests),
            "GET page of 50": ("/api/v1/claims?limit=50", max(50, args.requests // 5)),
        }
        print(
            f"# Profile: {args.backend}, {args.claims:,} claims, Flask test client, "
            f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
        )
        for label, (path, count) in endpoints.items():
            for _ in range(20):  # warm up: connections, caches, compiled statements
                assert client.get(path, headers=headers).status_code == 200
            started = time.perf_counter()
            for _ in range(count):
                client.get(path, headers=headers)
            wall = (time.perf_counter() - started) / count
            body = client.get(path, headers=headers).get_data()
            queries = queries_per_request(app, client, path, headers)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(count):
                client.get(path, headers=headers)
            profiler.disable()
            stats = pstats.Stats(profiler)
            print(f"\n## {label}: {path}")
            print(
                f"  {wall * 1000:.2f} ms per request without the profiler "
                f"({1 / wall:,.0f} requests/s on one core), {queries} SQL statements, "
                f"{len(body):,} bytes of JSON"
            )
            print("\n".join(breakdown(stats, count)))
            if args.top:
                stats.sort_stats("tottime").print_stats(args.top)
            if args.pyinstrument:
                try:
                    from pyinstrument import Profiler
                except ImportError:
                    print("  (pyinstrument is not installed: pip install pyinstrument)")
                    continue
                profiler = Profiler(interval=0.0005)
                profiler.start()
                for _ in range(count):
                    client.get(path, headers=headers)
                profiler.stop()
                out = Path(args.pyinstrument) / (label.lower().replace(" ", "-") + ".txt")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(profiler.output_text(unicode=True, show_all=False))
                print(f"  pyinstrument tree: {out}")
    finally:
        if "saved_stderr" in locals():
            os.dup2(saved_stderr, 2)
            log.close()
        db.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
