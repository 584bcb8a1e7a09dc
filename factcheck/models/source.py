from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow

STANCES = ("supports", "refutes", "context", "mixed")


class Source(db.Model):
    """A piece of evidence gathered for a claim, and where it points."""

    __tablename__ = "sources"
    __table_args__ = (
        sa.CheckConstraint(
            "stance IN (" + ", ".join(f"'{s}'" for s in STANCES) + ")", name="stance"
        ),
        sa.Index("ix_sources_claim_id_id", "claim_id", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE")
    )
    url: so.Mapped[str] = so.mapped_column(sa.String(2048))
    title: so.Mapped[str | None] = so.mapped_column(sa.String(500))
    publisher: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    published_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    stance: so.Mapped[str] = so.mapped_column(sa.String(10))
    excerpt: so.Mapped[str | None] = so.mapped_column(sa.Text)
    accessed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: so.Mapped[int] = so.mapped_column(default=1)

    claim: so.Mapped["Claim"] = so.relationship(back_populates="sources", lazy="raise")  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
