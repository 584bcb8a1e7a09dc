import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow

EVENT_TYPES = (
    "claim.submitted",
    "claim.assigned",
    "verdict.proposed",
    "fact_check.published",
    "fact_check.corrected",
    "claim.deleted",
    "article.extracted",
    "claim.matched",
)


class OutboxEvent(db.Model):
    """Something that happened, written in the transaction that made it happen: an event exists
    if and only if its change committed. Deliveries to webhook subscriptions are made from here.

    `body` is the exact JSON text every subscription receives for it, retries included (the
    signature covers these bytes). `ordering_key` ("claim:12", "article:3") names the resource
    whose events each subscription receives in commit order.
    """

    __tablename__ = "outbox_events"
    __table_args__ = (sa.Index("ix_outbox_events_type_id", "type", "id"),)

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    # The Standard Webhooks message id (webhook-id header): the same on every retry.
    uid: so.Mapped[str] = so.mapped_column(sa.String(40), unique=True)
    type: so.Mapped[str] = so.mapped_column(sa.String(40))
    ordering_key: so.Mapped[str] = so.mapped_column(sa.String(40))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.body)
