"""What the queue runs: each job takes only an id, reads its state from the database, and may
run any number of times (see factcheck/queue.py)."""

from flask import current_app

from factcheck.extensions import db
from factcheck.services import delivery, jobs


def deliver_webhook(delivery_id: int) -> None:
    delivery.attempt(delivery_id)


def run_job(job_id: int) -> None:
    jobs.run(job_id)


def sweep() -> dict[str, int]:
    """Send again what is overdue: work whose message a broker lost, or whose worker died
    holding it. Returns how many of each it sent."""
    from factcheck import queue

    grace = current_app.config["FACTCHECK_QUEUE_SWEEP_GRACE_SECONDS"]
    try:
        due_deliveries = delivery.overdue(db.session, grace_seconds=grace)
        due_jobs = jobs.overdue(db.session, grace_seconds=grace)
    finally:
        db.session.rollback()  # reads only: end the transaction before the jobs run
    for delivery_id in due_deliveries:
        queue.current().send("deliver_webhook", delivery_id)
    for job_id in due_jobs:
        queue.current().send("run_job", job_id)
    return {"deliveries": len(due_deliveries), "jobs": len(due_jobs)}


def register(queue) -> None:
    # Retries here are for failures outside the job's own handling (the database down):
    # the job's row keeps its state, so running it again is safe.
    options = {"max_retries": 10, "min_backoff": 1000, "max_backoff": 60_000}
    queue.register(deliver_webhook, **options)
    queue.register(run_job, **options)
