"""Claim matching against stored claims: full-text search gathers a bounded set of candidates
(search.candidates), the matcher
(`factcheck.matching`) scores them and refuses contradictions."""

from dataclasses import dataclass

import sqlalchemy as sa

from factcheck import matching, search
from factcheck.extensions import db
from factcheck.models import Claim, User
from factcheck.services import claims, fact_checks

# Full-text search narrows millions of claims to the hundred sharing most words, which the
# matcher scores in a few milliseconds (tokenising a text it has not seen costs about 0.2 ms).
CANDIDATES = 100


@dataclass(frozen=True)
class Similar:
    claim: sa.Row  # id, text, claimant and status: what a match shows
    score: float
    reasons: tuple[str, ...]


def _ranked(text: str, among, *, limit: int, min_score: float | None = None) -> list[Similar]:
    """Claims meeting `among` (a condition on claims) that state what `text` states."""
    found = search.candidates(db.session, text, limit=CANDIDATES, among=among)
    if found is None:
        return []
    rows = db.session.execute(
        sa.select(Claim.id, Claim.text, Claim.claimant, Claim.status).join(
            found, found.c.claim_id == Claim.id
        )
    )
    by_id = {row.id: row for row in rows}
    options = {} if min_score is None else {"min_score": min_score}
    candidates = [matching.Candidate(row.id, row.text) for row in by_id.values()]
    return [
        Similar(by_id[match.id], match.score, match.reasons)
        for match in matching.rank(text, candidates, limit=limit, **options)
    ]


def checked_claims_like(text: str, *, limit: int = 10, exclude_id: int | None = None):
    """Published fact-checks (ours and imported) that state what `text` states, best first."""
    stmt = fact_checks.published_claims()
    if exclude_id is not None:
        stmt = stmt.where(Claim.id != exclude_id)
    return _ranked(text, stmt.whereclause, limit=limit)


def similar_to(claim_id: int, actor: User, *, limit: int = 10) -> list[Similar]:
    claim = claims.get(claim_id, actor)
    return checked_claims_like(claim.text, limit=limit, exclude_id=claim.id)


def likely_duplicates(text: str, actor: User, *, limit: int = 5) -> list[Similar]:
    """Stored claims the actor can see, in any status, that a claim with `text` probably
    repeats. Run before the new claim is stored: it reads only, so on SQLite it holds no
    write lock while the matcher works."""
    among = claims.visible(sa.select(Claim), actor).whereclause
    return _ranked(text, among, limit=limit, min_score=matching.DUPLICATE_SCORE)
