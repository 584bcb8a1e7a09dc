"""Workflow actions on a claim: the transition table applied with the desk's rules.

`workflow` says which action leads where and `policy` who may take it; this module checks,
under the claim's lock, what each action needs (evidence before proposing, a second person to
approve, an approval to publish), then records it in the claim's history in the same
transaction. These are the only writes of a claim's status and of a verdict's approval and
publication (imports of other publishers' fact-checks aside).
"""

from datetime import UTC, datetime

import sqlalchemy as sa

from factcheck import policy
from factcheck.errors import Conflict, InvalidInput
from factcheck.extensions import db
from factcheck.models import ReviewEvent, Source, User
from factcheck.services import claims, history, verdicts, workflow
from factcheck.services.common import require_version


def act(
    claim_id: int,
    action: str,
    actor: User,
    *,
    note: str | None = None,
    assignee_id: int | None = None,
    expected_version: int | None = None,
):
    policy.require_action(actor, action)
    claim = claims.lock(claim_id, actor)
    require_version(claim, expected_version)
    new_status = workflow.next_status(claim.status, action)
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
    db.session.flush()
    return claim


def allowed_actions(claim, actor: User | None) -> list[str]:
    """What `actor` could do to the claim now, going by its status and the actor's role."""
    if actor is None or claim.deleted_at is not None:
        return []
    return [a for a in workflow.allowed_actions(claim.status) if policy.may_take(actor, a)]


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
        _require_proposable(claim, verdict)
    if action == "approve":
        policy.require_second_person(actor.id, verdicts.hands(verdict), _proposer(claim.id))
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


def _require_proposable(claim, verdict) -> None:
    missing = []
    if verdict is None or not verdict.summary:
        missing.append("a verdict with a rating and a summary")
    elif verdict.approved_by_id is not None:
        missing.append("a new verdict (this one was signed off before)")
    has_source = db.session.scalar(sa.select(Source.id).where(Source.claim_id == claim.id))
    if has_source is None:
        missing.append("at least one source")
    if missing:
        raise Conflict("Proposing needs " + " and ".join(missing) + ".", missing=missing)


def _proposer(claim_id: int) -> int | None:
    return db.session.scalar(
        sa.select(ReviewEvent.actor_id)
        .where(ReviewEvent.claim_id == claim_id, ReviewEvent.action == "propose")
        .order_by(ReviewEvent.id.desc())
        .limit(1)
    )


def _assign(claim, assignee_id: int | None) -> dict:
    if assignee_id is not None and not policy.may_be_assigned(db.session.get(User, assignee_id)):
        raise InvalidInput(
            "Claims can be assigned only to active reviewers, editors or admins.",
            errors={"assignee_id": ["Not an active reviewer."]},
        )
    diff = history.changes(claim, {"assignee_id": assignee_id})
    claim.assignee_id = assignee_id
    return diff
