"""Claims extracted from articles, stored as submitted claims."""

from dataclasses import dataclass

import sqlalchemy as sa

from factcheck import extraction, languages
from factcheck.extensions import db
from factcheck.models import Article, Claim, User
from factcheck.services import history, outbox


@dataclass(frozen=True)
class ArticleExtraction:
    claims: list[Claim]
    created: int
    skipped: int


def add_claims_from(article: Article, actor: User) -> ArticleExtraction:
    """Add the article's extracted claims to the session (no commit), skipping stored ones."""
    found = extraction.extract(article.body, publisher=article.publisher)
    stored = {}
    if article.id is not None:
        rows = db.session.scalars(sa.select(Claim).where(Claim.article_id == article.id))
        stored = {(c.span_start, c.span_end, c.text): c for c in rows}
    claims, new, created = [], [], 0
    for item in found:
        claim = stored.get((item.start, item.end, item.text))
        if claim is None:
            claim = Claim(
                text=item.text,
                quote=item.quote,
                claimant=item.claimant,
                article=article,
                span_start=item.start,
                span_end=item.end,
                language=article.language or languages.detect(item.text),
                check_worthiness=item.score,
                status="submitted",
                submitted_by_id=actor.id,
            )
            db.session.add(claim)
            created += 1
            new.append(claim)
        claims.append(claim)
    db.session.flush()
    for claim in new:
        history.record(claim.id, actor, "extract", to_status="submitted")
    data = {
        "article": {"id": article.id, "url": outbox.public_url(f"/api/v1/articles/{article.id}")},
        "claims": [outbox.claim_ref(claim.id, claim.status) for claim in claims],
        "created": created,
        "skipped": len(claims) - created,
    }
    outbox.emit(db.session, "article.extracted", f"article:{article.id}", data)
    return ArticleExtraction(claims, created, len(claims) - created)
