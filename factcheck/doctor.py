"""What `flask --app wsgi config` reports: the settings in use and what production still lacks.

Each finding is something a desk would regret in production (links built from whatever Host a
request names, cursors signed with a key only this machine has, limits counted per process);
the command exits 1 with --check when there is any, so a deployment can refuse to go on.
"""

import os
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import Flask
from flask.helpers import get_load_dotenv

from factcheck.extensions import db
from factcheck.health import readiness_checks
from factcheck.models import User
from factcheck.services import seeding


@dataclass
class Report:
    settings: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def report(app: Flask) -> Report:
    config = app.config
    result = Report()
    add = result.settings.append

    add(("settings file", _settings_file()))
    url = sa.make_url(config["SQLALCHEMY_DATABASE_URI"])
    checks = readiness_checks()
    add(("database", f"{url.render_as_string(hide_password=True)} ({_database_state(checks)})"))
    if url.get_backend_name() == "sqlite":
        result.missing.append(
            "DATABASE_URL: SQLite serves one machine; production runs on PostgreSQL "
            "(postgresql://user:password@host/db)."
        )
    for name, check in checks.items():
        if check["status"] != "ok":
            result.missing.append(f"{name}: {check.get('detail', 'the check failed')}")

    public_url = config.get("FACTCHECK_PUBLIC_URL")
    add(("public URL", public_url or "unset: links are built from the request's Host"))
    if not public_url:
        result.missing.append(
            "FACTCHECK_PUBLIC_URL: the address readers and partners use; links, ClaimReview "
            "and webhooks name it."
        )
    add(("trusted hosts", config["FACTCHECK_TRUSTED_HOSTS"] or _default_hosts(public_url)))

    from_environment = bool(os.environ.get("FACTCHECK_SECRET_KEY"))
    add(("secret key", "from FACTCHECK_SECRET_KEY" if from_environment else "instance/secret_key"))
    if not from_environment:
        result.missing.append(
            "FACTCHECK_SECRET_KEY: a key kept in this machine's instance/ folder signs cursors; "
            "set the same value on every server."
        )

    queue_url = config["FACTCHECK_QUEUE_URL"]
    add(("job queue", _redacted(queue_url) if queue_url else "embedded: each server runs jobs"))

    limits = config["RATELIMIT_STORAGE_URI"]
    state = "on" if config["RATELIMIT_ENABLED"] else "off"
    add(("rate limits", f"{state}, {config['FACTCHECK_RATE_LIMIT']} per token, kept in "
         f"{_redacted(limits)}"))  # fmt: skip
    if config["RATELIMIT_ENABLED"] and limits.startswith("memory://"):
        result.missing.append(
            "RATELIMIT_STORAGE_URI: limits are counted per process; redis://host:6379/0 shares "
            "them between workers and servers."
        )

    if config["FACTCHECK_WEBHOOKS_ALLOW_PRIVATE"]:
        result.missing.append(
            "FACTCHECK_WEBHOOKS_ALLOW_PRIVATE is on: webhooks may reach this network's private "
            "addresses; for development only."
        )
    demo_users = _demo_users(checks)
    add(("demo data", _demo_state(config["FACTCHECK_DEMO"], demo_users)))
    if config["FACTCHECK_DEMO"] or demo_users:
        result.missing.append(
            "demo data: FACTCHECK_DEMO is on or demo users exist; production starts without them."
        )
    add(("semantic matching", "on" if config["FACTCHECK_SEMANTIC_MATCHING"] else "off"))
    return result


def _settings_file() -> str:
    if not get_load_dotenv():
        return "none (FLASK_SKIP_DOTENV)"
    import dotenv

    found = [
        path for name in (".env", ".flaskenv") if (path := dotenv.find_dotenv(name, usecwd=True))
    ]
    return ", ".join(found) or "none (.env not found; the environment alone)"


def _database_state(checks: dict) -> str:
    if checks["database"]["status"] != "ok":
        return "unreachable"
    migrations = checks["migrations"]
    if migrations["status"] == "ok":
        return "reachable, schema up to date"
    return "reachable, schema behind: flask --app wsgi db upgrade"


def _default_hosts(public_url: str | None) -> str:
    return "any (links come from the public URL)" if public_url else "localhost only"


def _redacted(url: str) -> str:
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _demo_users(checks: dict) -> int:
    if checks["migrations"]["status"] != "ok":
        return 0
    names = seeding.demo_user_names(seeding.default_directory())
    if not names:
        return 0
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(User).where(User.name.in_(names))
    )


def _demo_state(enabled: bool, demo_users: int) -> str:
    loaded = f"{demo_users} demo users present" if demo_users else "none loaded"
    return f"{'FACTCHECK_DEMO on' if enabled else 'off'}, {loaded}"
