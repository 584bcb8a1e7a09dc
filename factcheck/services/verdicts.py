"""Verdicts: each new one becomes the claim's current verdict; older ones stay as history."""

import sqlalchemy as sa

from factcheck.errors import Conflict, NotFound
from factcheck.extensions import db
from factcheck.models import User, Verdict
from factcheck.ratings import DEFAULT_TEXTUAL_RATINGS, RATING_VALUES
from factcheck.services import claims, history
from factcheck.services.common import commit, require_version, retry_on_conflict
from factcheck.services.pagination import Page, Sort, paginate

NEWEST_FIRST = Sort.by("-id", Verdict.id, descending=True)
RECORDED_FIELDS = ("rating", "textual_rating", "summary")


def _rated(rating: str, textual_rating: str | None) -> dict:
    return {
        "rating": rating,
        "rating_value": RATING_VALUES[rating],
        "textual_rating": textual_rating or DEFAULT_TEXTUAL_RATINGS[rating],
    }


def create(claim_id: int, data: dict, actor: User) -> Verdict:
    # The row lock orders concurrent verdicts: the last committed is the newest and sets `rating`.
    claim = claims.get(claim_id, actor, for_update=True)
    claims.require_open(claim, "record a verdict")
    verdict = Verdict(
        claim_id=claim.id,
        author_id=actor.id,
        summary=data.get("summary"),
        **_rated(data["rating"], data.get("textual_rating")),
    )
    db.session.add(verdict)
    db.session.flush()
    history.record(
        claim.id, actor, "add_verdict", entity="verdict", entity_id=verdict.id,
        changes=history.snapshot(verdict, RECORDED_FIELDS),
    )  # fmt: skip
    claims.touch(claim.id, rating=verdict.rating)
    commit()
    return verdict


def get(verdict_id: int, actor: User) -> Verdict:
    verdict = db.session.get(Verdict, verdict_id)
    if verdict is None:
        raise NotFound(f"Verdict {verdict_id} does not exist.")
    claims.get(verdict.claim_id, actor)
    return verdict


@retry_on_conflict
def update(
    verdict_id: int, changes: dict, actor: User, *, expected_version: int | None = None
) -> Verdict:
    """Revise the current verdict while the claim is still being reviewed."""
    verdict = get(verdict_id, actor)
    require_version(verdict, expected_version)
    claim = claims.get(verdict.claim_id, actor)
    claims.require_open(claim, "revise the verdict")
    if claim.current_verdict is None or claim.current_verdict.id != verdict.id:
        raise Conflict("Only the current verdict can be revised; add a new verdict instead.")
    if "rating" in changes or "textual_rating" in changes:
        rating = changes.get("rating", verdict.rating)
        textual = changes.get("textual_rating")
        if textual is None and "rating" not in changes:
            textual = verdict.textual_rating
        changes = {**changes, **_rated(rating, textual)}
    diff = history.changes(verdict, changes)
    for field, value in changes.items():
        setattr(verdict, field, value)
    if diff:
        history.record(
            claim.id, actor, "update_verdict", entity="verdict", entity_id=verdict.id,
            changes=diff,
        )  # fmt: skip
        claims.touch(claim.id, rating=verdict.rating)
    commit()
    return verdict


def list_for_claim(claim_id: int, actor: User, *, limit: int, cursor: str | None) -> Page:
    claims.get(claim_id, actor)
    stmt = sa.select(Verdict).where(Verdict.claim_id == claim_id)
    return paginate(
        db.session, stmt, sort=NEWEST_FIRST, id_column=Verdict.id, limit=limit, cursor=cursor
    )
