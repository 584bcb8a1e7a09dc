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
from factcheck.models import ROLES
from factcheck.services import accounts
from factcheck.unit_of_work import transaction

# Servers and commands the tests start read no .env a developer keeps in the project folder.
os.environ["FLASK_SKIP_DOTENV"] = "1"


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
    if db.engine.dialect.name == "postgresql":  # functions the migrations created
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP FUNCTION IF EXISTS claim_search_config(text)"))


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


@pytest.fixture
def app_with(app, database_url):
    """app_with(**config): an app on the suite's database with its own configuration."""
    made = []

    def make(**overrides):
        other = make_app(database_url, **overrides)
        other.instance_path = app.instance_path
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture(autouse=True)
def _push_request_context():
    """Replaces pytest-flask's fixture of this name, which keeps one request context open for
    the whole test: every test-client request then shared one database session. Here each
    request gets its own context and session, as it does when served."""


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


@pytest.fixture
def loopback_allowed(app):
    """Webhooks may go to receivers on this machine (FACTCHECK_WEBHOOKS_ALLOW_PRIVATE)."""
    app.config["FACTCHECK_WEBHOOKS_ALLOW_PRIVATE"] = True
    yield
    app.config["FACTCHECK_WEBHOOKS_ALLOW_PRIVATE"] = False


@pytest.fixture
def tokens(app) -> dict[str, str]:
    """A user of each role, named after it, with an API token: {"reviewer": "fct_..."}."""
    with app.app_context(), transaction():
        issued = {}
        for role in ROLES:
            user = accounts.create_user(role, role)
            issued[role] = accounts.issue_token(user).secret
        user = accounts.create_user("reviewer-2", "reviewer")
        issued["reviewer-2"] = accounts.issue_token(user).secret
        user = accounts.create_user("editor-2", "editor")
        issued["editor-2"] = accounts.issue_token(user).secret
        return issued


@pytest.fixture
def client_as(app, tokens):
    """client_as("reviewer") is a test client that sends that user's token."""

    def make(who: str | None):
        client = app.test_client()
        if who is not None:
            client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {tokens[who]}"
        return client

    return make


@pytest.fixture
def client(client_as):
    """The default client is an editor: every desk permission, none of the admin's."""
    return client_as("editor")


@pytest.fixture
def anonymous(app):
    return app.test_client()
