"""PostgreSQL restarts while clients create claims through gunicorn: nothing lost, nothing doubled.

Twenty client threads send 200 creates, each with its own Idempotency-Key and text, spread over
a few seconds; each retries transport errors, 5xx and 409 with the same key and body, honouring
Retry-After, for at most 30 seconds. Meanwhile the cluster is stopped for two seconds and
started again. gunicorn is not touched, so the clients always get an HTTP answer: while the
database is away that answer is a 503 problem document with Retry-After, never a 500 or a reset
connection. Afterwards every acknowledged (201) create is in the database exactly once, under
the id it was acknowledged with, and the same workers answer again within 5 seconds of the
database's return (pool pre-ping replaces the dead connections).
"""

import http.client
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from factcheck.extensions import db
from tests.faults.cluster import restartable_cluster

CLUSTER, CANNOT_RUN = restartable_cluster()
pytestmark = [pytest.mark.faults, pytest.mark.skipif(CLUSTER is None, reason=CANNOT_RUN)]

CREATES = 200
CLIENTS = 20
SPREAD = 6.0  # seconds over which the creates start: before, during and after the outage
OUTAGE_AT = 1.5  # seconds into the run
DOWN_FOR = 2.0  # seconds the cluster stays stopped
CREATE_DEADLINE = 30.0  # seconds one create may spend retrying
MAX_ATTEMPTS = 60
REQUEST_TIMEOUT = 10.0
READY_TIMEOUT = 30.0  # for pg_isready after the start
RECOVERY_LIMIT = 5.0  # seconds after the database's return for the service to answer again
RECOVERY_PROBE = 10.0  # how long to keep probing, so a slow recovery is measured, not guessed
RUN_LIMIT = 50.0
PROBLEM_JSON = "application/problem+json"
RETRIED = {409}  # "the first request with this key has not finished; retry shortly"


@dataclass
class Attempt:
    started: float
    ended: float
    status: int | None  # None: no HTTP answer
    error: str | None = None
    content_type: str | None = None
    retry_after: str | None = None
    replayed: bool = False
    body: object = None

    @property
    def ok(self) -> bool:
        return self.status in (200, 201)

    def is_sound_refusal(self) -> bool:
        """A 503 problem document that tells the client when to retry."""
        return (
            self.status == 503
            and (self.content_type or "").startswith(PROBLEM_JSON)
            and bool(self.retry_after)
            and isinstance(self.body, dict)
            and self.body.get("status") == 503
        )


@dataclass
class Create:
    index: int
    key: str
    text: str
    attempts: list[Attempt] = field(default_factory=list)
    acknowledged_id: int | None = None


def _pause(attempt: Attempt, backoff: float) -> float:
    try:
        wait = float(attempt.retry_after) if attempt.retry_after else backoff
    except ValueError:
        wait = backoff
    return wait * random.uniform(1.0, 1.2)


def _create(server, token: str, create: Create, not_before: float) -> Create:
    time.sleep(max(0.0, not_before - time.monotonic()))
    deadline = time.monotonic() + CREATE_DEADLINE
    payload = {"text": create.text, "claimant": "Fault Injection Desk"}
    backoff = 0.1
    for _ in range(MAX_ATTEMPTS):
        started = time.monotonic()
        try:
            reply = server.request(
                "POST",
                "/api/v1/claims",
                token=token,
                body=payload,
                headers={"Idempotency-Key": create.key},
                timeout=REQUEST_TIMEOUT,
            )
        except (OSError, http.client.HTTPException) as error:
            attempt = Attempt(started, time.monotonic(), None, error=type(error).__name__)
            create.attempts.append(attempt)
        else:
            attempt = Attempt(
                started,
                time.monotonic(),
                reply.status,
                content_type=reply.headers.get("content-type"),
                retry_after=reply.headers.get("retry-after"),
                replayed=reply.headers.get("idempotent-replayed") == "true",
                body=reply.body,
            )
            create.attempts.append(attempt)
            if reply.status == 201:
                create.acknowledged_id = reply.body["id"]
                return create
            if reply.status < 500 and reply.status not in RETRIED:
                return create  # a refusal that a retry cannot change
        pause = min(_pause(attempt, backoff), deadline - time.monotonic())
        if pause <= 0:
            return create
        time.sleep(pause)
        backoff = min(backoff * 2, 1.0)
    return create


def _first_answer_after(server, token: str, since: float) -> tuple[float | None, list[Attempt]]:
    """Probe a read until it answers 200; seconds from `since`, and every probe's outcome."""
    probes = []
    deadline = since + RECOVERY_PROBE
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            reply = server.request(
                "GET", "/api/v1/claims?limit=1", token=token, timeout=REQUEST_TIMEOUT
            )
        except (OSError, http.client.HTTPException) as error:
            probes.append(Attempt(started, time.monotonic(), None, error=type(error).__name__))
        else:
            probes.append(
                Attempt(
                    started,
                    time.monotonic(),
                    reply.status,
                    content_type=reply.headers.get("content-type"),
                    retry_after=reply.headers.get("retry-after"),
                    body=reply.body,
                )
            )
            if reply.status == 200:
                return time.monotonic() - since, probes
        time.sleep(0.05)
    return None, probes


def _describe(attempt: Attempt) -> str:
    if attempt.status is None:
        return attempt.error or "no answer"
    return f"{attempt.status} {attempt.content_type} Retry-After={attempt.retry_after}"


