"""Webhook delivery on the Redis queue: latency from commit to receiver, and jobs per second
of one worker (docs/events.md).

    .venv/bin/python bench/events.py [--database URL] [--events 200] [--backlog 1000]
        [--matching-data ../shared/data/matching/ct2022-2a]

Creates the tables in a scratch database (default: a temporary SQLite file; give a scratch
PostgreSQL database with --database), subscribes a receiver on the loopback interface to
claim.submitted, and runs one `flask --app wsgi worker --threads 4` on Redis:

1. latency: creates --events claims one at a time, 20 a second, each in its own transaction;
   each event's delay is the receiver's clock at arrival minus the event's timestamp (taken
   just before its transaction commits);
2. deliveries per second: with the worker stopped, emits --backlog events at once (each of
   its own claim, so none waits for another), starts the worker and divides them by the time
   from its first attempt to its last delivery (the database's timestamps);
3. matching jobs per second: with the subscription paused, creates --backlog claims one per
   transaction (each queues a job matching it against the published fact-checks, as every
   new claim does), and divides them likewise by the time from the first job's start to the
   last one's end. With --matching-data, CheckThat! 2022 2A's verified claims are imported
   first as published fact-checks and its dev tweets are the claims (otherwise there is
   nothing to match against and the jobs only look).
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", help="scratch database URL (default: a SQLite file)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--backlog", type=int, default=1000)
    parser.add_argument("--matching-data", type=Path, help="CheckThat! 2022 2A directory")
    args = parser.parse_args()
    database = args.database or f"sqlite:///{tempfile.mkdtemp()}/events.db"
    env = {
        "DATABASE_URL": database,
        "FACTCHECK_QUEUE_URL": args.redis,
        "FACTCHECK_QUEUE_NAMESPACE": f"factcheck-bench-{uuid.uuid4().hex[:8]}",
        "FACTCHECK_WEBHOOKS_ALLOW_PRIVATE": "1",
        "FACTCHECK_SECRET_KEY": "bench",
    }
    os.environ.update(env)  # before the configuration is read: this process and the worker's
    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.models import Claim, ClaimMatch, Job, WebhookDelivery
    from factcheck.services import accounts, claims, outbox, webhooks
    from factcheck.unit_of_work import transaction
    from tests.receiver import Receiver

    app = create_app()
    worker_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--threads", "4"]
    worker_log = open(Path(tempfile.mkdtemp()) / "worker.log", "w")  # noqa: SIM115
    print(f"worker log: {worker_log.name}", file=sys.stderr)

    def start_worker():
        return subprocess.Popen(command, cwd=ROOT, env=worker_env, stderr=worker_log)

    def stop_worker(process):
        process.send_signal(signal.SIGTERM)
        process.wait(30)

    with Receiver() as receiver, app.app_context():
        import flask_migrate

        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        with transaction():
            user = accounts.create_user(f"bench-{uuid.uuid4().hex[:6]}", "editor")
            subscription = webhooks.create(
                {"url": receiver.url, "event_types": ["claim.submitted"]}, user
            )

        tweets = []
        if args.matching_data:
            from bench.retrieval import claim_review, read_split, read_verified_claims
            from factcheck.services import imports

            vclaims = read_verified_claims(args.matching_data)
            for start in range(0, len(vclaims), 1000):
                with transaction():
                    chunk = [claim_review(v) for v in vclaims[start : start + 1000]]
                    imports.import_document(chunk, user)
            tweets = list(read_split(args.matching_data, "dev")[0].values())

        def create(n: int) -> None:
            text = f"Bench claim {n}: exports grew {n % 97}.{n % 7}% in region {n}."
            if tweets and n >= args.events:
                text = tweets[n % len(tweets)][:2000]
            with transaction():
                claims.create({"text": text, "claimant": "Bench"}, user)

        def settled() -> bool:
            db.session.rollback()
            pending = db.session.scalar(
                sa.select(sa.func.count()).where(WebhookDelivery.status != "succeeded")
            )
            running = db.session.scalar(
                sa.select(sa.func.count()).where(Job.status.in_(("queued", "running")))
            )
            db.session.rollback()
            return pending == 0 and running == 0

        def wait_settled(timeout: float) -> None:
            deadline = time.monotonic() + timeout
            while not settled():
                if time.monotonic() > deadline:
                    raise SystemExit("the worker did not finish in time")
                time.sleep(0.05)

        worker = start_worker()
        time.sleep(3)  # the worker imports the app and connects
        for n in range(args.events):
            create(n)
            time.sleep(0.05)
        wait_settled(120)
        delays = [
            r.at_wall - datetime.fromisoformat(r.payload["timestamp"]).timestamp()
            for r in receiver.received
        ]
        stop_worker(worker)

        with transaction():  # a backlog of deliveries: one event per claim, sent in any order
            for n in range(args.backlog):
                data = {"claim": {"id": 10**9 + n, "url": "/", "status": "submitted"}}
                outbox.emit(db.session, "claim.submitted", f"claim:{10**9 + n}", data)
        worker = start_worker()
        wait_settled(600)
        stop_worker(worker)
        first, last = db.session.execute(
            sa.select(
                sa.func.min(WebhookDelivery.last_attempt_at),
                sa.func.max(WebhookDelivery.delivered_at),
            ).where(WebhookDelivery.id > args.events)
        ).one()
        deliveries_per_second = args.backlog / (last - first).total_seconds()

        with transaction():
            webhooks.update(subscription.id, {"active": False})
        for n in range(args.events, args.events + args.backlog):
            create(n)
        worker = start_worker()
        wait_settled(600)
        stop_worker(worker)
        first, last, matched = db.session.execute(
            sa.select(
                sa.func.min(Job.started_at), sa.func.max(Job.finished_at), sa.func.count()
            ).where(Job.kind == "match_claims", Job.id > args.events)
        ).one()
        jobs_per_second = matched / (last - first).total_seconds()
        published = db.session.scalar(
            sa.select(sa.func.count()).where(Claim.published_at.is_not(None))
        )
        alerted = db.session.scalar(sa.select(sa.func.count(sa.distinct(ClaimMatch.claim_id))))

    backend = sa.engine.make_url(database).get_backend_name()
    print(f"database {backend}, one worker with 4 threads, Redis queue")
    print(
        f"latency commit -> receiver over {len(delays)} events: "
        f"p50 {statistics.median(delays) * 1000:.0f} ms, "
        f"p99 {percentile(delays, 0.99) * 1000:.0f} ms"
    )
    print(f"deliveries: {deliveries_per_second:.0f}/s ({args.backlog} queued at once)")
    print(
        f"matching jobs: {jobs_per_second:.0f}/s ({matched} claims against {published} "
        f"published fact-checks; {alerted} claims alerted)"
    )


if __name__ == "__main__":
    main()
