"""The language of claims and articles stored before it was detected (or loaded in bulk):
detected, a chunk per transaction, as creation would have detected it."""

import sqlalchemy as sa

from factcheck import languages
from factcheck.extensions import db
from factcheck.models import Article, Claim
from factcheck.unit_of_work import transaction

CHUNK = 500


def _detect_chunk(model, text_column, after: int) -> tuple[int, int, int]:
    """(rows read, languages set, last id) for the next CHUNK rows of `model` after `after`
    without a language; locked, so an edit at the same time waits rather than being lost."""
    with transaction():
        rows = db.session.scalars(
            sa.select(model)
            .where(model.language.is_(None), model.id > after)
            .order_by(model.id)
            .limit(CHUNK)
            .with_for_update()
        ).all()
        found = 0
        for row in rows:
            language = languages.detect(getattr(row, text_column))
            if language is not None:
                row.language = language  # a new version of the row, as any edit makes
                found += 1
    return len(rows), found, rows[-1].id if rows else after


def backfill() -> dict[str, int]:
    """Detect the language of every claim and article stored without one; how many of each
    got one (the rest are too short to tell and stay unknown)."""
    detected = {}
    for name, model, text_column in (("claims", Claim, "text"), ("articles", Article, "body")):
        detected[name], last = 0, 0
        while True:
            read, found, last = _detect_chunk(model, text_column, last)
            detected[name] += found
            if read < CHUNK:
                break
    return detected
