from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow


class ClaimMatch(db.Model):
    """A published fact-check that a claim repeats (a repeat-claim alert): found in the
    background when the claim arrives, at or above the matcher's DUPLICATE_SCORE."""

    __tablename__ = "claim_matches"
    __table_args__ = (sa.Index("ix_claim_matches_fact_check_id", "fact_check_id"),)

    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    fact_check_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    score: so.Mapped[float] = so.mapped_column(sa.Float)
    # The fact-check as the alert shows it; matched again when the fact-check is corrected.
    rating: so.Mapped[str] = so.mapped_column(sa.String(40))
    url: so.Mapped[str | None] = so.mapped_column(sa.String(2048))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
