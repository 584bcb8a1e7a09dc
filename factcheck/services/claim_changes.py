"""Work done once per transaction for the claims it changed, just before it commits: the
stored documents and the text embeddings are kept current this way, by the session rather
than by each use case, so no write path can forget them."""

from collections.abc import Callable, Iterable

import sqlalchemy as sa
import sqlalchemy.orm as so


def before_commit(
    key: str,
    changed: Callable[[so.Session], Iterable[int]],
    act: Callable[[so.Session, set[int]], object],
) -> None:
    """After every flush, note the claim ids `changed(session)` names (under session.info[key]);
    when the whole transaction commits, flush and call `act(session, ids)` once."""

    @sa.event.listens_for(so.Session, "after_flush")
    def _note(session, _context):
        ids = changed(session)
        if ids:
            session.info.setdefault(key, set()).update(ids)

    @sa.event.listens_for(so.Session, "before_commit")
    def _act(session):
        # Savepoints (a batch's items) commit too: act once, when the whole transaction does.
        if session.in_nested_transaction() or not session.info.get(key):
            return
        session.flush()  # the last changes, and their versions, are in the database
        act(session, session.info.pop(key))

    @sa.event.listens_for(so.Session, "after_transaction_end")
    def _forget(session, transaction):
        # A rolled-back savepoint's claims are simply not found when acting; a whole
        # transaction's end (after the commit acted, or a rollback) forgets them all.
        if transaction.parent is None:
            session.info.pop(key, None)
