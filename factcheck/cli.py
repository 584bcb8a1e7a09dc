"""Command-line tools, alongside Flask-Migrate's `db` group:

flask --app wsgi config [--check]
flask --app wsgi seed [--path DIR] [--print-tokens] [--if-demo]
flask --app wsgi extract PATH [--publisher NAME]
flask --app wsgi users create NAME --role ROLE | token NAME | revoke NAME | list
flask --app wsgi import-claimreview PATH... --user NAME
flask --app wsgi import-claims FILE... --user NAME
flask --app wsgi documents refresh [--jobs N]
"""

import codecs
import itertools
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click
import marshmallow as ma
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from factcheck import bounded_json, doctor, extraction
from factcheck.claimreview import claimskg
from factcheck.errors import DomainError
from factcheck.extensions import db
from factcheck.matching import semantic
from factcheck.models import ROLES
from factcheck.schemas.extraction import ExtractOut
from factcheck.schemas.user import UserIn
from factcheck.services import (
    accounts,
    batches,
    documents,
    embeddings,
    imports,
    language_detection,
    seeding,
)
from factcheck.unit_of_work import transaction

users_group = AppGroup("users", help="Manage users and their API tokens.")
documents_group = AppGroup("documents", help="The claims' stored read representations.")


def _unit_of_work(func):
    """One transaction for the command, committed if it succeeds; a refused operation becomes
    a one-line error and exit status 1."""

    def run(*args, **kwargs):
        try:
            with transaction():
                return func(*args, **kwargs)
        except DomainError as error:
            raise click.ClickException(error.detail) from error

    run.__name__, run.__doc__ = func.__name__, func.__doc__
    return run


