from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow

JOB_KINDS = ("extract_article", "match_claims", "match_fact_checks")
JOB_STATUSES = ("queued", "running", "succeeded", "failed")


class Job(db.Model):
    """Background work a request queued: its state is here, the queue only carries its id.

    A job runs in steps; each step commits with the job's `step` and `result`, and only the
    worker holding the current `lease` may commit one, so no step is done twice to completion
    even when a worker presumed dead wakes up.
    """

    __tablename__ = "jobs"
    __table_args__ = (sa.Index("ix_jobs_status_next_attempt_at", "status", "next_attempt_at"),)

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(40))
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default="queued")
    # What to work on: {"article_id": 3}, {"claim_ids": [...]} or {"fact_check_ids": [...]}.
    params: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON)
    step: so.Mapped[int] = so.mapped_column(sa.Integer, default=0)
    steps: so.Mapped[int] = so.mapped_column(sa.Integer, default=1)
    result: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    error: so.Mapped[str | None] = so.mapped_column(sa.Text)
    attempts: so.Mapped[int] = so.mapped_column(sa.Integer, default=0)
    lease: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    locked_until: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    next_attempt_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    created_by_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    started_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    finished_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
