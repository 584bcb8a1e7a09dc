"""/healthz and /readyz: for load balancers and orchestrators, open to everyone.

- `/healthz` says the process is up and serving (liveness); it touches nothing else.
- `/readyz` says this process can serve traffic: the database answers and its schema is at the
  migrations' head. Otherwise it is a 503 problem naming the check that failed, with
  `Retry-After`.

Both are cheap, unauthenticated (they ignore any Authorization header), exempt from rate
limits, and their successes are logged at DEBUG only.
"""

import os

import flask_smorest
import marshmallow as ma
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import current_app

from factcheck.errors import PROBLEM_CONTENT_TYPE, problem
from factcheck.extensions import db
from factcheck.rest import problem_response
from factcheck.schemas.problem import ProblemSchema

RETRY_AFTER_SECONDS = 5
VERSION_TABLE = "alembic_version"  # alembic's default; migrations/env.py keeps it

blp = flask_smorest.Blueprint(
    "health", __name__, url_prefix="", description="Liveness and readiness probes"
)


class HealthOut(ma.Schema):
    status = ma.fields.String(required=True, metadata={"enum": ["ok"]})


class CheckOut(ma.Schema):
    status = ma.fields.String(required=True, metadata={"enum": ["ok", "fail", "unknown"]})
    detail = ma.fields.String(metadata={"description": "Why the check did not pass"})
    current = ma.fields.List(
        ma.fields.String(), metadata={"description": "Revisions the database is at"}
    )
    head = ma.fields.List(
        ma.fields.String(), metadata={"description": "Revisions the code expects"}
    )


class ChecksOut(ma.Schema):
    database = ma.fields.Nested(CheckOut, required=True)
    migrations = ma.fields.Nested(CheckOut, required=True)


class ReadyOut(ma.Schema):
    status = ma.fields.String(required=True, metadata={"enum": ["ready"]})
    checks = ma.fields.Nested(ChecksOut, required=True)


class NotReadyProblem(ProblemSchema):
    checks = ma.fields.Nested(ChecksOut, required=True)


RETRY_AFTER_HEADER = {
    "description": "Seconds to wait before probing again",
    "schema": {"type": "integer"},
}


@blp.route("/healthz")
@blp.doc(operationId="checkLiveness")
@blp.doc(security=[])
@blp.response(200, HealthOut)
def healthz():
    """Liveness: the process is up"""
    return {"status": "ok"}


@blp.route("/readyz")
@blp.doc(operationId="checkReadiness")
@blp.doc(security=[])
@blp.response(200, ReadyOut)
@blp.alt_response(
    503,
    schema=NotReadyProblem,
    content_type=PROBLEM_CONTENT_TYPE,
    description="Not ready: `checks` names the check that failed",
    headers={"Retry-After": RETRY_AFTER_HEADER},
)
def readyz():
    """Readiness: the database answers and its schema is at the migrations' head"""
    checks = readiness_checks()
    failed = [name for name, check in checks.items() if check["status"] != "ok"]
    if not failed:
        return {"status": "ready", "checks": checks}
    detail = " ".join(checks[name].get("detail", f"The {name} check failed.") for name in failed)
    body = problem(503, detail, slug="not-ready", checks=checks)
    return problem_response(body, {"Retry-After": str(RETRY_AFTER_SECONDS)})


def readiness_checks() -> dict[str, dict]:
    try:
        with db.engine.connect() as connection:
            current = database_revisions(connection)
    except sa.exc.SQLAlchemyError as error:
        current_app.logger.warning("readiness: database unreachable: %s", type(error).__name__)
        return {
            "database": {"status": "fail", "detail": "The database is unreachable."},
            "migrations": {
                "status": "unknown",
                "detail": "The schema's revision cannot be read without the database.",
            },
        }
    database = {"status": "ok"}
    try:
        head = script_heads()
    except Exception as error:  # a broken deployment: the scripts are missing or unreadable
        current_app.logger.error("readiness: migration scripts unreadable: %s", error)
        return {
            "database": database,
            "migrations": {"status": "fail", "detail": "The migration scripts cannot be read."},
        }
    migrations = {"status": "ok", "current": current, "head": head}
    if not current:
        migrations.update(status="fail", detail="The database has no migrations applied.")
    elif current != head:
        migrations.update(
            status="fail", detail="The database schema is not at the migrations' head."
        )
    return {"database": database, "migrations": migrations}


def database_revisions(connection: sa.Connection) -> list[str]:
    """The revisions recorded in the database (what alembic's `current` shows), quietly."""
    if not sa.inspect(connection).has_table(VERSION_TABLE):
        return []
    rows = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return sorted(row[0] for row in rows)


def script_heads() -> list[str]:
    """The head revisions of the migration scripts, read once per app."""
    state = current_app.extensions.setdefault("factcheck_health", {})
    if "heads" not in state:
        state["heads"] = sorted(ScriptDirectory(_migrations_directory()).get_heads())
    return state["heads"]


def _migrations_directory() -> str:
    directory = current_app.extensions["migrate"].directory
    if os.path.isabs(directory) or os.path.isdir(directory):
        return directory
    # Flask-Migrate reads it relative to the working directory; servers may start elsewhere.
    return os.path.join(os.path.dirname(current_app.root_path), directory)