@click.command("seed")
@click.option(
    "--path",
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of seed files (default: the project's seeds/).",
)
@click.option(
    "--print-tokens", is_flag=True, help="Issue a new token for each demo user and print it."
)
@click.option(
    "--if-demo",
    is_flag=True,
    help="Only when FACTCHECK_DEMO is on (make run); print tokens when the users are new.",
)
@with_appcontext
@_unit_of_work
def seed_command(directory: Path | None, print_tokens: bool, if_demo: bool) -> None:
    """Load the demo users, sample articles and claims; running it again adds nothing."""
    if if_demo and not current_app.config["FACTCHECK_DEMO"]:
        return
    report = seeding.load_directory(directory or seeding.default_directory())
    click.echo(
        f"Seeded {report.users_created} user(s), {report.articles_created} article(s) and "
        f"{report.claims_created} claim(s); {len(report.skipped)} already present."
    )
    if if_demo and not report.users_created:
        click.echo("Demo users exist already; new tokens: flask --app wsgi seed --print-tokens")
    if print_tokens or (if_demo and report.users_created):
        for name in report.user_names:
            issued = accounts.issue_token(accounts.find_user(name), "demo")
            click.echo(f"{name}: {issued.secret}")


@click.command("config")
@click.option("--check", is_flag=True, help="Exit with status 1 if production lacks anything.")
@with_appcontext
def config_command(check: bool) -> None:
    """Show the database, public URL, queue and limits in use, and what production lacks."""
    found = doctor.report(current_app)
    width = max(len(name) for name, _ in found.settings)
    for name, value in found.settings:
        click.echo(f"{name:<{width}}  {value}")
    if not found.missing:
        click.echo("Ready for production.")
        return
    click.echo(f"Not ready for production ({len(found.missing)}):")
    for item in found.missing:
        click.echo(f"  - {item}")
    if check:
        raise SystemExit(1)


@click.command("extract")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publisher", help="Claimant for the publisher's own unattributed reporting.")
@with_appcontext
def extract_command(path: Path, publisher: str | None) -> None:
    """Print the claims found in a text file, as POST /api/v1/extract answers them."""
    text = path.read_text(encoding="utf-8")
    found = extraction.extract(text, publisher=publisher)
    click.echo(json.dumps(ExtractOut().dump({"claims": found}), ensure_ascii=False, indent=2))


@users_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--display-name", help="The name people know them by.")
@_unit_of_work
def create_user(name: str, role: str, display_name: str | None) -> None:
    """Add a user and print a new API token for them (the last line)."""
    try:
        data = UserIn().load({"name": name, "role": role, "display_name": display_name})
    except ma.ValidationError as error:
        raise click.BadParameter(str(error.messages), param_hint="NAME") from error
    user = accounts.create_user(data["name"], data["role"], data.get("display_name"))
    issued = accounts.issue_token(user, "cli")
    click.echo(f"Created {user.role} {user.name} (id {user.id}). API token:")
    click.echo(issued.secret)


@users_group.command("token")
@click.argument("name")
@click.option("--label", help="What the token is for.")
@_unit_of_work
def issue_token(name: str, label: str | None) -> None:
    """Issue another API token for a user (printed as the last line)."""
    issued = accounts.issue_token(accounts.find_user(name), label)
    click.echo(f"New token for {name} (starts {issued.prefix}):")
    click.echo(issued.secret)


@users_group.command("revoke")
@click.argument("name")
@click.option("--prefix", help="Revoke only the token starting with this; default: all of them.")
@_unit_of_work
def revoke_tokens(name: str, prefix: str | None) -> None:
    """Revoke a user's tokens."""
    user = accounts.find_user(name)
    if prefix is None:
        count = accounts.revoke_all(user)
    else:
        matching = [t for t in accounts.list_tokens(user.id) if t.prefix.startswith(prefix)]
        if not matching:
            raise click.ClickException(f"{name} has no token starting with {prefix!r}.")
        for token in matching:
            accounts.revoke_token(token)
        count = len(matching)
    click.echo(f"Revoked {count} token(s) of {name}.")


@users_group.command("list")
def list_users() -> None:
    """List users with their roles."""
    cursor = None
    while True:
        page = accounts.list_users(limit=100, cursor=cursor)
        for user in page.items:
            state = "" if user.active else " (inactive)"
            click.echo(f"{user.id}\t{user.name}\t{user.role}{state}")
        if page.next_cursor is None:
            break
        cursor = page.next_cursor


@click.command("import-claimreview")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--user", "user_name", required=True, help="The editor the import is recorded as.")
@with_appcontext
@_unit_of_work
def import_claimreview_command(paths: tuple[Path, ...], user_name: str) -> None:
    """Import ClaimReview JSON-LD files (or ClaimsKG .csv exports) as published fact-checks."""
    actor = accounts.find_user(user_name)
    for path in paths:
        if path.suffix.lower() == ".csv":
            document = claimskg.read(path)
        else:
            document = path.read_text(encoding="utf-8")
        with transaction():  # each file commits on its own
            report = imports.import_document(document, actor)
        click.echo(
            f"{path.name}: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
        )
        for item in report.skipped:
            click.echo(f"  item {item['index']}: {item['reason']}")


# Lines of an NDJSON import stored per transaction: a failure loses at most this many.
IMPORT_CHUNK_LINES = 1000


def _ndjson_lines(stream):
    """(line number, JSON value, None) or (line number, None, reason) per non-blank line."""
    for number, raw in enumerate(stream, start=1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            yield number, bounded_json.loads(raw.decode("utf-8")), None
        except UnicodeDecodeError:
            yield number, None, "not UTF-8 text"
        except json.JSONDecodeError as error:
            yield number, None, f"not JSON ({error})"
        except bounded_json.RefusedJSON as error:
            yield number, None, f"refused JSON ({error})"


def _reason(refused: dict) -> str:
    if not refused.get("errors"):
        return refused["detail"]
    return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in refused["errors"].items())


@click.command("import-claims")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
@click.option("--user", "user_name", required=True, help="The user the claims are submitted as.")
@with_appcontext
@_unit_of_work
def import_claims_command(paths: tuple[str, ...], user_name: str) -> None:
    """Submit claims from NDJSON files (one POST /claims body a line; `-` is standard input)."""
    actor = accounts.find_user(user_name)
    for path in paths:
        created, refused = 0, []
        with click.open_file(path, "rb") as stream:
            lines = _ndjson_lines(stream)
            while chunk := list(itertools.islice(lines, IMPORT_CHUNK_LINES)):
                parsed = [(number, value) for number, value, reason in chunk if reason is None]
                with transaction():  # each chunk commits on its own
                    report = batches.submit_claims(
                        [value for _, value in parsed], actor, duplicates=False
                    )
                created += report.created
                refused += [(number, reason) for number, _, reason in chunk if reason]
                refused += [
                    (parsed[item["index"]][0], _reason(item))
                    for item in report.items
                    if item["status"] != 201
                ]
        click.echo(f"{'stdin' if path == '-' else path}: {created} created, {len(refused)} refused")
        for number, reason in sorted(refused):
            click.echo(f"  line {number}: {reason}")


@documents_group.command("refresh")
@click.option(
    "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
    help="Processes rendering at once, each a share of the claims.",
)  # fmt: skip
@with_appcontext
def refresh_documents(jobs: int) -> None:
    """Render every claim whose stored document is missing or older than the claim (after a
    bulk load, or an upgrade that changes the representation); reads work meanwhile."""
    if jobs == 1:
        total = _refresh_share(0, 1)
    else:
        # Forked, each process opens its own connections (factcheck/database.py).
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=fork) as pool:
            total = sum(pool.map(_refresh_share, range(jobs), [jobs] * jobs))
    click.echo(f"{total} claim documents rendered")


