"""Published fact-checks: what anonymous readers and frontends see.

A fact-check shows the last verdict that was published, so reopening a claim for a correction
leaves the published verdict up until the corrected one is published. The claim's own fields and
its sources are shown as they stand: an edit made during a correction is public at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.errors import NotFound
from factcheck.extensions import db
from factcheck.models import Claim, ExternalReview, Verdict
from factcheck.services import claims, documents, outbox
from factcheck.services.pagination import Page, Sort, paginate
from factcheck.urls import is_http_url, site_of

NEWEST_FIRST = Sort.by("-published_at", Claim.published_at, descending=True, is_datetime=True)


# A fact-check with the verdict it was published with and, if imported, where from.
WHOLE = (so.selectinload(Claim.published_verdict), so.selectinload(Claim.external_review))
# Claims readers can see as fact-checks (documents.is_fact_check says the same).
PUBLISHED = (
    Claim.published_at.is_not(None),
    Claim.deleted_at.is_(None),
    Claim.status != "rejected",
)


def published_claims():
    """Fact-checks, loaded with what they show."""
    return sa.select(Claim).options(*WHOLE).where(*PUBLISHED)


def get(claim_id: int) -> Claim:
    claim = db.session.scalar(published_claims().where(Claim.id == claim_id))
    if claim is None:
        raise NotFound(f"Fact-check {claim_id} does not exist.")
    return claim


def url_of(claim_id: int, review_url: str | None = None) -> str:
    """Where a fact-check is read, as its ClaimReview `url` says: the publisher's review for an
    imported one, the desk's own article when the verdict names one, else our reader page."""
    return review_url or outbox.public_url(f"/fact-checks/{claim_id}")


@dataclass(frozen=True)
class Summary:
    """A fact-check as a match or an alert names it: its published rating, where it is read
    and when it was published."""

    rating: str
    rating_value: int | None
    textual_rating: str
    url: str
    published_at: datetime


def summaries(claim_ids) -> dict[int, Summary]:
    """The Summary of each of these claims that is a fact-check, in one query."""
    if not claim_ids:
        return {}
    stmt = (
        sa.select(
            Claim.id, Claim.published_at, Verdict.rating, Verdict.rating_value,
            Verdict.textual_rating, Verdict.article_url, ExternalReview.url,
        )
        .join(Claim.published_verdict)
        .outerjoin(Claim.external_review)
        .where(Claim.id.in_(sorted(set(claim_ids))), *PUBLISHED)
    )  # fmt: skip
    return {
        row.id: Summary(
            rating=row.rating,
            rating_value=row.rating_value,
            textual_rating=row.textual_rating,
            url=url_of(row.id, row.url or row.article_url),
            published_at=row.published_at,
        )
        for row in db.session.execute(stmt)
    }


def list_fact_checks(filters: dict, *, limit: int, cursor: str | None) -> Page:
    """A page of fact-checks as rows of documents.listed."""
    stmt, sort = documents.listed().where(*PUBLISHED), NEWEST_FIRST
    for field in ("language", "claimant"):
        if field in filters:
            stmt = stmt.where(getattr(Claim, field) == filters[field])
    if "q" in filters:  # last: the search ranks only what passes the other filters
        stmt, sort = claims.by_relevance(stmt, filters["q"], language=filters.get("language"))
    return paginate(
        db.session, stmt, sort=sort, id_column=Claim.id, limit=limit, cursor=cursor, rows=True
    )


@dataclass(frozen=True)
class Organisation:
    """Who publishes this desk's fact-checks; `url_of(claim_id)` is a fact-check's public URL."""

    name: str
    url: str | None
    site: str | None
    url_of: Callable[[int], str]

    @property
    def as_author(self) -> dict:
        return {"name": self.name, "url": self.url}


# Who published a review, for rendering our own before the request that reads it says so.
UNNAMED = Organisation(name=None, url=None, site=None, url_of=lambda _claim_id: None)


