"""Engine behaviour that differs by backend, and what a lost database connection means."""

import sqlite3

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


def init_app(app: Flask) -> None:
    from factcheck.rest import problem_response

    @app.errorhandler(sa.exc.OperationalError)
    @app.errorhandler(sa.exc.InterfaceError)
    def database_unavailable(error):
        db.session.rollback()
        app.logger.warning("database unavailable: %s", error.__class__.__name__)
        body = problem(503, "The database is unavailable; retry shortly.", slug="unavailable")
        return problem_response(body, {"Retry-After": "1"})
