"""Workflow actions on a claim: the transition table applied with the desk's rules.

`workflow` says which action leads where; this module checks who may take it and what it
needs (evidence before proposing, a second person to approve, an approval to publish), then
records it in the claim's history in the same transaction.
"""

from datetime import UTC, datetime

import sqlalchemy as sa

from factcheck.errors import Conflict, Forbidden, InvalidInput
from factcheck.extensions import db
from factcheck.models import Source, User
from factcheck.services import claims, history, workflow
from factcheck.services.common import commit, require_version, retry_on_conflict


@retry_on_conflict
def act(
    claim_id: int,
    action: str,
    actor: User,
    *,
    note: str | None = None,
    assignee_id: int | None = None,
    expected_version: int | None = None,
):
    claim = claims.get(claim_id, actor, for_update=True)
    require_version(claim, expected_version)
    new_status = workflow.next_status(claim.status, action)
    role = workflow.REQUIRED_ROLE[action]
    if not actor.has_role(role):
        raise Forbidden(f"Only a {role} or above can {action}.")
    if action in workflow.NEEDS_NOTE and not note:
        raise InvalidInput(f"Say why in `note` to {action}.", errors={"note": ["Required."]})

    changes = _apply_rules(claim, action, actor, assignee_id)
    history.record(
        claim.id,
        actor,
        action,
        from_status=claim.status,
        to_status=new_status,
        changes=changes,
        note=note,
    )
    claim.status = new_status
    commit()
    return claim


def _apply_rules(claim, action: str, actor: User, assignee_id: int | None) -> dict:
    """Check what the action needs and make its side effects; returns the changed fields."""
    verdict = claim.current_verdict
    now = datetime.now(UTC)
    if action == "assign":
        return _assign(claim, assignee_id)
    if action == "accept" and claim.assignee_id is None:
        # Accepting a claim takes it on.
        return _assign(claim, actor.id)
    if action == "propose":
        missing = []
        if verdict is None or not verdict.summary:
            missing.append("a verdict with a rating and a summary")
        has_source = db.session.scalar(sa.select(Source.id).where(Source.claim_id == claim.id))
        if has_source is None:
            missing.append("at least one source")
        if missing:
            raise Conflict("Proposing needs " + " and ".join(missing) + ".", missing=missing)
    if action == "approve":
        if verdict.author_id == actor.id:
            raise Forbidden("The verdict's author cannot approve it: a second editor must.")
        verdict.approved_by_id, verdict.approved_at = actor.id, now
        return {"approved_verdict_id": {"before": None, "after": verdict.id}}
    if action == "publish":
        if verdict is None or verdict.approved_by_id is None:
            raise Conflict("Only an approved verdict can be published.")
        verdict.published_at = now
        if claim.published_at is None:
            claim.published_at = now
            return {"published_at": {"before": None, "after": now.isoformat()}}
        # Publishing again after a reopen is a correction; the first publication date stays.
        before = claim.corrected_at.isoformat() if claim.corrected_at else None
        claim.corrected_at = now
        return {"corrected_at": {"before": before, "after": now.isoformat()}}
    return {}


def _assign(claim, assignee_id: int | None) -> dict:
    if assignee_id is not None:
        assignee = db.session.get(User, assignee_id)
        if assignee is None or not assignee.active or not assignee.has_role("reviewer"):
            raise InvalidInput(
                "Claims can be assigned only to active reviewers, editors or admins.",
                errors={"assignee_id": ["Not an active reviewer."]},
            )
    diff = history.changes(claim, {"assignee_id": assignee_id})
    claim.assignee_id = assignee_id
    return diff
