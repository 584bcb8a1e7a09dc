from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow

# The closed rating scale and its schema.org ratingValue (5 best, 1 worst). Ratings that say
# nothing about truth on that axis have no value.
RATING_VALUES: dict[str, int | None] = {
    "true": 5,
    "mostly_true": 4,
    "half_true": 3,
    "mostly_false": 2,
    "false": 1,
    "misleading": 2,
    "unverifiable": None,
}
RATINGS = tuple(RATING_VALUES)
DEFAULT_TEXTUAL_RATINGS = {
    "true": "True",
    "mostly_true": "Mostly true",
    "half_true": "Half true",
    "mostly_false": "Mostly false",
    "false": "False",
    "misleading": "Misleading",
    "unverifiable": "Unverifiable",
}


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
    author_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    approved_by_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    approved_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    published_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: so.Mapped[int] = so.mapped_column(default=1)

    claim: so.Mapped["Claim"] = so.relationship(back_populates="verdicts", lazy="raise")  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
