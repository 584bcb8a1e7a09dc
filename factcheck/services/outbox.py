"""The transactional outbox: events written by the transaction whose change they announce.

An event exists if and only if its change committed. Claim events come from the claim's
history (services/history.py), which every claim change already records in its own
transaction: just before that transaction commits, its history entries are read back (a
savepoint rolled back takes its entries, so its events, with it) and turned into events here,
in the order they were recorded. Other events (`article.extracted`, `claim.matched`) are
emitted by the service that makes the change, with `emit`.

Each event is fanned out to the active subscriptions for its type as deliveries in the same
transaction, and their sending is queued for after the commit (factcheck/queue.py).
Payloads follow the Standard Webhooks shape (`type`, `timestamp`, `data`) and carry only what
the public may see: ids, statuses and links for work in progress, and the fact-check itself
(as GET /fact-checks/{id} shows it) once published.
"""

import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, has_request_context, request

from factcheck import jsonsafe, queue
from factcheck.models import Claim, OutboxEvent, ReviewEvent, WebhookDelivery, WebhookSubscription
from factcheck.services import claim_changes

_RECORDED = "factcheck.outbox.review_event_ids"


def public_url(path: str) -> str:
    """An absolute URL of ours: FACTCHECK_PUBLIC_URL, else the request's host; outside a
    request without it (a worker, a CLI command), the path alone."""
    base = current_app.config.get("FACTCHECK_PUBLIC_URL")
    if not base and has_request_context():
        base = request.host_url
    return (base or "").rstrip("/") + path


def claim_ref(claim_id: int, status: str | None = None) -> dict:
    ref = {"id": claim_id, "url": public_url(f"/api/v1/claims/{claim_id}")}
    if status is not None:
        ref["status"] = status
    return ref


def active_subscriptions(session: so.Session) -> list[tuple[int, list[str]]]:
    """(id, event types) of every active subscription."""
    stmt = sa.select(WebhookSubscription.id, WebhookSubscription.event_types).where(
        WebhookSubscription.active.is_(True)
    )
    return [(row.id, row.event_types) for row in session.execute(stmt)]


def emit(
    session: so.Session, type_: str, ordering_key: str, data: dict, subscriptions=None
) -> OutboxEvent:
    """Add an event, and its deliveries to the `subscriptions` (active_subscriptions) taking
    its type, to the session's transaction."""
    event = OutboxEvent(
        uid=f"msg_{uuid.uuid4().hex}",
        type=type_,
        ordering_key=ordering_key,
        body=jsonsafe.dumps(
            {"type": type_, "timestamp": datetime.now(UTC).isoformat(), "data": data},
            separators=(",", ":"),
        ),
    )
    session.add(event)
    session.flush()
    if subscriptions is None:
        subscriptions = active_subscriptions(session)
    deliveries = [
        WebhookDelivery(subscription_id=sub_id, event_id=event.id, ordering_key=ordering_key)
        for sub_id, types in subscriptions
        if type_ in types
    ]
    if deliveries:
        session.add_all(deliveries)
        session.flush()
        for delivery in deliveries:
            queue.later(session, "deliver_webhook", delivery.id)
    return event


# -- claim events, from the claim's history ------------------------------------------------


def claim_events(entry: ReviewEvent) -> list[str]:
    """The event types a history entry calls for."""
    changes = entry.changes or {}
    if entry.action in ("create", "extract"):
        return ["claim.submitted"]
    if entry.action in ("assign", "accept") and "assignee_id" in changes:
        return ["claim.assigned"]
    if entry.action == "propose":
        return ["verdict.proposed"]
    if entry.action == "publish":
        return ["fact_check.corrected" if "corrected_at" in changes else "fact_check.published"]
    if entry.action == "delete":
        return ["claim.deleted"]
    return []


def _fact_check_data(claim: Claim) -> dict:
    from factcheck.services import documents

    return {
        "fact_check": json.loads(documents.render_public(claim)),
        "url": public_url(f"/api/v1/fact-checks/{claim.id}"),
        "claim_review_url": public_url(f"/api/v1/fact-checks/{claim.id}/claimreview"),
    }


# Events whose data needs the whole claim (the fact-check, the proposed verdict); the others
# need only its status.
_WHOLE = ("fact_check.published", "fact_check.corrected", "verdict.proposed")


def _data(type_: str, entry: ReviewEvent, whole: dict[int, Claim], status: str) -> dict:
    if type_.startswith("fact_check."):
        return _fact_check_data(whole[entry.claim_id])
    data = {"claim": claim_ref(entry.claim_id, entry.to_status or status)}
    if type_ == "claim.assigned":
        data["assignee_id"] = entry.changes["assignee_id"]["after"]
    if type_ == "verdict.proposed":
        verdict = whole[entry.claim_id].current_verdict
        data["verdict_id"] = verdict.id if verdict else None
    return data


def _recorded(session) -> list[int]:
    return [obj.id for obj in session.new if isinstance(obj, ReviewEvent)]


def _emit_claim_events(session: so.Session, entry_ids: set[int]) -> None:
    from factcheck.services import alerts, documents

    entries = session.scalars(
        sa.select(ReviewEvent).where(ReviewEvent.id.in_(entry_ids)).order_by(ReviewEvent.id)
    ).all()
    typed = [(entry, t) for entry in entries for t in claim_events(entry)]
    if not typed:
        return
    statuses = dict(
        session.execute(
            sa.select(Claim.id, Claim.status).where(
                Claim.id.in_({entry.claim_id for entry, _ in typed})
            )
        ).all()
    )
    whole = documents.load(
        sorted(
            {entry.claim_id for entry, t in typed if t in _WHOLE and entry.claim_id in statuses}
        ),
        session,
    )
    submitted, subscriptions, actor_id = [], active_subscriptions(session), typed[0][0].actor_id
    corrected = [entry.claim_id for entry, t in typed if t == "fact_check.corrected"]
    if corrected:  # the claims alerted to them show the new rating once matched again
        submitted += alerts.alerted_to(session, corrected)
    for entry, type_ in typed:
        if entry.claim_id not in statuses:  # purged in the same transaction
            continue
        data = _data(type_, entry, whole, statuses[entry.claim_id])
        emit(session, type_, f"claim:{entry.claim_id}", data, subscriptions)
        if type_ == "claim.submitted":
            submitted.append(entry.claim_id)
    if submitted:
        alerts.queue_matching(session, submitted, actor_id)
    published = [entry.claim_id for entry, t in typed if t == "fact_check.published"]
    if published:
        alerts.queue_reverse_matching(session, published, actor_id)


claim_changes.before_commit(_RECORDED, _recorded, _emit_claim_events)
