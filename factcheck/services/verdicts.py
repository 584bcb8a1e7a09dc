"""Verdicts: each new one becomes the claim's current verdict; older ones stay as history."""

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import DEFAULT_TEXTUAL_RATINGS, RATING_VALUES, Claim, Verdict
from factcheck.services import claims
from factcheck.services.common import commit, get_or_404
from factcheck.services.pagination import Page, Sort, paginate

NEWEST_FIRST = Sort("-id", Verdict.id, descending=True)


def create(claim_id: int, data: dict) -> Verdict:
    # The lock orders concurrent verdicts: the last committed is the newest and sets `rating`.
    claim = claims.get(claim_id, for_update=True)
    rating = data["rating"]
    verdict = Verdict(
        claim=claim,
        rating=rating,
        rating_value=RATING_VALUES[rating],
        textual_rating=data.get("textual_rating") or DEFAULT_TEXTUAL_RATINGS[rating],
        summary=data.get("summary"),
    )
    db.session.add(verdict)
    claims.touch(claim_id, rating=rating)
    commit()
    return verdict


def get(verdict_id: int) -> Verdict:
    return get_or_404(Verdict, verdict_id)


def list_for_claim(claim_id: int, *, limit: int, cursor: str | None) -> Page:
    get_or_404(Claim, claim_id)
    stmt = sa.select(Verdict).where(Verdict.claim_id == claim_id)
    return paginate(
        db.session, stmt, sort=NEWEST_FIRST, id_column=Verdict.id, limit=limit, cursor=cursor
    )
