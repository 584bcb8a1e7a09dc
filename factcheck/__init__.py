"""factcheck: a fact-check claims REST API."""

import contextlib
import os
import secrets
import tempfile

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from factcheck.config import Config
from factcheck.jsonsafe import JSONProvider


class FactcheckApp(Flask):
    def dispatch_request(self):
        """Every view runs in one unit of work that commits once if it succeeds."""
        from factcheck import unit_of_work

        return unit_of_work.run_request(super().dispatch_request, self.make_response)


def create_app(config: type[Config] | None = None) -> Flask:
    app = FactcheckApp(__name__, instance_relative_config=True, static_folder=None)
    app.config.from_object(config or Config)
    # HTML-safe JSON (factcheck/jsonsafe.py), fields in schema order: ids first, timestamps last.
    app.json = JSONProvider(app)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        path = os.path.join(app.instance_path, "factcheck.db")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)
    if app.config.get("FACTCHECK_SEMANTIC_MATCHING"):
        from factcheck.matching import semantic

        if not semantic.installed():  # refuse to start rather than match lexically unnoticed
            raise RuntimeError(
                "FACTCHECK_SEMANTIC_MATCHING is on but the semantic extra is not installed: "
                "pip install -e '.[semantic]'"
            )

    register_operations(app)
    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    return app


def register_operations(app: Flask) -> None:
    """Request ids and logs first (they see every request), then rate limits and CORS, then
    bodies of unknown length (read up to the size limit before any view)."""
    from factcheck import limits, observability, request_body

    proxies = app.config["FACTCHECK_TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    observability.init_app(app)
    limits.init_app(app)
    request_body.init_app(app)


def _instance_secret(instance_path: str) -> str:
    """A key kept in instance/ so every worker and restart signs cursors the same way. Processes
    starting together on a fresh folder all end up with the one key that was linked first."""
    path = os.path.join(instance_path, "secret_key")
    try:
        with open(path) as fh:
            return fh.read().strip()
    except FileNotFoundError:
        pass
    fd, written = tempfile.mkstemp(dir=instance_path, prefix=".secret_key.")  # mode 0600
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
        # Atomic: the whole file appears, or another process's stays.
        with contextlib.suppress(FileExistsError):
            os.link(written, path)
    finally:
        os.unlink(written)
    with open(path) as fh:
        return fh.read().strip()


def register_extensions(app: Flask) -> None:
    from factcheck import database, queue
    from factcheck.extensions import db, migrate
    from factcheck.services import (  # noqa: F401 (session hooks: documents render claims,
        alerts,  # are the kinds of background job)
        articles,  # the outbox turns their history into events; articles and alerts
        documents,
        outbox,
    )

    db.init_app(app)
    database.init_app(app)
    queue.init_app(app)
    # The project's migrations/, found from any working folder (`flask db` and servers alike).
    migrations = os.path.join(os.path.dirname(app.root_path), "migrations")
    migrate.init_app(app, db, directory=migrations, render_as_batch=True, compare_type=True)


def register_blueprints(app: Flask) -> None:
    from factcheck import reader
    from factcheck.api import register_blueprints as register_api
    from factcheck.health import blp as health
    from factcheck.rest import Api

    api = Api(app)
    register_api(app, api)
    api.register_blueprint(health)
    reader.init_app(app)  # HTML for readers, outside /api/v1 and the OpenAPI document


def register_commands(app: Flask) -> None:
    from factcheck.cli import register_commands as register_cli

    register_cli(app)
