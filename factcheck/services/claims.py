"""Claim use cases: submit, read, edit, delete, list with filters."""

from datetime import UTC, datetime

import sqlalchemy as sa

from factcheck.errors import InvalidInput
from factcheck.extensions import db
from factcheck.models import Article, Claim, ClaimTag
from factcheck.services.common import commit, get_or_404, require_version, retry_on_conflict
from factcheck.services.pagination import Page, Sort, paginate

SORTS = {
    sort.name: sort
    for sort in (
        Sort("-created_at", Claim.created_at, descending=True, is_datetime=True),
        Sort("created_at", Claim.created_at, descending=False, is_datetime=True),
        Sort("-check_worthiness", Claim.check_worthiness, descending=True, nullable=True),
        Sort("check_worthiness", Claim.check_worthiness, descending=False, nullable=True),
    )
}


def _check_article_and_span(article_id, span_start, span_end) -> None:
    """The span must point inside the article it claims to come from."""
    if span_start is not None and article_id is None:
        raise InvalidInput(
            "A span needs the article it points into.",
            errors={"article_id": ["Required when span_start and span_end are given."]},
        )
    if article_id is None:
        return
    body_length = db.session.scalar(
        sa.select(sa.func.length(Article.body)).where(Article.id == article_id)
    )
    if body_length is None:
        raise InvalidInput(
            f"Article {article_id} does not exist.",
            errors={"article_id": [f"Article {article_id} does not exist."]},
        )
    if span_end is not None and span_end > body_length:
        raise InvalidInput(
            f"The span ends past the article's {body_length} characters.",
            errors={"span_end": [f"Must be at most {body_length}."]},
        )


def create(data: dict) -> Claim:
    _check_article_and_span(data.get("article_id"), data.get("span_start"), data.get("span_end"))
    tags = data.pop("tags", [])
    claim = Claim(**data, status="submitted")
    claim.tags = tags
    db.session.add(claim)
    commit()
    return claim


def get(claim_id: int, *, for_update: bool = False) -> Claim:
    return get_or_404(Claim, claim_id, for_update=for_update)


@retry_on_conflict
def update(claim_id: int, changes: dict, *, expected_version: int | None = None) -> Claim:
    claim = get(claim_id, for_update=True)
    require_version(claim, expected_version)
    merged = {
        field: changes.get(field, getattr(claim, field))
        for field in ("article_id", "span_start", "span_end")
    }
    if "article_id" in changes and changes["article_id"] is None and "span_start" not in changes:
        # Detaching a claim from its article drops the span that pointed into it.
        merged["span_start"] = merged["span_end"] = None
        changes = {**changes, "span_start": None, "span_end": None}
    if merged["span_start"] is not None and merged["span_end"] <= merged["span_start"]:
        raise InvalidInput(
            "span_end must be greater than span_start.",
            errors={"span_end": ["Must be greater than span_start."]},
        )
    if {"article_id", "span_start", "span_end"} & changes.keys():
        _check_article_and_span(**merged)
    for field, value in changes.items():
        setattr(claim, field, value)
    commit()
    return claim


def touch(claim_id: int, **changes) -> None:
    """Give a claim a new version when its sources or verdicts change: its representation did.

    One atomic UPDATE rather than the ORM's compare-and-set, so adding evidence to a claim
    never conflicts with someone else adding evidence at the same time.
    """
    db.session.execute(
        sa.update(Claim)
        .where(Claim.id == claim_id)
        .values(version=Claim.version + 1, updated_at=datetime.now(UTC), **changes)
        .execution_options(synchronize_session=False)
    )


@retry_on_conflict
def delete(claim_id: int, *, expected_version: int | None = None) -> None:
    claim = get(claim_id, for_update=True)
    require_version(claim, expected_version)
    db.session.delete(claim)
    commit()


def list_claims(filters: dict, *, limit: int, cursor: str | None) -> Page:
    sort = SORTS[filters.get("sort", "-created_at")]
    stmt = sa.select(Claim)
    for field in ("status", "claimant", "article_id", "rating", "language"):
        if field in filters:
            stmt = stmt.where(getattr(Claim, field) == filters[field])
    if "tag" in filters:
        stmt = stmt.where(
            Claim.id.in_(sa.select(ClaimTag.claim_id).where(ClaimTag.tag == filters["tag"]))
        )
    if "created_after" in filters:
        stmt = stmt.where(Claim.created_at > filters["created_after"])
    if "created_before" in filters:
        stmt = stmt.where(Claim.created_at < filters["created_before"])
    return paginate(db.session, stmt, sort=sort, id_column=Claim.id, limit=limit, cursor=cursor)
