"""Claim use cases: submit, read, edit, delete and restore, list with filters."""

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck import languages, policy, search
from factcheck.errors import Conflict, InvalidInput, NotFound
from factcheck.extensions import db
from factcheck.models import Article, Claim, ClaimMatch, ClaimTag, User
from factcheck.services import documents, history, locks, workflow
from factcheck.services.common import require_version
from factcheck.services.pagination import Key, Page, Sort, paginate

SORTS = {
    sort.name: sort
    for sort in (
        Sort.by("-created_at", Claim.created_at, descending=True, is_datetime=True),
        Sort.by("created_at", Claim.created_at, is_datetime=True),
        Sort.by("-check_worthiness", Claim.check_worthiness, descending=True, nullable=True),
        Sort.by("check_worthiness", Claim.check_worthiness, nullable=True),
    )
}
QUEUE_ORDER = Sort(
    "queue",
    (
        Key(Claim.priority, descending=True),
        Key(Claim.check_worthiness, descending=True, nullable=True),
    ),
)


def _check_article_and_span(actor: User, article_id, span_start, span_end) -> None:
    """The article must be a live one the actor can see, and the span must point inside it.

    The article's row is held (FOR SHARE) until the claim commits, so a concurrent delete of
    the article either sees the new claim and refuses, or ends first and this sees it gone.
    """
    if span_start is not None and article_id is None:
        raise InvalidInput(
            "A span needs the article it points into.",
            errors={"article_id": ["Required when span_start and span_end are given."]},
        )
    if article_id is None:
        return
    locks.for_share(Article, article_id)
    visible_article = sa.select(sa.func.length(Article.body)).where(
        Article.id == article_id, Article.deleted_at.is_(None)
    )
    if not policy.sees_everyones_work(actor):
        visible_article = visible_article.where(Article.submitted_by_id == actor.id)
    body_length = db.session.scalar(visible_article)
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


def visible(stmt, actor: User):
    """Limit a claim query to what `actor` may see: submitters see only their own claims."""
    stmt = stmt.where(Claim.deleted_at.is_(None))
    if not policy.sees_everyones_work(actor):
        stmt = stmt.where(Claim.submitted_by_id == actor.id)
    return stmt


# One claim with everything it shows, in a single round trip (lists use one query per relation).
WHOLE_CLAIM = (
    so.joinedload(Claim.tag_rows),
    so.joinedload(Claim.sources),
    so.joinedload(Claim.current_verdict),
)


def get(claim_id: int, actor: User) -> Claim:
    """A claim the actor may see (404 otherwise, so others' claims are not even confirmed)."""
    claim = db.session.get(Claim, claim_id, options=WHOLE_CLAIM)
    if claim is None or not policy.may_see_claim(actor, claim):
        raise NotFound(f"Claim {claim_id} does not exist.")
    return claim


def lock(claim_id: int, actor: User, *, deleted_ok: bool = False) -> Claim:
    """The claim, locked against other writers and read afresh after the lock: every change to
    its evidence, verdict or status starts here, so the rules below see the committed state.

    A soft-deleted claim takes no actions and no new children (only restore and purge).
    """
    locks.for_update(Claim, claim_id)
    claim = db.session.get(Claim, claim_id, populate_existing=True)
    if claim is None or not policy.may_see_claim(actor, claim):
        raise NotFound(f"Claim {claim_id} does not exist.")
    if claim.deleted_at is not None and not deleted_ok:
        raise Conflict(f"Claim {claim_id} is deleted; restore it first.", claim_status="deleted")
    return claim


def version_of(claim_id: int, actor: User) -> int | None:
    """The claim's version, read without loading it (for conditional GETs); None if unseen."""
    row = db.session.execute(
        sa.select(Claim.version, Claim.submitted_by_id, Claim.deleted_at).where(
            Claim.id == claim_id
        )
    ).first()
    if row is None or not policy.may_see_claim(actor, row):
        return None
    return row.version


def require_open(claim: Claim, doing: str) -> None:
    """Evidence, verdicts and the claim itself change only while it is being worked on: past
    in_review they are frozen until request_changes or reopen. Call with the claim locked."""
    if claim.status not in workflow.EDITABLE:
        raise Conflict(
            f"Cannot {doing} while the claim is {claim.status}; "
            "it needs request_changes or reopen first.",
            claim_status=claim.status,
        )


@dataclass(frozen=True)
class Submitted:
    """A new claim with the stored claims it probably repeats; reads through to the claim."""

    claim: Claim
    likely_duplicates: list

    def __getattr__(self, name):
        return getattr(self.claim, name)


def create(data: dict, actor: User) -> Claim:
    _check_article_and_span(
        actor, data.get("article_id"), data.get("span_start"), data.get("span_end")
    )
    tags = data.pop("tags", [])
    if not data.get("language"):
        data["language"] = languages.detect(data["text"])
    claim = Claim(**data, status="submitted", submitted_by_id=actor.id)
    claim.tags = tags
    db.session.add(claim)
    db.session.flush()
    history.record(
        claim.id,
        actor,
        "create",
        to_status="submitted",
        changes=history.snapshot(
            claim, ("text", "claimant", "article_id", "span_start", "span_end")
        ),
    )
    return claim


def update(
    claim_id: int, changes: dict, actor: User, *, expected_version: int | None = None
) -> Claim:
    claim = lock(claim_id, actor)
    require_version(claim, expected_version)
    if claim.status not in (*workflow.EDITABLE, "rejected"):
        raise Conflict(
            f"A {claim.status} claim cannot be edited: what was reviewed stays as it was "
            "until request_changes or reopen.",
            claim_status=claim.status,
        )
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
        _check_article_and_span(actor, **merged)
    diff = history.changes(claim, changes)
    for field, value in changes.items():
        setattr(claim, field, value)
    if diff:
        history.record(claim.id, actor, "update", changes=diff)
    db.session.flush()
    return claim


