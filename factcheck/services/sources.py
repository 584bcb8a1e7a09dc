"""Evidence sources attached to a claim."""

from datetime import UTC, datetime

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Claim, Source
from factcheck.services import claims
from factcheck.services.common import commit, get_or_404, require_version, retry_on_conflict
from factcheck.services.pagination import Page, Sort, paginate

OLDEST_FIRST = Sort("id", Source.id, descending=False)


def create(claim_id: int, data: dict) -> Source:
    claim = claims.get(claim_id)
    source = Source(**data, claim=claim)
    if source.accessed_at is None:
        source.accessed_at = datetime.now(UTC)
    db.session.add(source)
    claims.touch(claim_id)
    commit()
    return source


def get(source_id: int) -> Source:
    return get_or_404(Source, source_id)


@retry_on_conflict
def update(source_id: int, changes: dict, *, expected_version: int | None = None) -> Source:
    source = get(source_id)
    require_version(source, expected_version)
    for field, value in changes.items():
        setattr(source, field, value)
    claims.touch(source.claim_id)
    commit()
    return source


@retry_on_conflict
def delete(source_id: int, *, expected_version: int | None = None) -> None:
    source = get(source_id)
    require_version(source, expected_version)
    claims.touch(source.claim_id)
    db.session.delete(source)
    commit()


def list_for_claim(claim_id: int, *, limit: int, cursor: str | None) -> Page:
    get_or_404(Claim, claim_id)
    stmt = sa.select(Source).where(Source.claim_id == claim_id)
    return paginate(
        db.session, stmt, sort=OLDEST_FIRST, id_column=Source.id, limit=limit, cursor=cursor
    )
