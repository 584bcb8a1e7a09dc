"""Keyset (cursor) pagination.

A page is the rows after the last row of the previous page in a total order (sort keys, then
id), so pages stay stable while rows are added and a deep page costs the same as the first.
Cursors are signed so a client cannot forge one that makes the database scan from anywhere.
"""

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app

from factcheck.errors import InvalidCursor


@dataclass(frozen=True)
class Key:
    """One sort column: its direction, and whether it can be NULL (NULLs always come last)."""

    column: Any
    descending: bool = False
    nullable: bool = False
    is_datetime: bool = False


@dataclass(frozen=True)
class Sort:
    """A named order clients ask for; ties are always broken by id in the last key's direction."""

    name: str
    keys: tuple[Key, ...]

    @classmethod
    def by(cls, name, column, *, descending=False, nullable=False, is_datetime=False) -> "Sort":
        return cls(name, (Key(column, descending, nullable, is_datetime),))


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None


def _sign(payload: bytes) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return base64.urlsafe_b64encode(hmac.digest(key, payload, hashlib.sha256)[:16]).decode()


def encode_cursor(sort: Sort, values: list, last_id: int) -> str:
    values = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    payload = json.dumps([sort.name, values, last_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + _sign(payload)


def _invalid(detail: str, message: str) -> InvalidCursor:
    return InvalidCursor(detail, errors={"cursor": [message]})


def decode_cursor(sort: Sort, cursor: str) -> tuple[list, int]:
    try:
        encoded, signature = cursor.split(".", 1)
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        if not hmac.compare_digest(signature, _sign(payload)):
            raise ValueError("bad signature")
        name, values, last_id = json.loads(payload)
        if name == sort.name:
            values = [
                datetime.fromisoformat(v) if key.is_datetime and v is not None else v
                for key, v in zip(sort.keys, values, strict=True)
            ]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise _invalid(
            "The cursor is not valid; start again from the first page.",
            "Not a cursor issued by this API.",
        ) from None
    if name != sort.name:
        raise _invalid(
            f"The cursor belongs to sort '{name}', not '{sort.name}'.",
            "Use the cursor with the sort it was issued for.",
        )
    return values, last_id


def _equal(key: Key, value):
    return key.column.is_(None) if value is None else key.column == value


def _beyond(key: Key, value):
    """Rows strictly past `value` on this key, NULLs being last."""
    if value is None:
        return sa.false()
    condition = key.column < value if key.descending else key.column > value
    return sa.or_(condition, key.column.is_(None)) if key.nullable else condition


def _after(sort: Sort, id_column, values: list, last_id: int):
    """Rows after (values..., last_id) in the order (keys..., id): a lexicographic comparison.

    With every key non-null and in one direction it is a row-value comparison,
    `(created_at, id) < (:v, :id)`, which both databases answer by seeking the sort's index
    to the cursor, so a deep page costs what the first does. Otherwise it is spelled out as
    OR-ed alternatives, with the first key's bound repeated in front of them so an index on
    that key can still start at the cursor.
    """
    directions = {key.descending for key in sort.keys}
    if len(directions) == 1 and not any(key.nullable for key in sort.keys):
        row = sa.tuple_(*(key.column for key in sort.keys), id_column)
        cursor_row = sa.tuple_(
            *(sa.literal(v, type_=k.column.type) for k, v in zip(sort.keys, values, strict=True)),
            sa.literal(last_id, type_=id_column.type),
        )
        return row < cursor_row if sort.keys[0].descending else row > cursor_row
    return sa.and_(_bound(sort.keys[0], values[0]), _spelled_out(sort, id_column, values, last_id))


def _bound(key: Key, value):
    """Rows not before `value` on the first key (NULLs last): redundant, but seekable."""
    if value is None:
        return key.column.is_(None)
    bound = key.column <= value if key.descending else key.column >= value
    return sa.or_(bound, key.column.is_(None)) if key.nullable else bound


def _spelled_out(sort: Sort, id_column, values: list, last_id: int):
    id_after = id_column < last_id if sort.keys[-1].descending else id_column > last_id
    alternatives = []
    for i, (key, value) in enumerate(zip(sort.keys, values, strict=True)):
        prefix = [_equal(k, v) for k, v in zip(sort.keys[:i], values[:i], strict=True)]
        alternatives.append(sa.and_(*prefix, _beyond(key, value)))
    alternatives.append(
        sa.and_(*[_equal(k, v) for k, v in zip(sort.keys, values, strict=True)], id_after)
    )
    return sa.or_(*alternatives)


def order_by(sort: Sort, id_column) -> list:
    clauses = []
    for key in sort.keys:
        clause = key.column.desc() if key.descending else key.column.asc()
        clauses.append(clause.nulls_last() if key.nullable else clause)
    clauses.append(id_column.desc() if sort.keys[-1].descending else id_column.asc())
    return clauses


def _key_value(key: Key, row, rows: bool):
    """A sort key's value in a result row: an attribute of the entity, or a selected column."""
    if rows:
        return row._mapping[key.column]
    if isinstance(key.column, so.InstrumentedAttribute):
        return getattr(row[0], key.column.key)
    return row._mapping[key.column.name]


def paginate(
    session, stmt, *, sort: Sort, id_column, limit: int, cursor: str | None, rows: bool = False
) -> Page:
    """Run `stmt` for one page; `limit + 1` rows tell if more follow.

    `stmt` selects one entity, optionally followed by computed sort columns (a relevance), and
    the page holds the entities; with `rows` it selects columns (the id and every sort key
    among them) and the page holds the rows, for lists that need no objects.
    """
    if cursor:
        values, last_id = decode_cursor(sort, cursor)
        stmt = stmt.where(_after(sort, id_column, values, last_id))
    found = session.execute(stmt.order_by(*order_by(sort, id_column)).limit(limit + 1)).all()
    items = found[:limit] if rows else [row[0] for row in found[:limit]]
    if len(found) <= limit:
        return Page(items, None)
    last = found[limit - 1]
    values = [_key_value(key, last, rows) for key in sort.keys]
    last_id = last._mapping[id_column] if rows else last[0].id
    return Page(items, encode_cursor(sort, values, last_id))
