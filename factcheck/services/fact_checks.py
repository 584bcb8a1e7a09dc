"""Published fact-checks: what anonymous readers and frontends see.

A fact-check shows the last verdict that was published, so reopening a claim for a correction
leaves the published version up until the corrected one is published.
"""

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.errors import NotFound
from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.services import claims
from factcheck.services.pagination import Page, Sort, paginate

NEWEST_FIRST = Sort.by("-published_at", Claim.published_at, descending=True, is_datetime=True)


def _published():
    return (
        sa.select(Claim)
        .options(so.selectinload(Claim.published_verdict))
        .where(
            Claim.published_at.is_not(None),
            Claim.deleted_at.is_(None),
            Claim.status != "rejected",
        )
    )


def get(claim_id: int) -> Claim:
    claim = db.session.scalar(_published().where(Claim.id == claim_id))
    if claim is None:
        raise NotFound(f"Fact-check {claim_id} does not exist.")
    return claim


def list_fact_checks(filters: dict, *, limit: int, cursor: str | None) -> Page:
    stmt, sort = _published(), NEWEST_FIRST
    if "q" in filters:
        stmt, sort = claims.by_relevance(stmt, filters["q"])
    for field in ("language", "claimant"):
        if field in filters:
            stmt = stmt.where(getattr(Claim, field) == filters[field])
    return paginate(db.session, stmt, sort=sort, id_column=Claim.id, limit=limit, cursor=cursor)
