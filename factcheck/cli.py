"""Command-line tools: `flask --app wsgi seed`, alongside Flask-Migrate's `db` group."""

from pathlib import Path

import click
from flask import Flask, current_app

from factcheck.services import seeding


def default_seed_directory() -> Path:
    return Path(current_app.root_path).parent / "seeds"


@click.command("seed")
@click.option(
    "--path",
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of seed files (default: the project's seeds/).",
)
def seed_command(directory: Path | None) -> None:
    """Load the sample articles and claims; running it again adds nothing."""
    report = seeding.load_directory(directory or default_seed_directory())
    click.echo(
        f"Seeded {report.articles_created} article(s) and {report.claims_created} claim(s); "
        f"{len(report.skipped)} already present."
    )


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_command)
