"""Claim text embeddings for semantic matching (FACTCHECK_SEMANTIC_MATCHING, the `semantic`
extra): computed in the transaction that stores or changes a claim's text, read by matching.

Like the stored documents, they are kept current by the session, not by each use case: every
claim flushed new or with a new text is encoded, in one batch, before the commit.
"""

from collections.abc import Iterable

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, has_app_context

from factcheck.database import upsert
from factcheck.matching import semantic
from factcheck.models import Claim, ClaimEmbedding
from factcheck.services import claim_changes
from factcheck.unit_of_work import transaction

_CHANGED = "factcheck.claims_with_new_text"
CHUNK = 256


def enabled() -> bool:
    return has_app_context() and bool(current_app.config.get("FACTCHECK_SEMANTIC_MATCHING"))


def vectors(session: so.Session, claim_ids: Iterable[int]) -> dict[int, bytes]:
    """The stored vectors (this model's) of these claims; a claim without one is left out."""
    ids = sorted(set(claim_ids))
    found = {}
    for start in range(0, len(ids), 1000):
        stmt = sa.select(ClaimEmbedding.claim_id, ClaimEmbedding.vector).where(
            ClaimEmbedding.claim_id.in_(ids[start : start + 1000]),
            ClaimEmbedding.model == semantic.MODEL,
        )
        found.update((claim_id, vector) for claim_id, vector in session.execute(stmt))
    return found


def store(session: so.Session, claim_ids: Iterable[int]) -> int:
    """Encode these claims' texts and store the vectors (ids no longer found are gone)."""
    ids = sorted(set(claim_ids))
    stored = 0
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            sa.select(Claim.id, Claim.text).where(Claim.id.in_(ids[start : start + CHUNK]))
        ).all()
        if not rows:
            continue
        encoded = semantic.encode([text for _, text in rows])
        values = [
            {"claim_id": claim_id, "model": semantic.MODEL, "vector": vector}
            for (claim_id, _), vector in zip(rows, encoded, strict=True)
        ]
        stmt = upsert(session, ClaimEmbedding, key="claim_id", update=("model", "vector"))
        session.execute(stmt, values)
        stored += len(values)
    return stored


def missing_ids(session: so.Session, *, after: int, limit: int) -> list[int]:
    """Ids of claims, after `after`, with no vector of this model."""
    stored = sa.exists().where(
        ClaimEmbedding.claim_id == Claim.id, ClaimEmbedding.model == semantic.MODEL
    )
    stmt = sa.select(Claim.id).where(Claim.id > after, ~stored).order_by(Claim.id).limit(limit)
    return list(session.scalars(stmt))


def refresh(session: so.Session) -> int:
    """Encode every claim without a vector of this model (claims stored before semantic
    matching was turned on, or loaded in SQL), a chunk per transaction; how many."""
    encoded, last = 0, 0
    while ids := missing_ids(session, after=last, limit=CHUNK):
        with transaction():
            encoded += store(session, ids)
        last = ids[-1]
    return encoded


# -- keeping vectors current: every claim flushed with a new text is encoded before commit --


def _claims_with_new_text(session) -> list[int]:
    if not enabled():
        return []
    changed = [obj.id for obj in session.new if isinstance(obj, Claim)]
    changed += [
        obj.id
        for obj in session.dirty
        if isinstance(obj, Claim) and sa.inspect(obj).attrs.text.history.has_changes()
    ]
    return changed


claim_changes.before_commit(_CHANGED, _claims_with_new_text, store)
