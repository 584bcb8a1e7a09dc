from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow

DELIVERY_STATUSES = ("pending", "succeeded", "failed")


class WebhookSubscription(db.Model):
    """A URL that receives the events of the types it chose, signed with its own secret."""

    __tablename__ = "webhook_subscriptions"

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    url: so.Mapped[str] = so.mapped_column(sa.String(2048))
    description: so.Mapped[str | None] = so.mapped_column(sa.String(500))
    event_types: so.Mapped[list[str]] = so.mapped_column(sa.JSON)
    # The signing key ("whsec_" + base64): the service must sign with it, so it is kept as is;
    # the API shows it once, when the subscription is created.
    secret: so.Mapped[str] = so.mapped_column(sa.String(100))
    active: so.Mapped[bool] = so.mapped_column(sa.Boolean, default=True)
    disabled_reason: so.Mapped[str | None] = so.mapped_column(sa.Text)
    disabled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_by_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    version: so.Mapped[int] = so.mapped_column(sa.Integer, default=1)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}


class WebhookDelivery(db.Model):
    """One event on its way to one subscription: attempted until the receiver answers 2xx or
    the retry schedule runs out. `locked_until` is the lease of the worker sending it."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.UniqueConstraint("subscription_id", "event_id"),
        # The delivery log (newest first) and the "anything earlier still pending?" check.
        sa.Index("ix_webhook_deliveries_subscription_id_id", "subscription_id", "id"),
        sa.Index(
            "ix_webhook_deliveries_pending",
            "subscription_id",
            "ordering_key",
            "event_id",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        ),  # fmt: skip
        sa.Index("ix_webhook_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    subscription_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("webhook_subscriptions.id", ondelete="CASCADE")
    )
    event_id: so.Mapped[int] = so.mapped_column(BigId, sa.ForeignKey("outbox_events.id"))
    ordering_key: so.Mapped[str] = so.mapped_column(sa.String(40))
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default="pending")
    attempts: so.Mapped[int] = so.mapped_column(sa.Integer, default=0)
    next_attempt_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    locked_until: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    last_attempt_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    response_status: so.Mapped[int | None] = so.mapped_column(sa.Integer)
    # Why the last attempt failed (a status, a timeout, a refused address), or None.
    last_error: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # Each attempt: {"at", "status" or "error", "duration_ms"}; bounded by the schedule.
    attempt_log: so.Mapped[list[dict[str, Any]]] = so.mapped_column(sa.JSON, default=list)
    delivered_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    event: so.Mapped["OutboxEvent"] = so.relationship(lazy="selectin")  # noqa: F821
