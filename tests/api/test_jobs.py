"""Jobs under leases: a step is done to completion once, whoever else runs the job; a failing
job is tried again after a pause, then fails for good."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Job
from factcheck.services import jobs
from factcheck.unit_of_work import transaction

RUNS: list[int] = []


def _counting_step(session, job, step):
    RUNS.append(step)
    job.result = {"done": step + 1}


def _failing_step(session, job, step):
    raise RuntimeError("the source is down")


@pytest.fixture(autouse=True)
def kinds():
    jobs.STEPS["test_counting"] = _counting_step
    jobs.STEPS["test_failing"] = _failing_step
    RUNS.clear()
    yield
    del jobs.STEPS["test_counting"], jobs.STEPS["test_failing"]


def _queue(app, kind, steps=1) -> int:
    with app.app_context():
        with transaction():
            job = jobs.create(db.session, kind, {}, actor_id=None, steps=steps)
        return job.id  # the inline queue ran it right after the commit


def _job(app, job_id) -> Job:
    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def test_a_job_runs_its_steps_once(app):
    job_id = _queue(app, "test_counting", steps=3)
    done = _job(app, job_id)
    assert (done.status, done.step, done.result, done.attempts) == ("succeeded", 3, {"done": 3}, 1)
    assert RUNS == [0, 1, 2]
    with app.app_context():
        jobs.run(job_id)  # a duplicate message: nothing left to do
    assert RUNS == [0, 1, 2]


def test_a_worker_whose_lease_ran_out_cannot_finish_a_step(app):
    with app.app_context():
        with transaction():
            job = Job(kind="test_counting", params={}, steps=1, result={})
            db.session.add(job)
        stalled = jobs._take(job.id)  # a worker takes it, then stalls past its lease
        db.session.execute(
            sa.update(Job).values(locked_until=datetime.now(UTC) - timedelta(seconds=1))
        )
        db.session.commit()
        jobs.run(job.id)  # another worker takes over and finishes
        assert RUNS == [0]
        with transaction():
            assert jobs._advance(job.id, stalled) is None  # the stalled one wakes up: refused
        assert RUNS == [0]
        finished = db.session.get(Job, job.id, populate_existing=True)
        assert finished.status == "succeeded" and finished.attempts == 2


def test_a_failing_job_is_retried_then_fails(app):
    job_id = _queue(app, "test_failing")
    first = _job(app, job_id)
    assert first.status == "queued" and first.attempts == 1
    assert "the source is down" in first.error
    assert first.next_attempt_at > datetime.now(UTC)
    for _ in range(jobs.MAX_ATTEMPTS - 1):
        with app.app_context():
            db.session.execute(
                sa.update(Job).values(next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
            )
            db.session.commit()
            with pytest.raises(RuntimeError):
                jobs.run(job_id)
    failed = _job(app, job_id)
    assert failed.status == "failed" and failed.attempts == jobs.MAX_ATTEMPTS
    assert failed.finished_at is not None
    with app.app_context():
        jobs.run(job_id)  # failed for good: not taken again
    assert _job(app, job_id).attempts == jobs.MAX_ATTEMPTS
