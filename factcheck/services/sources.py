"""Evidence sources attached to a claim: changed only while the claim is open, under its lock."""

from datetime import UTC, datetime

import sqlalchemy as sa

from factcheck.errors import NotFound
from factcheck.extensions import db
from factcheck.models import Source, User
from factcheck.services import claims, history
from factcheck.services.common import require_version
from factcheck.services.pagination import Page, Sort, paginate

OLDEST_FIRST = Sort.by("id", Source.id)
RECORDED_FIELDS = ("url", "title", "publisher", "stance", "excerpt")


def create(claim_id: int, data: dict, actor: User) -> Source:
    claim = claims.lock(claim_id, actor)
    claims.require_open(claim, "add sources")
    source = Source(**data, claim_id=claim.id)
    if source.accessed_at is None:
        source.accessed_at = datetime.now(UTC)
    db.session.add(source)
    db.session.flush()
    history.record(
        claim.id,
        actor,
        "add_source",
        entity="source",
        entity_id=source.id,
        changes=history.snapshot(source, RECORDED_FIELDS),
    )
    claims.touch(claim)
    db.session.flush()
    return source


def get(source_id: int, actor: User) -> Source:
    source = db.session.get(Source, source_id)
    if source is None:
        raise NotFound(f"Source {source_id} does not exist.")
    claims.get(source.claim_id, actor)  # the source is visible with its claim
    return source


def _locked(source_id: int, actor: User, doing: str) -> tuple[Source, "claims.Claim"]:
    """The source and its claim, with the claim locked and still open."""
    claim_id = get(source_id, actor).claim_id
    claim = claims.lock(claim_id, actor)
    source = db.session.get(Source, source_id, populate_existing=True)
    if source is None or source.claim_id != claim.id:
        raise NotFound(f"Source {source_id} does not exist.")
    claims.require_open(claim, doing)
    return source, claim


def update(
    source_id: int, changes: dict, actor: User, *, expected_version: int | None = None
) -> Source:
    source, claim = _locked(source_id, actor, "change sources")
    require_version(source, expected_version)
    diff = history.changes(source, changes)
    for field, value in changes.items():
        setattr(source, field, value)
    if diff:
        history.record(
            claim.id, actor, "update_source", entity="source", entity_id=source.id,
            changes=diff,
        )  # fmt: skip
        claims.touch(claim)
    db.session.flush()
    return source


def delete(source_id: int, actor: User, *, expected_version: int | None = None) -> None:
    source, claim = _locked(source_id, actor, "remove sources")
    require_version(source, expected_version)
    history.record(
        claim.id, actor, "remove_source", entity="source", entity_id=source.id,
        changes=history.snapshot(source, RECORDED_FIELDS),
    )  # fmt: skip
    claims.touch(claim)
    db.session.delete(source)
    db.session.flush()


def list_for_claim(claim_id: int, actor: User, *, limit: int, cursor: str | None) -> Page:
    claims.get(claim_id, actor)
    stmt = sa.select(Source).where(Source.claim_id == claim_id)
    return paginate(
        db.session, stmt, sort=OLDEST_FIRST, id_column=Source.id, limit=limit, cursor=cursor
    )
