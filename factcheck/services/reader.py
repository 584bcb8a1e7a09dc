"""What the reader pages show: our published fact-checks, their corrections, the sitemap and
the Atom feed's entries.

Only our own published fact-checks have pages (publishing.ours: the same set as the ClaimReview
export); imported ones are other organisations' work. Every function here reads a fixed number
of statements, whatever the number of fact-checks it returns.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models import Claim, Verdict
from factcheck.services import fact_checks, publishing
from factcheck.services.pagination import Page, Sort, paginate

LAST_CORRECTED_FIRST = Sort.by(
    "-corrected_at", Claim.corrected_at, descending=True, is_datetime=True
)


@dataclass(frozen=True)
class Correction:
    """A published verdict that replaced an earlier published one of the same fact-check."""

    claim_id: int
    verdict_id: int
    published_at: datetime
    note: str | None
    textual_rating: str
    previous_textual_rating: str


def _corrections(claim_ids: list[int]) -> dict[int, list[Correction]]:
    """Each claim's corrections, oldest first: one statement for all of them."""
    found: dict[int, list[Correction]] = {claim_id: [] for claim_id in claim_ids}
    if not claim_ids:
        return found
    rows = db.session.execute(
        sa.select(
            Verdict.id,
            Verdict.claim_id,
            Verdict.textual_rating,
            Verdict.correction_note,
            Verdict.published_at,
        )
        .where(Verdict.claim_id.in_(claim_ids), Verdict.published_at.is_not(None))
        .order_by(Verdict.claim_id, Verdict.id)
    )
    previous = {}
    for row in rows:
        before = previous.get(row.claim_id)
        if before is not None:
            found[row.claim_id].append(
                Correction(
                    claim_id=row.claim_id,
                    verdict_id=row.id,
                    published_at=row.published_at,
                    note=row.correction_note,
                    textual_rating=row.textual_rating,
                    previous_textual_rating=before.textual_rating,
                )
            )
        previous[row.claim_id] = row
    return found


@dataclass(frozen=True)
class FactCheckPage:
    claim: Claim
    fact_check: dict  # what claimreview.export reads (publishing.fact_check_of)
    claim_review: dict
    corrections: list[Correction]

    @property
    def canonical_url(self) -> str:
        """The review's own address: the desk's article when there is one, else this page."""
        return self.fact_check["url"]


def fact_check_page(claim_id: int, publisher: fact_checks.Organisation) -> FactCheckPage:
    """One of our published fact-checks with its ClaimReview and corrections (NotFound else)."""
    claim = publishing.ours(claim_id)
    fact_check = publishing.fact_check_of(claim, publisher)
    return FactCheckPage(
        claim=claim,
        fact_check=fact_check,
        claim_review=publishing.export(fact_check, publisher),
        corrections=_corrections([claim.id])[claim.id],
    )


def latest(*, limit: int, cursor: str | None) -> Page:
    """Our published fact-checks, newest first, with their published verdicts."""
    return paginate(
        db.session, publishing.listed(), sort=fact_checks.NEWEST_FIRST, id_column=Claim.id,
        limit=limit, cursor=cursor,
    )  # fmt: skip


def corrected(*, limit: int, cursor: str | None) -> tuple[Page, dict[int, list[Correction]]]:
    """Our corrected fact-checks, the last corrected first, and each one's corrections."""
    stmt = publishing.listed().where(Claim.corrected_at.is_not(None))
    page = paginate(
        db.session, stmt, sort=LAST_CORRECTED_FIRST, id_column=Claim.id,
        limit=limit, cursor=cursor,
    )  # fmt: skip
    return page, _corrections([claim.id for claim in page.items])


@dataclass(frozen=True)
class SitemapEntry:
    claim_id: int
    last_modified: datetime


def _with_own_page():
    """Our published fact-checks whose review lives on our page (no article of the desk's)."""
    published = so.aliased(Verdict)
    return (
        sa.select(Claim.id, sa.func.coalesce(Claim.corrected_at, Claim.published_at))
        .join(
            published,
            sa.and_(
                published.claim_id == Claim.id,
                published.id
                == sa.select(sa.func.max(Verdict.id))
                .where(Verdict.claim_id == Claim.id, Verdict.published_at.is_not(None))
                .correlate(Claim)
                .scalar_subquery(),
            ),
        )
        .where(*fact_checks.PUBLISHED, fact_checks.is_ours(), published.article_url.is_(None))
    )


def sitemap_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(_with_own_page().subquery()))


def sitemap_entries(*, offset: int, limit: int) -> list[SitemapEntry]:
    """Fact-checks whose canonical page is ours, oldest first: new ones go to the last sitemap
    file (one that leaves the set moves the later ones back by one)."""
    rows = db.session.execute(_with_own_page().order_by(Claim.id).offset(offset).limit(limit))
    return [SitemapEntry(claim_id, modified) for claim_id, modified in rows]


@dataclass(frozen=True)
class FeedEntries:
    fact_checks: list[Claim]  # newest change first
    corrections: list[Correction]  # newest first
    claims: dict[int, Claim]  # every claim either list names


def feed_entries(limit: int) -> FeedEntries:
    """The `limit` newest changes: fact-checks published or corrected, and corrections."""
    ours = sa.select(Claim.id).where(*fact_checks.PUBLISHED, fact_checks.is_ours())
    newest = ours.order_by(Claim.published_at.desc(), Claim.id.desc()).limit(limit).subquery()
    corrected_last = (
        ours.where(Claim.corrected_at.is_not(None))
        .order_by(Claim.corrected_at.desc(), Claim.id.desc())
        .limit(limit)
        .subquery()
    )
    either = sa.union(sa.select(newest.c.id), sa.select(corrected_last.c.id))
    claims = {
        claim.id: claim
        for claim in db.session.scalars(publishing.listed().where(Claim.id.in_(either)))
    }
    changed = sorted(
        claims.values(), key=lambda c: (c.corrected_at or c.published_at, c.id), reverse=True
    )
    corrections = [
        correction
        for found in _corrections([c.id for c in claims.values() if c.corrected_at]).values()
        for correction in found
    ]
    corrections.sort(key=lambda c: (c.published_at, c.verdict_id), reverse=True)
    return FeedEntries(fact_checks=changed[:limit], corrections=corrections[:limit], claims=claims)
