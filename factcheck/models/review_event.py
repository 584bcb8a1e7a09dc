from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow


class ReviewEvent(db.Model):
    """One entry of a claim's append-only audit history.

    `claim_id` has no foreign key on purpose: the history outlives a hard-deleted claim.
    """

    __tablename__ = "review_events"
    __table_args__ = (sa.Index("ix_review_events_claim_id_id", "claim_id", "id"),)

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    claim_id: so.Mapped[int] = so.mapped_column(BigId)
    actor_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    action: so.Mapped[str] = so.mapped_column(sa.String(40))
    # What the action touched: the claim itself, or one of its sources, verdicts or comments.
    entity: so.Mapped[str] = so.mapped_column(sa.String(20))
    entity_id: so.Mapped[int | None] = so.mapped_column(BigId)
    from_status: so.Mapped[str | None] = so.mapped_column(sa.String(20))
    to_status: so.Mapped[str | None] = so.mapped_column(sa.String(20))
    # {field: {"before": ..., "after": ...}} for the fields that changed.
    changes: so.Mapped[dict[str, Any] | None] = so.mapped_column(sa.JSON)
    note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    actor: so.Mapped["User | None"] = so.relationship(lazy="joined")  # noqa: F821
