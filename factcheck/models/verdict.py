from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow
from factcheck.ratings import RATINGS


class Verdict(db.Model):
    """A rating reached for a claim; a newer verdict supersedes it and it stays as history."""

    __tablename__ = "verdicts"
    __table_args__ = (
        sa.CheckConstraint(
            "rating IN (" + ", ".join(f"'{r}'" for r in RATINGS) + ")", name="rating"
        ),
        sa.Index("ix_verdicts_claim_id_id", "claim_id", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE")
    )
    rating: so.Mapped[str] = so.mapped_column(sa.String(20))
    rating_value: so.Mapped[int | None]
    textual_rating: so.Mapped[str] = so.mapped_column(sa.String(100))
    summary: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # The desk's own article presenting this fact-check: the ClaimReview `url` when given,
    # else our reader page (/fact-checks/{id}).
    article_url: so.Mapped[str | None] = so.mapped_column(sa.String(2048))
    # For readers, when this verdict corrects a published one: what changed and why.
    correction_note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    author_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    approved_by_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    approved_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    published_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: so.Mapped[int] = so.mapped_column(default=1)

    claim: so.Mapped["Claim"] = so.relationship(back_populates="verdicts", lazy="raise")  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