def touch(claim: Claim, **changes) -> None:
    """Give a locked claim a new version when its sources or verdicts change: its
    representation did (the ORM bumps `version` with any change of the row)."""
    for field, value in changes.items():
        setattr(claim, field, value)
    claim.updated_at = datetime.now(UTC)


def delete(claim_id: int, actor: User, *, expected_version: int | None = None) -> None:
    """Soft delete: the claim disappears from the API but an admin can restore it."""
    claim = lock(claim_id, actor, deleted_ok=True)
    require_version(claim, expected_version)
    if claim.deleted_at is None:
        claim.deleted_at = datetime.now(UTC)
        history.record(claim.id, actor, "delete")
        db.session.flush()


def restore(claim_id: int, actor: User, *, expected_version: int | None = None) -> Claim:
    claim = lock(claim_id, actor, deleted_ok=True)
    require_version(claim, expected_version)
    if claim.deleted_at is not None:
        if claim.article_id is not None:
            _require_live_article(claim.article_id)
        claim.deleted_at = None
        history.record(claim.id, actor, "restore")
        db.session.flush()
    return claim


def _require_live_article(article_id: int) -> None:
    locks.for_share(Article, article_id)
    deleted_at = db.session.scalar(sa.select(Article.deleted_at).where(Article.id == article_id))
    if deleted_at is not None:
        raise Conflict(f"The claim's article {article_id} is deleted; restore the article first.")


def purge(claim_id: int, actor: User) -> None:
    """Hard delete of a soft-deleted claim; its audit history stays."""
    claim = lock(claim_id, actor, deleted_ok=True)
    if claim.deleted_at is None:
        raise Conflict("Delete the claim before purging it.")
    history.record(claim.id, actor, "purge", changes=history.snapshot(claim, ("text", "claimant")))
    db.session.delete(claim)
    db.session.flush()


def by_relevance(stmt, query: str, *, every_match: bool = False, language: str | None = None):
    """Restrict `stmt` (a select of Claim, with all its filters) to the claims holding any word
    of `query`: those search.ranked ranks, with their `matched` words and `relevance`, or, with
    `every_match` (for lists in another order), every one.

    `language`: the language the list is filtered to, which the query's words are stemmed as.
    Returns the statement and the sort to page it by (the claims holding the most words first,
    then the most relevant, then the newest); a query without words matches nothing.
    """
    if every_match:
        holds = search.holding_any(db.session, query, language=language)
        return stmt.where(sa.false() if holds is None else holds), SORTS["-created_at"]
    found = search.ranked(db.session, query, among=stmt.whereclause, language=language)
    if found is None:
        return stmt.where(sa.false()), SORTS["-created_at"]
    stmt = stmt.add_columns(found.c.matched, found.c.relevance)
    stmt = stmt.join(found, found.c.claim_id == Claim.id)
    keys = (Key(found.c.matched, descending=True), Key(found.c.relevance, descending=True))
    return stmt, Sort("relevance", keys)


def list_claims(filters: dict, actor: User, *, limit: int, cursor: str | None) -> Page:
    """A page of the claims the actor may see, as rows of documents.listed."""
    stmt = visible(documents.listed(), actor)
    sort = SORTS[filters.get("sort") or "-created_at"]
    for field in ("status", "claimant", "article_id", "rating", "language", "assignee_id"):
        if field in filters:
            stmt = stmt.where(getattr(Claim, field) == filters[field])
    if filters.get("unassigned"):
        stmt = stmt.where(Claim.assignee_id.is_(None))
    if "already_checked" in filters:
        alerted = sa.exists().where(ClaimMatch.claim_id == Claim.id)
        stmt = stmt.where(alerted if filters["already_checked"] else ~alerted)
    if "tag" in filters:
        # EXISTS lets the sorted claims index drive the page and stop after `limit` rows.
        stmt = stmt.where(
            sa.exists().where(ClaimTag.claim_id == Claim.id, ClaimTag.tag == filters["tag"])
        )
    if "created_after" in filters:
        stmt = stmt.where(Claim.created_at > filters["created_after"])
    if "created_before" in filters:
        stmt = stmt.where(Claim.created_at < filters["created_before"])
    if "q" in filters:  # last: the search ranks only claims that pass every other filter
        every, language = bool(filters.get("sort")), filters.get("language")
        stmt, relevance = by_relevance(stmt, filters["q"], every_match=every, language=language)
        sort = SORTS[filters["sort"]] if filters.get("sort") else relevance
    return paginate(
        db.session, stmt, sort=sort, id_column=Claim.id, limit=limit, cursor=cursor, rows=True
    )


def review_queue(actor: User, *, limit: int, cursor: str | None) -> Page:
    """The actor's work: claims assigned to them and still open, and unassigned in_review ones."""
    mine = sa.and_(Claim.assignee_id == actor.id, Claim.status.in_(workflow.ASSIGNABLE))
    unclaimed = sa.and_(Claim.assignee_id.is_(None), Claim.status == "in_review")
    stmt = documents.listed()
    stmt = stmt.where(Claim.deleted_at.is_(None), sa.or_(mine, unclaimed))
    return paginate(
        db.session, stmt, sort=QUEUE_ORDER, id_column=Claim.id, limit=limit, cursor=cursor,
        rows=True,
    )  # fmt: skip
