"""Several servers and workers, one database and one Redis: every event reaches every
subscription exactly once by webhook-id, in commit order per claim, even when a worker is
killed in the middle of a delivery.

Two gunicorn instances (two workers each) take interleaved writes; two `flask worker`
processes deliver to a receiver on the loopback interface. The receiver holds one request
open until the test has killed (SIGKILL) the worker that sent it; that delivery's lease runs
out and the other worker sends it again with the same webhook-id.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook

from factcheck.extensions import db
from factcheck.models import OutboxEvent, WebhookDelivery
from tests.faults.conftest import ROOT, owner_of_port, start_gunicorn, stop
from tests.receiver import Receiver

REDIS_URL = os.environ.get("FACTCHECK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CLAIMS = 24
DEADLINE = 90  # seconds for every delivery to succeed


def _redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not _redis_up(), reason=f"needs Redis at {REDIS_URL}")


def _worker(env: dict, log) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--threads", "4"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def test_two_servers_two_workers_deliver_each_event_once_in_order(
    app, database_url, tokens, tmp_path
):
    namespace = f"factcheck-test-{uuid.uuid4().hex[:8]}"
    queue_env = {
        "FACTCHECK_QUEUE_URL": REDIS_URL,
        "FACTCHECK_QUEUE_NAMESPACE": namespace,
        "FACTCHECK_WEBHOOKS_ALLOW_PRIVATE": "1",
        "FACTCHECK_DELIVERY_LEASE_SECONDS": "3",
        "FACTCHECK_JOB_LEASE_SECONDS": "5",
        "FACTCHECK_QUEUE_SWEEP_SECONDS": "1",
        "FACTCHECK_QUEUE_SWEEP_GRACE_SECONDS": "2",
        "FACTCHECK_QUEUE_HEARTBEAT_SECONDS": "5",
    }
    servers, workers = [], []
    worker_env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", **queue_env}
    with Receiver() as receiver:
        try:
            for name in ("a", "b"):
                servers.append(start_gunicorn(database_url, tmp_path / f"{name}.log", **queue_env))
            for name in ("1", "2"):
                with open(tmp_path / f"worker-{name}.log", "wb") as log:
                    workers.append(_worker(worker_env, log))
            editor = tokens["editor"]
            secrets = {}
            for n in (1, 2):
                made = servers[n % 2].request(
                    "POST", "/api/v1/webhooks", token=editor,
                    body={"url": f"{receiver.url}?subscription={n}",
                          "event_types": ["claim.submitted", "claim.assigned", "claim.deleted"]},
                )  # fmt: skip
                assert made.status == 201, made.body
                secrets[str(n)] = made.body["secret"]
            receiver.hang_on = 9  # a delivery in the middle of the run

            def work(i: int):
                first, second = servers[i % 2], servers[(i + 1) % 2]
                created = first.request(
                    "POST", "/api/v1/claims", token=editor,
                    body={"text": f"Exports grew {i}.5% in 2024 in region {i}.", "claimant": "X"},
                )  # fmt: skip
                assert created.status == 201, created.body
                claim_id = created.body["id"]
                accepted = second.request(
                    "POST", f"/api/v1/claims/{claim_id}/actions", token=editor,
                    body={"action": "accept"},
                )  # fmt: skip
                assert accepted.status == 200, accepted.body
                if i % 3 == 0:
                    gone = first.request("DELETE", f"/api/v1/claims/{claim_id}", token=editor)
                    assert gone.status == 204
                return claim_id

            with ThreadPoolExecutor(max_workers=4) as pool:
                running = [pool.submit(work, i) for i in range(CLAIMS)]
                assert receiver.hanging.wait(30), "no delivery reached the receiver"
                hung = receiver.received[receiver.hang_on]
                victim = owner_of_port(hung.client_port, [w.pid for w in workers])
                os.kill(victim, signal.SIGKILL)
                receiver.release.set()
                claim_ids = [f.result(timeout=60) for f in running]

            with app.app_context():
                deadline = time.monotonic() + DEADLINE
                while True:
                    db.session.rollback()
                    states = dict(
                        db.session.execute(
                            sa.select(WebhookDelivery.status, sa.func.count()).group_by(
                                WebhookDelivery.status
                            )
                        ).all()
                    )
                    if set(states) == {"succeeded"}:
                        break
                    assert time.monotonic() < deadline, f"not delivered in time: {states}"
                    time.sleep(0.5)
                events = db.session.execute(
                    sa.select(OutboxEvent.id, OutboxEvent.uid, OutboxEvent.ordering_key).order_by(
                        OutboxEvent.id
                    )
                ).all()
                db.session.rollback()
        finally:
            for process in workers:
                stop(process)
            for server in servers:
                stop(server.process)
            redis.Redis.from_url(REDIS_URL).delete(
                *redis.Redis.from_url(REDIS_URL).keys(f"{namespace}*") or ["-"]
            )

    expected_per_claim = 2 * CLAIMS + len(range(0, CLAIMS, 3))
    assert len(events) == expected_per_claim
    assert {e.ordering_key for e in events} == {f"claim:{i}" for i in claim_ids}
    rank = {e.uid: e.id for e in events}
    key_of = {e.uid: e.ordering_key for e in events}
    for n, secret in secrets.items():
        mine = [r for r in receiver.received if r.path.endswith(f"subscription={n}")]
        hook = Webhook(secret)
        for r in mine:
            hook.verify(r.body, r.headers)  # every request, retries included, is signed
        answered = [r for r in mine if r.answered]
        # Exactly once per subscription by webhook-id: every event answered, none missing,
        # and an id seen twice on the wire only because a worker died holding it.
        assert {r.webhook_id for r in answered} == set(rank)
        repeated = len(answered) - len({r.webhook_id for r in answered})
        assert repeated <= 8, f"{repeated} repeats: more than the killed worker held"
        # In commit order per claim.
        first_answer = {}
        for r in answered:
            first_answer.setdefault(r.webhook_id, r)
        by_key: dict[str, list] = {}
        for r in sorted(first_answer.values(), key=lambda r: r.at):
            by_key.setdefault(key_of[r.webhook_id], []).append(rank[r.webhook_id])
        for key, ranks in by_key.items():
            assert ranks == sorted(ranks), f"{key} out of order for subscription {n}"
    # The killed worker's delivery went out again, with its id.
    assert sum(r.webhook_id == hung.webhook_id for r in receiver.received) >= 2
