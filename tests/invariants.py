"""The desk's rules, checked against what the database holds and what the history says.

Tests that drive random or concurrent requests call `violations()` after each step; it reads
the tables directly (not through the API) so a rule broken anywhere shows up here.
"""

import json
from collections import defaultdict

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import (
    Article,
    Claim,
    ClaimDocument,
    ExternalReview,
    OutboxEvent,
    ReviewEvent,
    Source,
    Verdict,
)
from factcheck.services import documents, outbox

OPEN = ("submitted", "in_review")
PAST_REVIEW = ("verdict_proposed", "approved", "published")
EVIDENCE_ACTIONS = {"add_source", "update_source", "remove_source", "add_verdict", "update_verdict"}
VERDICT_WRITES = {"add_verdict", "update_verdict"}


def violations() -> list[str]:
    """Every broken rule, as a readable sentence; empty when all hold."""
    session = db.session
    found: list[str] = []
    imported = set(session.scalars(sa.select(ExternalReview.claim_id)))
    claims = {c.id: c for c in session.scalars(sa.select(Claim))}
    sources = defaultdict(int)
    for claim_id in session.scalars(sa.select(Source.claim_id)):
        sources[claim_id] += 1
    verdicts = {v.id: v for v in session.scalars(sa.select(Verdict))}
    newest = {}
    for verdict in sorted(verdicts.values(), key=lambda v: v.id):
        newest[verdict.claim_id] = verdict
    events = defaultdict(list)
    for event in session.scalars(sa.select(ReviewEvent).order_by(ReviewEvent.id)):
        events[event.claim_id].append(event)

    for claim in claims.values():
        if claim.id in imported:
            continue
        current = newest.get(claim.id)
        if claim.status in PAST_REVIEW:
            if sources[claim.id] == 0:
                found.append(f"claim {claim.id} is {claim.status} with no source")
            if current is None or not current.summary:
                found.append(f"claim {claim.id} is {claim.status} without a summarised verdict")
        if claim.status in ("approved", "published") and current and not current.approved_by_id:
            found.append(f"claim {claim.id} is {claim.status} but its verdict is not approved")
        found += _history_violations(claim, events[claim.id], verdicts)

    for verdict in verdicts.values():
        if verdict.claim_id in imported:
            continue
        if verdict.published_at is not None and verdict.approved_by_id is None:
            found.append(f"verdict {verdict.id} is public without an approval")
        if verdict.approved_by_id is not None and verdict.approved_by_id == verdict.author_id:
            found.append(f"verdict {verdict.id} was approved by its author")

    live_in_deleted = session.execute(
        sa.select(Claim.id, Article.id)
        .join(Article, Claim.article_id == Article.id)
        .where(Article.deleted_at.is_not(None), Claim.deleted_at.is_(None))
    ).all()
    found += [f"live claim {c} inside deleted article {a}" for c, a in live_in_deleted]
    return found + _document_violations(session) + _event_violations(session, events)


def _event_violations(session, history) -> list[str]:
    """The outbox holds exactly the events the committed history calls for, in its order (an
    event exists if and only if its change committed); `claim.matched` comes from jobs."""
    found = []
    announced = defaultdict(list)
    for key, type_ in session.execute(
        sa.select(OutboxEvent.ordering_key, OutboxEvent.type)
        .where(OutboxEvent.type != "claim.matched", OutboxEvent.ordering_key.like("claim:%"))
        .order_by(OutboxEvent.id)
    ):
        announced[int(key.removeprefix("claim:"))].append(type_)
    for claim_id in set(history) | set(announced):
        expected = [t for entry in history.get(claim_id, []) for t in outbox.claim_events(entry)]
        if announced.get(claim_id, []) != expected:
            found.append(
                f"claim {claim_id}: history calls for events {expected}, "
                f"the outbox holds {announced.get(claim_id, [])}"
            )
    return found


def _parsed(text: str | None):
    return None if text is None else json.loads(text)


def _document_violations(session) -> list[str]:
    """Every claim written through the API has a stored document of its current version that
    says what rendering the claim now says (a change that skipped the version would differ)."""
    found = []
    stored = {d.claim_id: d for d in session.scalars(sa.select(ClaimDocument))}
    claims = session.scalars(
        sa.select(Claim).options(*documents.WHOLE).execution_options(populate_existing=True)
    )
    for claim in claims:
        document = stored.pop(claim.id, None)
        if document is None or (document.version, document.shape) != (
            claim.version,
            documents.shape(),
        ):
            found.append(f"claim {claim.id} (version {claim.version}) has no current document")
        elif json.loads(document.body) != json.loads(documents.render(claim)):
            found.append(f"claim {claim.id}'s stored document is not what it renders now")
        elif _parsed(document.public_body) != _parsed(documents.render_public(claim)):
            found.append(f"claim {claim.id}'s stored fact-check is not what it renders now")
        elif _parsed(document.search_body) != _parsed(documents.render_search(claim)):
            found.append(f"claim {claim.id}'s stored search entry is not what it renders now")
    found += [f"a document outlived claim {claim_id}" for claim_id in stored]
    return found


def _history_violations(claim, events, verdicts) -> list[str]:
    """Replay the claim's history: every step legal from the status it was taken in."""
    found = []
    status, deleted, proposer = None, False, None
    hands = defaultdict(set)  # verdict id -> who wrote it
    for event in events:
        where = f"claim {claim.id} event {event.id} ({event.action})"
        if event.action in ("create", "extract", "import"):
            status = event.to_status
            continue
        if event.action == "delete":
            deleted = True
            continue
        if event.action == "restore":
            deleted = False
            continue
        if deleted and event.action not in ("purge",):
            found.append(f"{where} happened while the claim was deleted")
        if event.action in EVIDENCE_ACTIONS and status not in OPEN:
            found.append(f"{where} changed evidence while the claim was {status}")
        if event.action in VERDICT_WRITES:
            hands[event.entity_id].add(event.actor_id)
        if event.from_status is not None:
            if event.from_status != status:
                found.append(f"{where} went from {event.from_status} but it was {status}")
            status = event.to_status
        if event.action == "propose":
            proposer = event.actor_id
        if event.action == "approve":
            verdict_id = ((event.changes or {}).get("approved_verdict_id") or {}).get("after")
            verdict = verdicts.get(verdict_id)
            writers = hands[verdict_id] | ({verdict.author_id} if verdict else set())
            if event.actor_id in writers:
                found.append(f"{where} approved by someone who wrote the verdict")
            if event.actor_id == proposer:
                found.append(f"{where} approved by the proposer")
    if events and status != claim.status and not any(e.action == "reimport" for e in events):
        found.append(f"claim {claim.id} is {claim.status} but its history ends at {status}")
    return found
