"""Row locks that put concurrent writers of one claim or article in a queue.

Every rule that depends on a claim's status (is its evidence frozen? may it be proposed?) is
checked after taking the claim's lock, and every change to the claim's evidence, verdict or
status takes it first, so no two requests can both read a status and then act on it.
PostgreSQL locks the row (FOR UPDATE, or FOR SHARE for writers that may run side by side,
such as two claims added to one article); SQLite has one write lock for the whole database,
taken by a no-op write, and no other writer can commit until this transaction ends.
"""

import sqlalchemy as sa

from factcheck.extensions import db


def _lock(table: sa.Table, row_id: int, *, share: bool) -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = sa.select(table.c.id).where(table.c.id == row_id)
        db.session.execute(stmt.with_for_update(read=share))
    else:
        db.session.execute(
            sa.text(f"UPDATE {table.name} SET id = id WHERE id = :id"), {"id": row_id}
        )


def for_update(model, row_id: int) -> None:
    """Lock the row against every other writer until this transaction ends."""
    _lock(model.__table__, row_id, share=False)


def for_share(model, row_id: int) -> None:
    """Keep the row from changing (or being deleted) until this transaction ends."""
    _lock(model.__table__, row_id, share=True)
