"""Reviewer discussion on a claim. Only a comment's author edits or deletes it."""

from datetime import UTC, datetime

import sqlalchemy as sa

from factcheck.errors import Conflict, Forbidden, NotFound
from factcheck.extensions import db
from factcheck.models import Comment, User
from factcheck.services import claims, history
from factcheck.services.common import require_version
from factcheck.services.pagination import Page, Sort, paginate

OLDEST_FIRST = Sort.by("id", Comment.id)


def create(claim_id: int, body: str, actor: User) -> Comment:
    claim = claims.lock(claim_id, actor)  # a deleted claim takes no new comments
    comment = Comment(claim_id=claim.id, author_id=actor.id, body=body)
    db.session.add(comment)
    db.session.flush()
    history.record(
        claim.id, actor, "comment", entity="comment", entity_id=comment.id,
        changes={"body": {"before": None, "after": body}},
    )  # fmt: skip
    db.session.flush()
    return comment


def get(comment_id: int, actor: User) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(f"Comment {comment_id} does not exist.")
    claims.get(comment.claim_id, actor)
    return comment


def _own(comment_id: int, actor: User, expected_version: int | None) -> Comment:
    comment = get(comment_id, actor)
    if comment.author_id != actor.id:
        raise Forbidden("Only the author of a comment can change or delete it.")
    if comment.deleted_at is not None:
        raise Conflict(f"Comment {comment_id} has been deleted.")
    require_version(comment, expected_version)
    return comment


def update(
    comment_id: int, body: str, actor: User, *, expected_version: int | None = None
) -> Comment:
    comment = _own(comment_id, actor, expected_version)
    diff = history.changes(comment, {"body": body})
    if diff:
        comment.body = body
        history.record(
            comment.claim_id, actor, "edit_comment", entity="comment", entity_id=comment.id,
            changes=diff,
        )  # fmt: skip
        db.session.flush()
    return comment


def delete(comment_id: int, actor: User, *, expected_version: int | None = None) -> None:
    """Leave a tombstone: the comment stays in the thread without its body; history keeps it."""
    comment = _own(comment_id, actor, expected_version)
    history.record(
        comment.claim_id, actor, "delete_comment", entity="comment", entity_id=comment.id,
        changes={"body": {"before": comment.body, "after": None}},
    )  # fmt: skip
    comment.body = None
    comment.deleted_at = datetime.now(UTC)
    db.session.flush()


def list_for_claim(claim_id: int, actor: User, *, limit: int, cursor: str | None) -> Page:
    claims.get(claim_id, actor)
    stmt = sa.select(Comment).where(Comment.claim_id == claim_id)
    return paginate(
        db.session, stmt, sort=OLDEST_FIRST, id_column=Comment.id, limit=limit, cursor=cursor
    )
