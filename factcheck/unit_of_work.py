"""One unit of work per request or CLI command: services change and flush, the edge commits.

A request's change, the history events that describe it and its idempotency record commit
together or not at all, so no service needs to know who called it. A request that lost a race
(a row version changed under it, or PostgreSQL chose it as a serialisation or deadlock victim)
is run again from the start, up to MAX_ATTEMPTS times, unless the client pinned the version it
read with If-Match: then losing is its answer, a 412.
"""

from collections.abc import Callable
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Response, request
from sqlalchemy.orm.exc import StaleDataError

from factcheck import queue
from factcheck.errors import PreconditionFailed
from factcheck.extensions import db

MAX_ATTEMPTS = 5
# PostgreSQL SQLSTATEs for "try the transaction again": serialization_failure, deadlock_detected.
RETRYABLE_SQLSTATES = {"40001", "40P01"}


class ConcurrentUpdate(PreconditionFailed):
    """A row changed between this request reading it and writing it."""

    def __init__(self):
        super().__init__("Another request changed this resource at the same time; fetch it again.")


def _lost_race(error: BaseException) -> bool:
    if isinstance(error, ConcurrentUpdate | StaleDataError):
        return True
    if isinstance(error, sa.exc.OperationalError | sa.exc.IntegrityError):
        return getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES
    return False


def _pinned() -> bool:
    """Did the client say which version it changes (If-Match with an ETag, not `*`)?"""
    return bool(request.if_match) and not request.if_match.star_tag


def run_request(dispatch: Callable[[], object], make_response: Callable[[object], Response]):
    """Dispatch the request's view and commit what it changed once, if it succeeded."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            response = make_response(dispatch())
            if response.status_code < 400:
                db.session.commit()
                queue.run_committed(db.session)
            else:
                db.session.rollback()
            return response
        except BaseException as error:
            db.session.rollback()
            if not _lost_race(error):
                raise
            if _pinned() or attempt == MAX_ATTEMPTS:
                raise ConcurrentUpdate() from error
    raise AssertionError("unreachable")


@contextmanager
def transaction():
    """The unit of work of a CLI command or script: commit on success, roll back on error."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    queue.run_committed(db.session)
