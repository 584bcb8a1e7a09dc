from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow


class IdempotencyRecord(db.Model):
    """A creating request made with an Idempotency-Key, and the response it got.

    The row, response included, is written in the same transaction as what the request created,
    so the unique key lets only one of several concurrent retries create anything, and a retry
    can always replay the answer.
    """

    __tablename__ = "idempotency_records"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "key", name="uq_idempotency_records_user_key"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    key: so.Mapped[str] = so.mapped_column(sa.String(255))
    # SHA-256 of method, path and body: the same key with another request is refused.
    request_hash: so.Mapped[str] = so.mapped_column(sa.String(64))
    status: so.Mapped[int | None]
    body: so.Mapped[Any | None] = so.mapped_column(sa.JSON)
    headers: so.Mapped[dict[str, str] | None] = so.mapped_column(sa.JSON)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, index=True)
