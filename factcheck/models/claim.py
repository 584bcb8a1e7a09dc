from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow
from factcheck.models.verdict import Verdict

STATUSES = ("submitted", "in_review", "verdict_proposed", "approved", "published", "rejected")


class Claim(db.Model):
    __tablename__ = "claims"
    # Every list filter is paired with the keyset sort (created_at, id) so a filtered page is
    # an index range scan, however deep the cursor.
    __table_args__ = (
        sa.CheckConstraint(
            "(span_start IS NULL) = (span_end IS NULL) AND "
            "(span_start IS NULL OR (span_start >= 0 AND span_end > span_start))",
            name="span",
        ),
        sa.CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"
        ),
        sa.Index("ix_claims_created_at_id", "created_at", "id"),
        sa.Index("ix_claims_check_worthiness_id", "check_worthiness", "id"),
        sa.Index("ix_claims_status_created_at", "status", "created_at", "id"),
        sa.Index("ix_claims_claimant_created_at", "claimant", "created_at", "id"),
        sa.Index("ix_claims_article_id_created_at", "article_id", "created_at", "id"),
        sa.Index("ix_claims_rating_created_at", "rating", "created_at", "id"),
        sa.Index("ix_claims_language_created_at", "language", "created_at", "id"),
        sa.Index("ix_claims_assignee_id_created_at", "assignee_id", "created_at", "id"),
        sa.Index("ix_claims_submitted_by_id_created_at", "submitted_by_id", "created_at", "id"),
        sa.Index("ix_claims_queue", "status", "priority", "check_worthiness", "id"),
        sa.Index("ix_claims_published_at_id", "published_at", "id"),
        # The corrections page and the Atom feed: the last corrected first.
        sa.Index("ix_claims_corrected_at_id", "corrected_at", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    quote: so.Mapped[str | None] = so.mapped_column(sa.Text)
    claimant: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    claim_date: so.Mapped[date | None] = so.mapped_column(sa.Date)
    article_id: so.Mapped[int | None] = so.mapped_column(
        BigId, sa.ForeignKey("articles.id", ondelete="RESTRICT")
    )
    span_start: so.Mapped[int | None]
    span_end: so.Mapped[int | None]
    appearance_url: so.Mapped[str | None] = so.mapped_column(sa.String(2048))
    language: so.Mapped[str | None] = so.mapped_column(sa.String(35))
    check_worthiness: so.Mapped[float | None]
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default="submitted")
    # Rating of the newest verdict, kept by the verdict service so `rating=` filters use an index.
    rating: so.Mapped[str | None] = so.mapped_column(sa.String(20))
    # Review queue order: higher first, then the more check-worthy.
    priority: so.Mapped[int] = so.mapped_column(default=0)
    submitted_by_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    assignee_id: so.Mapped[int | None] = so.mapped_column(BigId, sa.ForeignKey("users.id"))
    published_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # Set when a published fact-check is reopened and published again.
    corrected_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    deleted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: so.Mapped[int] = so.mapped_column(default=1)

    article: so.Mapped["Article | None"] = so.relationship(  # noqa: F821
        back_populates="claims", lazy="raise"
    )
    tag_rows: so.Mapped[list["ClaimTag"]] = so.relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ClaimTag.tag",
        lazy="selectin",
    )
    sources: so.Mapped[list["Source"]] = so.relationship(  # noqa: F821
        back_populates="claim",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Source.id",
        lazy="selectin",
    )
    verdicts: so.WriteOnlyMapped[Verdict] = so.relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True
    )
    # The newest verdict; loaded for a whole page of claims in one query.
    current_verdict: so.Mapped[Verdict | None] = so.relationship(
        primaryjoin=lambda: sa.and_(
            Claim.id == Verdict.claim_id, Verdict.id == _newest_verdict_id()
        ),
        viewonly=True,
        uselist=False,
        lazy="selectin",
    )

    # Set for fact-checks imported from another organisation's ClaimReview.
    external_review: so.Mapped["ExternalReview | None"] = so.relationship(  # noqa: F821
        lazy="raise", viewonly=True
    )
    # The newest verdict that was published: what readers see, even while a correction is
    # under way. Loaded on demand (the public fact-check views ask for it).
    published_verdict: so.Mapped[Verdict | None] = so.relationship(
        primaryjoin=lambda: sa.and_(
            Claim.id == Verdict.claim_id, Verdict.id == _newest_verdict_id(published=True)
        ),
        viewonly=True,
        uselist=False,
        lazy="raise",
    )

    # Published fact-checks this claim repeats (repeat-claim alerts), best first.
    matches: so.Mapped[list["ClaimMatch"]] = so.relationship(  # noqa: F821
        foreign_keys="ClaimMatch.claim_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(ClaimMatch.score.desc(), ClaimMatch.fact_check_id)",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]

    @tags.setter
    def tags(self, values: list[str]) -> None:
        wanted = list(dict.fromkeys(values))
        kept = {row.tag: row for row in self.tag_rows if row.tag in wanted}
        self.tag_rows = [kept.get(tag) or ClaimTag(tag=tag) for tag in wanted]


class ClaimTag(db.Model):
    __tablename__ = "claim_tags"
    __table_args__ = (sa.Index("ix_claim_tags_tag_claim_id", "tag", "claim_id"),)

    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    tag: so.Mapped[str] = so.mapped_column(sa.String(50), primary_key=True)


def _newest_verdict_id(published: bool = False):
    other = so.aliased(Verdict)
    newest = sa.select(sa.func.max(other.id)).where(other.claim_id == Verdict.claim_id)
    if published:
        newest = newest.where(other.published_at.is_not(None))
    return newest.correlate(Verdict).scalar_subquery()
