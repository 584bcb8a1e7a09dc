"""Configuration read from the environment.

DATABASE_URL and PORT keep their conventional names; everything else is FACTCHECK_*.
"""

import os


def normalise_database_url(url: str) -> str:
    """Accept the URLs hosting platforms hand out and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    SQLALCHEMY_DATABASE_URI = normalise_database_url(os.environ.get("DATABASE_URL", ""))
    # pre_ping replaces connections the database dropped (restart, idle timeout) before use.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SECRET_KEY = os.environ.get("FACTCHECK_SECRET_KEY")
    MAX_CONTENT_LENGTH = int(os.environ.get("FACTCHECK_MAX_BODY_BYTES", 1024 * 1024))
    # Public base URL used in links (Location, Link) when the app sits behind a proxy.
    FACTCHECK_PUBLIC_URL = os.environ.get("FACTCHECK_PUBLIC_URL")

    # The organisation that publishes the fact-checks (ClaimReview author, search publisher).
    FACTCHECK_ORGANISATION_NAME = os.environ.get("FACTCHECK_ORGANISATION_NAME", "factcheck")
    FACTCHECK_ORGANISATION_URL = os.environ.get("FACTCHECK_ORGANISATION_URL")

    API_TITLE = "factcheck"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    # Every endpoint needs a bearer token unless it says otherwise (the public fact-checks).
    API_SPEC_OPTIONS = {"security": [{"bearerAuth": []}]}
    OPENAPI_SWAGGER_UI_PATH = "docs"
    # Swagger UI assets come from the installed swagger-ui-bundle package: the page works offline.
    OPENAPI_SWAGGER_UI_URL = "/api/v1/docs/assets/"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("FACTCHECK_TEST_DATABASE_URL", "sqlite://")
    )
    SECRET_KEY = "test-secret-key"
