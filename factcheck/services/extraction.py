"""Claims extracted from articles, stored as submitted claims."""

from dataclasses import dataclass

import sqlalchemy as sa

from factcheck import extraction
from factcheck.extensions import db
from factcheck.models import Article, Claim
from factcheck.services.common import commit, get_or_404


@dataclass(frozen=True)
class ArticleExtraction:
    claims: list[Claim]
    created: int
    skipped: int


def add_claims_from(article: Article) -> ArticleExtraction:
    """Add the article's extracted claims to the session (no commit), skipping stored ones."""
    found = extraction.extract(article.body, publisher=article.publisher)
    stored = {}
    if article.id is not None:
        rows = db.session.scalars(sa.select(Claim).where(Claim.article_id == article.id))
        stored = {(c.span_start, c.span_end, c.text): c for c in rows}
    claims, created = [], 0
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
                language=article.language,
                check_worthiness=item.score,
                status="submitted",
            )
            db.session.add(claim)
            created += 1
        claims.append(claim)
    return ArticleExtraction(claims, created, len(claims) - created)


def extract_article(article_id: int) -> ArticleExtraction:
    result = add_claims_from(get_or_404(Article, article_id))
    commit()
    return result
