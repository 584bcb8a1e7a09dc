from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow


class Comment(db.Model):
    """Reviewer discussion on a claim. Deleting one leaves a tombstone (deleted_at, no body)."""

    __tablename__ = "comments"
    __table_args__ = (sa.Index("ix_comments_claim_id_id", "claim_id", "id"),)

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE")
    )
    author_id: so.Mapped[int] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    body: so.Mapped[str | None] = so.mapped_column(sa.Text)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    version: so.Mapped[int] = so.mapped_column(default=1)

    author: so.Mapped["User"] = so.relationship(lazy="joined")  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
