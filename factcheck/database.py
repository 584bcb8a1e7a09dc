"""Engine behaviour that differs by backend, and what a lost database connection means."""

import os
import sqlite3
import weakref

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import Engine

from factcheck.errors import problem
from factcheck.extensions import db


@sa.event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless asked; WAL lets readers and a writer work at once.
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


@sa.event.listens_for(Engine, "connect")
def _postgresql_custom_plans(dbapi_connection, _record):
    """psycopg prepares a statement run five times, and PostgreSQL may then plan it once for
    any parameters. A search's cost hangs on its words (a rare one wants the GIN index, a
    common one the id index walked backwards), which a generic plan cannot know: one rare
    word planned as a common one reads the whole table. Plan every execution for its values."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        return
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_connection.commit()


@sa.event.listens_for(Engine, "savepoint")
def _sqlite_transaction_before_savepoint(connection, _name):
    """pysqlite starts a transaction only before a data-changing statement, not before a
    SAVEPOINT: SQLite would then open one of its own that the savepoint's RELEASE commits,
    half-way through the unit of work. Begin the real transaction first."""
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


_engines: "weakref.WeakSet[Engine]" = weakref.WeakSet()


@sa.event.listens_for(Engine, "engine_connect")
def _track_engine(connection):
    _engines.add(connection.engine)


def _forget_inherited_connections():
    """After a fork (gunicorn's preload, test servers) the child opens connections of its own.

    dispose(close=False) drops the parent's pooled connections without closing them, which
    would end the parent's sessions on the server.
    """
    for engine in list(_engines):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def init_app(app: Flask) -> None:
    from factcheck.rest import problem_response

    @app.errorhandler(sa.exc.OperationalError)
    @app.errorhandler(sa.exc.InterfaceError)
    def database_unavailable(error):
        db.session.rollback()
        app.logger.warning("database unavailable: %s", error.__class__.__name__)
        body = problem(503, "The database is unavailable; retry shortly.", slug="unavailable")
        return problem_response(body, {"Retry-After": "1"})


def upsert(session, model, *, key: str, update: tuple[str, ...]):
    """An INSERT of `model` rows that updates `update` when a row with the same `key` exists,
    in the session's own dialect (both speak ON CONFLICT)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(model)
    return stmt.on_conflict_do_update(
        index_elements=[key], set_={name: stmt.excluded[name] for name in update}
    )
