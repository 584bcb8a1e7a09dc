"""Claim matching against stored claims: full-text search gathers candidates, the matcher
(`factcheck.matching`) scores them and refuses contradictions."""

from dataclasses import dataclass

import sqlalchemy as sa

from factcheck import matching, search
from factcheck.extensions import db
from factcheck.models import Claim, User
from factcheck.services import claims, fact_checks

# Full-text search narrows millions of claims to the hundred most relevant, which the matcher
# scores in a few milliseconds (tokenising a text it has not seen costs about 0.2 ms).
CANDIDATES = 100


@dataclass(frozen=True)
class Similar:
    claim: Claim
    score: float
    reasons: tuple[str, ...]


def _ranked(text: str, stmt, *, limit: int, min_score: float | None = None) -> list[Similar]:
    found = search.ranked(db.session, text, any_term=True)
    if found is None:
        return []
    stmt = (
        stmt.join(found, found.c.claim_id == Claim.id)
        .order_by(found.c.relevance.desc())
        .limit(CANDIDATES)
    )
    by_id = {claim.id: claim for claim in db.session.scalars(stmt)}
    options = {} if min_score is None else {"min_score": min_score}
    candidates = [matching.Candidate(claim.id, claim.text) for claim in by_id.values()]
    return [
        Similar(by_id[match.id], match.score, match.reasons)
        for match in matching.rank(text, candidates, limit=limit, **options)
    ]


def checked_claims_like(text: str, *, limit: int = 10, exclude_id: int | None = None):
    """Published fact-checks (ours and imported) that state what `text` states, best first."""
    stmt = fact_checks.published_claims()
    if exclude_id is not None:
        stmt = stmt.where(Claim.id != exclude_id)
    return _ranked(text, stmt, limit=limit)


def similar_to(claim_id: int, actor: User, *, limit: int = 10) -> list[Similar]:
    claim = claims.get(claim_id, actor)
    return checked_claims_like(claim.text, limit=limit, exclude_id=claim.id)


def likely_duplicates(claim: Claim, actor: User, *, limit: int = 5) -> list[Similar]:
    """Claims the actor can see, in any status, that a new claim probably repeats."""
    stmt = claims.visible(sa.select(Claim), actor).where(Claim.id != claim.id)
    return _ranked(claim.text, stmt, limit=limit, min_score=matching.DUPLICATE_SCORE)