def _refresh_share(share: int, of: int) -> int:
    rendered, last = 0, 0
    while ids := documents.stale_ids(
        db.session, after=last, limit=documents.CHUNK, share=share, of=of
    ):
        with transaction():  # each chunk commits on its own
            rendered += documents.refresh(db.session, ids)
        last = ids[-1]
    return rendered


@click.command("detect-languages")
@with_appcontext
def detect_languages_command() -> None:
    """Detect the language of claims and articles stored without one (before an upgrade that
    detects it, or loaded in bulk), so that search stems them in their own language."""
    detected = language_detection.backfill()
    click.echo(f"languages detected: {detected['claims']} claims, {detected['articles']} articles")


@click.group("embeddings")
def embeddings_group() -> None:
    """Sentence embeddings for semantic claim matching (FACTCHECK_SEMANTIC_MATCHING)."""


@embeddings_group.command("refresh")
@with_appcontext
def refresh_embeddings() -> None:
    """Encode every claim without an embedding of the current model (stored before semantic
    matching was turned on, or loaded in SQL), 256 per transaction."""
    if not semantic.installed():
        raise click.ClickException(
            "the semantic extra is not installed: pip install -e '.[semantic]'"
        )
    click.echo(f"{embeddings.refresh(db.session)} claim embeddings stored")


@click.command("worker")
@click.option("--threads", default=4, show_default=True, help="Jobs run at once.")
@with_appcontext
def worker_command(threads: int) -> None:
    """Run background jobs (webhook deliveries, extraction, matching) until SIGTERM or SIGINT.

    With FACTCHECK_QUEUE_URL=redis://... any number of these, on any machines, share the work;
    without it the servers run jobs themselves and a worker only sweeps up overdue work.
    """
    import signal
    import threading

    from factcheck import queue

    current = queue.current()
    if current.mode == "inline":
        raise click.UsageError("FACTCHECK_QUEUE_URL=inline runs jobs in the caller; no worker.")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    worker = current.work(threads=threads)
    click.echo(f"factcheck worker: {threads} threads on the {current.mode} queue", err=True)
    stop.wait()
    worker.stop()


def register_commands(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(config_command)
    app.cli.add_command(seed_command)
    app.cli.add_command(extract_command)
    app.cli.add_command(users_group)
    app.cli.add_command(import_claimreview_command)
    app.cli.add_command(import_claims_command)
    app.cli.add_command(documents_group)
    app.cli.add_command(detect_languages_command)
    app.cli.add_command(embeddings_group)
