"""Helpers every use case shares: loading by id, optimistic concurrency, committing."""

import functools

from sqlalchemy.orm.exc import StaleDataError

from factcheck.errors import NotFound, PreconditionFailed
from factcheck.extensions import db

MAX_ATTEMPTS = 5


class ConcurrentUpdate(PreconditionFailed):
    """A row changed between this request reading it and writing it."""


def get_or_404(model, object_id: int, *, options=(), for_update: bool = False):
    """Load by id; `for_update` locks the row (PostgreSQL) so concurrent writers queue."""
    obj = db.session.get(model, object_id, options=options, with_for_update=for_update or None)
    if obj is None:
        raise NotFound(f"{model.__name__} {object_id} does not exist.")
    return obj


def require_version(obj, expected_version: int | None) -> None:
    """Refuse a change made against an older representation (If-Match with a stale ETag)."""
    if expected_version is not None and obj.version != expected_version:
        raise PreconditionFailed(
            f"{type(obj).__name__} {obj.id} has changed since you read it; "
            "fetch it again and reapply your change.",
            current_etag=f'"{obj.version}"',
        )


DEFER_COMMIT = "defer_commit"


def commit() -> None:
    """Commit the request's unit of work; a concurrent writer that won first makes this a 412.

    When the caller has asked to commit itself (`DEFER_COMMIT` in the session's info: an
    idempotent request that stores its response in the same transaction), only flush, so
    every error still surfaces here.
    """
    try:
        if db.session.info.get(DEFER_COMMIT):
            db.session.flush()
        else:
            db.session.commit()
    except StaleDataError as exc:
        db.session.rollback()
        raise _lost_race() from exc


def _lost_race() -> ConcurrentUpdate:
    return ConcurrentUpdate(
        "Another request changed this resource at the same time; fetch it again."
    )


def retry_on_conflict(use_case):
    """Run a use case again if a concurrent writer got there first.

    Only when the client did not pin a version with If-Match: then losing the race is a 412.
    The race can surface at commit or at any flush before it, so both are caught here.
    """

    @functools.wraps(use_case)
    def run(*args, **kwargs):
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return use_case(*args, **kwargs)
            except (ConcurrentUpdate, StaleDataError) as exc:
                db.session.rollback()
                if kwargs.get("expected_version") is not None or attempt == MAX_ATTEMPTS:
                    raise _lost_race() from exc

    return run
