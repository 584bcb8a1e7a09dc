"""Verdicts: each new one becomes the claim's current verdict; older ones stay as history.

A verdict changes only while its claim is open (under the claim's lock), and never once it has
been approved: a correction is a new verdict, so what was signed off stays as it was signed.
"""

import sqlalchemy as sa

from factcheck.errors import Conflict, NotFound
from factcheck.extensions import db
from factcheck.models import ReviewEvent, User, Verdict
from factcheck.ratings import DEFAULT_TEXTUAL_RATINGS, RATING_VALUES
from factcheck.services import claims, history
from factcheck.services.common import require_version
from factcheck.services.pagination import Page, Sort, paginate

NEWEST_FIRST = Sort.by("-id", Verdict.id, descending=True)
RECORDED_FIELDS = ("rating", "textual_rating", "summary", "article_url", "correction_note")
# History actions that write a verdict's content: whoever took them is one of its hands.
WRITING_ACTIONS = ("add_verdict", "update_verdict")


def _rated(rating: str, textual_rating: str | None) -> dict:
    return {
        "rating": rating,
        "rating_value": RATING_VALUES[rating],
        "textual_rating": textual_rating or DEFAULT_TEXTUAL_RATINGS[rating],
    }


def create(claim_id: int, data: dict, actor: User) -> Verdict:
    # The row lock orders concurrent verdicts: the last committed is the newest and sets `rating`.
    claim = claims.lock(claim_id, actor)
    claims.require_open(claim, "record a verdict")
    verdict = Verdict(
        claim_id=claim.id,
        author_id=actor.id,
        summary=data.get("summary"),
        article_url=data.get("article_url"),
        correction_note=data.get("correction_note"),
        **_rated(data["rating"], data.get("textual_rating")),
    )
    db.session.add(verdict)
    db.session.flush()
    history.record(
        claim.id, actor, "add_verdict", entity="verdict", entity_id=verdict.id,
        changes=history.snapshot(verdict, RECORDED_FIELDS),
    )  # fmt: skip
    claims.touch(claim, rating=verdict.rating)
    db.session.flush()
    return verdict


def get(verdict_id: int, actor: User) -> Verdict:
    verdict = db.session.get(Verdict, verdict_id)
    if verdict is None:
        raise NotFound(f"Verdict {verdict_id} does not exist.")
    claims.get(verdict.claim_id, actor)
    return verdict


def update(
    verdict_id: int, changes: dict, actor: User, *, expected_version: int | None = None
) -> Verdict:
    """Revise the current verdict while the claim is still being reviewed."""
    claim = claims.lock(get(verdict_id, actor).claim_id, actor)
    verdict = db.session.get(Verdict, verdict_id, populate_existing=True)
    require_version(verdict, expected_version)
    claims.require_open(claim, "revise the verdict")
    if claim.current_verdict is None or claim.current_verdict.id != verdict.id:
        raise Conflict("Only the current verdict can be revised; add a new verdict instead.")
    if verdict.approved_by_id is not None or verdict.published_at is not None:
        raise Conflict(
            "This verdict was signed off and stays as it was; add a new verdict for a correction."
        )
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
        claims.touch(claim, rating=verdict.rating)
    db.session.flush()
    return verdict


def hands(verdict: Verdict) -> set[int]:
    """Everyone who created the verdict or changed its content, from the claim's history."""
    writers = db.session.scalars(
        sa.select(ReviewEvent.actor_id).where(
            ReviewEvent.claim_id == verdict.claim_id,
            ReviewEvent.entity == "verdict",
            ReviewEvent.entity_id == verdict.id,
            ReviewEvent.action.in_(WRITING_ACTIONS),
        )
    )
    return {verdict.author_id, *writers} - {None}


def list_for_claim(claim_id: int, actor: User, *, limit: int, cursor: str | None) -> Page:
    claims.get(claim_id, actor)
    stmt = sa.select(Verdict).where(Verdict.claim_id == claim_id)
    return paginate(
        db.session, stmt, sort=NEWEST_FIRST, id_column=Verdict.id, limit=limit, cursor=cursor
    )