def test_database_restart_under_concurrent_idempotent_creates(gunicorn_server, app, tokens):
    server = gunicorn_server
    run = uuid.uuid4().hex[:10]
    creates = [
        Create(i, f"faults-{run}-{i}", f"Fault run {run}: claim {i} was stored once.")
        for i in range(CREATES)
    ]
    workers = server.booted_workers()
    assert len(workers) == 2, server.log_text()

    begin = time.monotonic() + 0.2
    timeline: dict[str, float] = {}
    probe_latency, probes = None, []
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [
            pool.submit(_create, server, tokens["reviewer"], c, begin + c.index * SPREAD / CREATES)
            for c in creates
        ]
        time.sleep(max(0.0, begin + OUTAGE_AT - time.monotonic()))
        timeline["stop"] = time.monotonic()
        try:
            CLUSTER.stop()
            timeline["stopped"] = time.monotonic()
            time.sleep(DOWN_FOR)
        finally:
            timeline["start"] = time.monotonic()
            timeline["back"] = CLUSTER.start(READY_TIMEOUT)
        probe_latency, probes = _first_answer_after(server, tokens["editor"], timeline["back"])
        _, unfinished = wait_for(futures, timeout=RUN_LIMIT)
        assert not unfinished, f"{len(unfinished)} clients still running after {RUN_LIMIT} s"
    finished = time.monotonic()

    with app.app_context():
        db.engine.dispose()  # the pooled connections died with the restart
        rows = db.session.execute(
            sa.text(
                "SELECT text, array_agg(id ORDER BY id) FROM claims "
                "WHERE text LIKE :prefix GROUP BY text"
            ),
            {"prefix": f"Fault run {run}: %"},
        ).all()
        unfinished_keys = db.session.scalar(
            sa.text(
                "SELECT count(*) FROM idempotency_records WHERE key LIKE :prefix AND status IS NULL"
            ),
            {"prefix": f"faults-{run}-%"},
        )
        db.session.remove()
    stored = {text: ids for text, ids in rows}

    acknowledged = [c for c in creates if c.acknowledged_id is not None]
    attempts = [a for c in creates for a in c.attempts] + probes
    refusals = [a for a in attempts if not a.ok]
    by_answer: dict[str, int] = {}
    for attempt in refusals:
        by_answer[_describe(attempt)] = by_answer.get(_describe(attempt), 0) + 1
    duplicates = {text: ids for text, ids in stored.items() if len(ids) > 1}
    lost = [c.index for c in acknowledged if stored.get(c.text) != [c.acknowledged_id]]
    never_acknowledged = {
        c.index: [a.status or a.error for a in c.attempts]
        for c in creates
        if c.acknowledged_id is None
    }
    unsound = [a for a in refusals if not a.is_sound_refusal()]
    outside_outage = [
        a
        for a in refusals
        if a.ended < timeline["stop"] or a.started > timeline["back"] + RECOVERY_LIMIT
    ]
    # Recovered: the first success of a request sent after the database accepted connections
    # again. (The probe alone may wait behind the clients' retries in gunicorn's backlog.)
    recovery = min(
        (a.ended - timeline["back"] for a in attempts if a.ok and a.started >= timeline["back"]),
        default=None,
    )
    report = "\n".join(
        [
            f"creates: {CREATES}, acknowledged: {len(acknowledged)}, "
            f"after retries: {sum(len(c.attempts) > 1 for c in acknowledged)}, "
            f"answered by a replay: {sum(c.attempts[-1].replayed for c in acknowledged)}",
            f"rows stored: {sum(len(ids) for ids in stored.values())}, "
            f"duplicated texts: {len(duplicates)}, acknowledged but missing: {len(lost)}",
            f"keys left unfinished: {unfinished_keys}, never acknowledged: {never_acknowledged}",
            f"requests: {len(attempts)}, not 2xx by answer: {by_answer}",
            f"stop took {timeline['stopped'] - timeline['stop']:.2f} s, database away "
            f"{timeline['back'] - timeline['stop']:.2f} s; first success after its return: "
            f"{'never' if recovery is None else f'{recovery:.2f} s'}; first GET answered "
            f"{'never' if probe_latency is None else f'{probe_latency:.2f} s'} after it; "
            f"last answer {finished - timeline['back']:.2f} s after it",
            f"tracebacks in the server log: {server.log_text().count('Traceback (most recent')}",
        ]
    )
    print(report)

    assert server.process.poll() is None, "gunicorn died:\n" + server.log_text()
    assert server.booted_workers() == workers, "a worker was restarted:\n" + server.log_text()
    assert not duplicates, f"created twice: {duplicates}\n{report}"
    assert not lost, f"acknowledged but not stored once: {lost}\n{report}"
    examples = {_describe(a): a.body for a in unsound}
    assert not unsound, (
        f"{len(unsound)} answers are not 503 problem documents with Retry-After; one of each "
        f"kind: {examples}\n{report}"
    )
    assert not outside_outage, f"refusals outside the outage: {len(outside_outage)}\n{report}"
    assert refusals, f"no request met the outage: the test proved nothing\n{report}"
    assert recovery is not None and recovery <= RECOVERY_LIMIT, report
    assert not never_acknowledged, f"creates never acknowledged\n{report}"
