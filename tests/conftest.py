"""Test fixtures: one migrated database per session, emptied after every test.

The suite runs on a temporary SQLite file by default and on PostgreSQL when
FACTCHECK_TEST_DATABASE_URL is set. The schema comes from the Alembic migrations, so
tests exercise exactly what `flask db upgrade` builds.
"""

import os

import flask_migrate
import pytest
import sqlalchemy as sa

from factcheck import create_app
from factcheck.config import TestingConfig, normalise_database_url
from factcheck.extensions import db


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("FACTCHECK_TEST_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


def make_app(database_url: str, **overrides):
    config = type(
        "TestConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": database_url, **overrides}
    )
    return create_app(config)


def drop_everything() -> None:
    """Leave the database empty, whatever an earlier (perhaps aborted) run left in it."""
    metadata = sa.MetaData()
    metadata.reflect(bind=db.engine)
    metadata.drop_all(bind=db.engine)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = make_app(database_url)
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    with app.app_context():
        drop_everything()
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(request):
    """Every test starts from empty tables (cheaper than rebuilding the schema)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
