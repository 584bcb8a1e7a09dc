"""Our published fact-checks as schema.org ClaimReview JSON-LD, one by one or as a feed.

Imported fact-checks are other organisations' work: they are searchable here but never
republished under our name.
"""

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck import claimreview
from factcheck.errors import NotFound
from factcheck.extensions import db
from factcheck.models import Article, Claim, ExternalReview
from factcheck.services import fact_checks
from factcheck.services.pagination import Page, paginate


def _ours():
    return fact_checks.published_claims().where(
        ~sa.exists().where(ExternalReview.claim_id == Claim.id)
    )


# What no published view of ours shows: reviewers' repeat-claim alerts, the unpublished verdict.
_UNSHOWN = (so.raiseload(Claim.matches), so.raiseload(Claim.current_verdict))


def listed():
    """Our published fact-checks as lists show them: claim, published verdict and tags."""
    return _ours().options(*_UNSHOWN, so.raiseload(Claim.sources))


def _article_urls(claims: list[Claim]) -> dict[int, str]:
    ids = {claim.article_id for claim in claims if claim.article_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(sa.select(Article.id, Article.url).where(Article.id.in_(ids)))
    return {article_id: url for article_id, url in rows if url}


def _fact_check(claim: Claim, article_url: str | None, publisher: fact_checks.Organisation) -> dict:
    verdict = claim.published_verdict
    return {
        "id": claim.id,
        "url": fact_checks.review_url(claim, publisher),
        "text": claim.text,
        "quote": claim.quote,
        "claimant": claim.claimant,
        "claim_date": claim.claim_date,
        "appearance_url": claim.appearance_url,
        "article_url": article_url,
        "language": claim.language,
        "tags": claim.tags,
        "published_at": claim.published_at,
        "corrected_at": claim.corrected_at,
        "verdict": {
            "rating": verdict.rating,
            "rating_value": verdict.rating_value,
            "textual_rating": verdict.textual_rating,
            "summary": verdict.summary,
            "published_at": verdict.published_at,
        },
        "sources": [
            {
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "stance": s.stance,
                "excerpt": s.excerpt,
            }
            for s in claim.sources
        ],  # fmt: skip
    }


def ours(claim_id: int) -> Claim:
    """One of our published fact-checks, with its published verdict and sources."""
    claim = db.session.scalar(_ours().options(*_UNSHOWN).where(Claim.id == claim_id))
    if claim is None:
        raise NotFound(f"Fact-check {claim_id} is not one of ours that is published.")
    return claim


def fact_check_of(claim: Claim, publisher: fact_checks.Organisation) -> dict:
    """The plain dict claimreview.export reads, for a claim `ours` loaded."""
    return _fact_check(claim, _article_urls([claim]).get(claim.article_id), publisher)


def export(fact_check: dict, publisher: fact_checks.Organisation) -> dict:
    return claimreview.export(fact_check, organisation=publisher.as_author, url=fact_check["url"])


def claim_review(claim_id: int, publisher: fact_checks.Organisation) -> dict:
    return export(fact_check_of(ours(claim_id), publisher), publisher)


def feed_page(
    publisher: fact_checks.Organisation, *, limit: int, cursor: str | None
) -> tuple[list[dict], Page]:
    """One page of our published fact-checks, newest first, ready for claimreview.feed."""
    stmt = _ours().options(so.selectinload(Claim.sources))
    page = paginate(
        db.session, stmt, sort=fact_checks.NEWEST_FIRST, id_column=Claim.id,
        limit=limit, cursor=cursor,
    )  # fmt: skip
    articles = _article_urls(page.items)
    items = [_fact_check(c, articles.get(c.article_id), publisher) for c in page.items]
    return items, page
