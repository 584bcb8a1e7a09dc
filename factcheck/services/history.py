"""The append-only audit trail of a claim: every change, who made it, before and after."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from factcheck import policy
from factcheck.errors import NotFound
from factcheck.extensions import db
from factcheck.models import Claim, ReviewEvent, User
from factcheck.services.pagination import Page, Sort, paginate

OLDEST_FIRST = Sort.by("id", ReviewEvent.id, descending=False)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def changes(obj, new_values: dict) -> dict:
    """{field: {"before": old, "after": new}} for the fields `new_values` really changes."""
    diff = {}
    for field, after in new_values.items():
        before = getattr(obj, field)
        if before != after:
            diff[field] = {"before": _plain(before), "after": _plain(after)}
    return diff


def snapshot(obj, fields) -> dict:
    """A created or deleted record, as {field: {"before"/"after": value}}."""
    return {field: _plain(getattr(obj, field)) for field in fields}


def record(
    claim_id: int,
    actor: User | None,
    action: str,
    *,
    entity: str = "claim",
    entity_id: int | None = None,
    changes: dict | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str | None = None,
) -> ReviewEvent:
    """Add an event to the session; it commits with the change it describes."""
    event = ReviewEvent(
        claim_id=claim_id,
        actor_id=actor.id if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        changes=changes or None,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )
    db.session.add(event)
    return event


def list_for_claim(claim_id: int, actor: User, *, limit: int, cursor: str | None) -> Page:
    """A claim's history for whoever may see the claim; a purged claim's only for admins."""
    claim = db.session.execute(
        sa.select(Claim.submitted_by_id, Claim.deleted_at).where(Claim.id == claim_id)
    ).first()
    if claim is None:
        readable = policy.at_least(actor, policy.Role.ADMIN)
    else:
        readable = policy.may_see_claim(actor, claim)
    if not readable:
        raise NotFound(f"Claim {claim_id} does not exist.")
    stmt = sa.select(ReviewEvent).where(ReviewEvent.claim_id == claim_id)
    return paginate(
        db.session, stmt, sort=OLDEST_FIRST, id_column=ReviewEvent.id, limit=limit, cursor=cursor
    )
