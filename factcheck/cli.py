"""Command-line tools: `flask --app wsgi seed|extract`, alongside Flask-Migrate's `db` group."""

import json
from pathlib import Path

import click
from flask import Flask, current_app

from factcheck import extraction
from factcheck.schemas.extraction import ExtractOut
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


@click.command("extract")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publisher", help="Claimant for the publisher's own unattributed reporting.")
def extract_command(path: Path, publisher: str | None) -> None:
    """Print the claims found in a text file, as POST /api/v1/extract answers them."""
    text = path.read_text(encoding="utf-8")
    found = extraction.extract(text, publisher=publisher)
    click.echo(json.dumps(ExtractOut().dump({"claims": found}), ensure_ascii=False, indent=2))


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(extract_command)
