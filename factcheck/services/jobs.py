"""Background jobs: queued by a request, run by a worker, read at GET /api/v1/jobs/{id}.

A job runs in steps, each in its own transaction. A worker first takes the job's lease (a
token, valid for FACTCHECK_JOB_LEASE_SECONDS); every step then starts by moving the job one
step on, only if that lease is still the job's, and commits the step's work with it. A worker
that stalls past its lease therefore cannot finish a step another worker has taken over, and a
step is done to completion exactly once however often the job's message arrives.
"""

import math
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app

from factcheck import policy, queue
from factcheck.errors import NotFound
from factcheck.extensions import db
from factcheck.models import Job, User
from factcheck.unit_of_work import transaction

MAX_ATTEMPTS = 5

# kind -> (session, job, step) -> None; each kind's module registers its steps.
STEPS: dict[str, Callable[[so.Session, Job, int], None]] = {}


def create(session: so.Session, kind: str, params: dict, *, actor_id, steps: int = 1) -> Job:
    """Add a queued job to the transaction; it is sent to the queue once that commits."""
    job = Job(kind=kind, params=params, steps=steps, created_by_id=actor_id, result={})
    session.add(job)
    session.flush()
    queue.later(session, "run_job", job.id)
    return job


def get(job_id: int, actor: User) -> Job:
    """A job, for the user who queued it and for editors and admins."""
    job = db.session.get(Job, job_id)
    if job is None or not (
        job.created_by_id == actor.id or policy.at_least(actor, policy.Role.EDITOR)
    ):
        raise NotFound(f"Job {job_id} does not exist.")
    return job


def progress(job: Job) -> float:
    return round(job.step / job.steps, 3) if job.steps else 1.0


def _now() -> datetime:
    return datetime.now(UTC)


def _lease_seconds() -> float:
    return current_app.config["FACTCHECK_JOB_LEASE_SECONDS"]


def _take(job_id: int) -> str | None:
    """Take the job's lease if it is due and nobody holds a live lease; the new token."""
    token, now = uuid.uuid4().hex, _now()
    with transaction():
        taken = db.session.execute(
            sa.update(Job)
            .where(
                Job.id == job_id,
                Job.status.in_(("queued", "running")),
                Job.next_attempt_at <= now,
                sa.or_(Job.locked_until.is_(None), Job.locked_until < now),
            )
            .values(
                status="running",
                lease=token,
                locked_until=now + timedelta(seconds=_lease_seconds()),
                attempts=Job.attempts + 1,
                started_at=sa.func.coalesce(Job.started_at, now),
            )
        ).rowcount
    return token if taken else None


def _advance(job_id: int, token: str) -> Job | None:
    """Move the job one step on under `token`'s lease, in the open transaction; None if the
    lease is lost (expired and taken by another worker) or the job has no step left."""
    moved = db.session.execute(
        sa.update(Job)
        .where(Job.id == job_id, Job.lease == token, Job.step < Job.steps)
        .values(
            step=Job.step + 1,
            locked_until=_now() + timedelta(seconds=_lease_seconds()),
        )
    ).rowcount
    if not moved:
        return None
    return db.session.get(Job, job_id, populate_existing=True)


def run(job_id: int) -> None:
    """Run the job's remaining steps (a queue message's work); safe to call any number of
    times, from any number of workers."""
    token = _take(job_id)
    if token is None:
        return
    while True:
        try:
            with transaction():
                job = _advance(job_id, token)
                if job is None:
                    return
                STEPS[job.kind](db.session, job, job.step - 1)
                if job.step == job.steps:
                    job.status, job.finished_at, job.lease, job.locked_until = (
                        "succeeded", _now(), None, None,
                    )  # fmt: skip
        except Exception as error:
            _failed(job_id, token, error)
            raise
        if job.status == "succeeded":
            return


def _failed(job_id: int, token: str, error: Exception) -> None:
    """Record a step's failure: queued again after a pause, or failed for good."""
    with transaction():
        job = db.session.get(Job, job_id, populate_existing=True)
        if job is None or job.lease != token:
            return
        job.error = f"{type(error).__name__}: {error}"[:1000]
        job.lease, job.locked_until = None, None
        if job.attempts >= MAX_ATTEMPTS:
            job.status, job.finished_at = "failed", _now()
            return
        delay = min(2**job.attempts, 300) * random.uniform(0.8, 1.2)
        job.status, job.next_attempt_at = "queued", _now() + timedelta(seconds=delay)
        queue.later(db.session, "run_job", job.id, delay_seconds=delay)


def overdue(session: so.Session, *, grace_seconds: float, limit: int = 500) -> list[int]:
    """Jobs due for longer than `grace_seconds` that no live lease holds: their message was
    lost (or their worker died)."""
    now = _now()
    stmt = (
        sa.select(Job.id)
        .where(
            Job.status.in_(("queued", "running")),
            Job.next_attempt_at <= now - timedelta(seconds=grace_seconds),
            sa.or_(Job.locked_until.is_(None), Job.locked_until < now),
        )
        .order_by(Job.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def steps_for(count: int, per_step: int) -> int:
    return max(1, math.ceil(count / per_step))
