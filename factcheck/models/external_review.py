from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow


class ExternalReview(db.Model):
    """Where an imported fact-check was published: another organisation's ClaimReview.

    The claim it belongs to holds the text, claimant and verdict; this row keeps the review's
    own URL, publisher and date so search answers as the original does. A review page may check
    several claims, so the import key is the URL with the claim text (`review_key`).
    """

    __tablename__ = "external_reviews"
    __table_args__ = (
        sa.Index("ix_external_reviews_publisher_site", "publisher_site"),
        sa.Index("ix_external_reviews_url", "url"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), unique=True
    )
    url: so.Mapped[str] = so.mapped_column(sa.String(2048))
    # SHA-256 of the review URL and the claim text: what makes an import idempotent.
    review_key: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    title: so.Mapped[str | None] = so.mapped_column(sa.String(500))
    publisher_name: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    publisher_site: so.Mapped[str | None] = so.mapped_column(sa.String(255))
    language: so.Mapped[str | None] = so.mapped_column(sa.String(35))
    reviewed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    imported_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