def search_like_google(params: dict, organisation: Organisation) -> Page:
    """Published fact-checks, ours and imported, as rows of documents.listed: the page Google
    Fact Check Tools' claims:search would answer."""
    stmt, sort = documents.listed().where(*PUBLISHED), NEWEST_FIRST
    if "language_code" in params:
        code = params["language_code"].lower()
        stmt = stmt.where(
            sa.or_(
                sa.func.lower(Claim.language) == code,
                sa.func.lower(Claim.language).like(f"{code}-%"),
            )
        )
    if "review_publisher_site_filter" in params:
        site = params["review_publisher_site_filter"].lower()
        imported_from_site = sa.select(ExternalReview.claim_id).where(
            sa.or_(
                ExternalReview.publisher_site == site,
                ExternalReview.publisher_site.like(f"%.{site}"),
            )
        )
        ours = organisation.site is not None and _same_site(organisation.site, site)
        stmt = stmt.where(
            sa.or_(Claim.id.in_(imported_from_site), is_ours() if ours else sa.false())
        )
    if "max_age_days" in params:
        since = datetime.now(UTC) - timedelta(days=params["max_age_days"])
        stmt = stmt.where(sa.func.coalesce(Claim.corrected_at, Claim.published_at) >= since)
    if "query" in params:  # last: the search ranks only what passes the other filters
        stmt, sort = claims.by_relevance(
            stmt, params["query"], language=params.get("language_code")
        )
    return paginate(
        db.session, stmt, sort=sort, id_column=Claim.id,
        limit=params["page_size"], cursor=params.get("page_token"), rows=True,
    )  # fmt: skip


def is_ours():
    """Our own fact-checks: those no import made."""
    return ~sa.exists().where(ExternalReview.claim_id == Claim.id)


def _same_site(ours: str, asked: str) -> bool:
    return ours == asked or ours.endswith("." + asked)


def _imported_site(external: ExternalReview) -> str | None:
    """The site an imported review was published on, shown only as a real host name.

    The import keeps the host of whatever the publisher's markup calls its URL, and the
    parser reads a host even out of `javascript:alert(1)` ("javascript"). Only a dotted name
    that makes an http(s) URL is shown; otherwise the host of the review's own URL, which the
    import checked with is_http_url, and None if even that fails.
    """
    site = external.publisher_site
    if site and "." in site and is_http_url(f"https://{site}/"):
        return site
    return site_of(external.url)


def review_url(claim: Claim, publisher: Organisation) -> str | None:
    """Where our review is read: the desk's own article when its published verdict names one,
    else the publisher's page for the fact-check (our reader page)."""
    verdict = claim.published_verdict
    return (verdict.article_url if verdict else None) or publisher.url_of(claim.id)


def as_google_claim(claim: Claim, organisation: Organisation) -> dict:
    verdict = claim.published_verdict
    external = claim.external_review
    if external is not None:
        review = {
            "publisher": {"name": external.publisher_name, "site": _imported_site(external)},
            "url": external.url,
            "title": external.title,
            "review_date": external.reviewed_at or claim.published_at,
            "language_code": external.language or claim.language,
        }
    else:
        review = {
            # Stored documents are rendered with UNNAMED: no publisher, and no URL unless the
            # desk's own article is the review; who we are and our page are filled in when read.
            "publisher": None
            if organisation is UNNAMED
            else {"name": organisation.name, "site": organisation.site},
            "url": review_url(claim, organisation),
            "title": claim.text,
            "review_date": claim.corrected_at or claim.published_at,
            "language_code": claim.language,
        }
    review["textual_rating"] = verdict.textual_rating if verdict else None
    claim_date = (
        datetime.combine(claim.claim_date, time(), tzinfo=UTC) if claim.claim_date else None
    )
    return {
        "text": claim.text,
        "claimant": claim.claimant,
        "claim_date": claim_date,
        "claim_review": [review],
    }
