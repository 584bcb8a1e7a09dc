"""Extension instances, created unbound and initialised by the app factory.

The flask-smorest Api is not here: it keeps per-app state (its OpenAPI spec), so
create_app makes one for each app.
"""

import weakref

import sqlalchemy as sa
from flask import has_request_context, request
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names let Alembic find, alter and drop constraints on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


READ_ONLY_METHODS = ("GET", "HEAD")


class RequestSession(Session):
    """GET and HEAD requests change nothing (the one write they may make, a token's
    last-used time, stands alone), so their statements run in autocommit: no BEGIN and COMMIT
    round trips, which on PostgreSQL are as many as the reads themselves."""

    def get_bind(self, *args, **kwargs):
        engine = super().get_bind(*args, **kwargs)
        if not (has_request_context() and request.method in READ_ONLY_METHODS):
            return engine
        if engine not in _autocommit:  # the same pool, its connections in autocommit
            _autocommit[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
        return _autocommit[engine]


_autocommit: "weakref.WeakKeyDictionary[sa.Engine, sa.Engine]" = weakref.WeakKeyDictionary()


db = SQLAlchemy(model_class=Base, session_options={"class_": RequestSession})
migrate = Migrate()
