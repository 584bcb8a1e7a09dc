from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow


class Article(db.Model):
    __tablename__ = "articles"
    __table_args__ = (
        sa.Index("ix_articles_created_at_id", "created_at", "id"),
        sa.Index("ix_articles_publisher_created_at", "publisher", "created_at", "id"),
        sa.Index("ix_articles_language_created_at", "language", "created_at", "id"),
        sa.Index("ix_articles_submitted_by_id_created_at", "submitted_by_id", "created_at", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    # Unique when given; several articles may have no URL (pasted text).
    url: so.Mapped[str | None] = so.mapped_column(sa.String(2048), unique=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(500))
    publisher: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    author: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    published_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    language: so.Mapped[str | None] = so.mapped_column(sa.String(35))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    # SHA-256 of the normalised body: the same story sent twice is stored once.
    content_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    submitted_by_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    deleted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: so.Mapped[int] = so.mapped_column(default=1)

    claims: so.WriteOnlyMapped["Claim"] = so.relationship(  # noqa: F821
        back_populates="article", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}
