"""Keyset (cursor) pagination.

A page is the rows after the last row of the previous page in a total order (sort key, id),
so pages stay stable while rows are added and a deep page costs the same as the first.
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
from flask import current_app

from factcheck.errors import InvalidCursor


@dataclass(frozen=True)
class Sort:
    """A sort order: a name clients use, its column, direction, and whether it can be NULL."""

    name: str
    column: Any
    descending: bool
    nullable: bool = False
    is_datetime: bool = False


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None


def _sign(payload: bytes) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return base64.urlsafe_b64encode(hmac.digest(key, payload, hashlib.sha256)[:16]).decode()


def encode_cursor(sort: Sort, value, last_id: int) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    payload = json.dumps([sort.name, value, last_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + _sign(payload)


def decode_cursor(sort: Sort, cursor: str) -> tuple[Any, int]:
    try:
        encoded, signature = cursor.split(".", 1)
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        valid = hmac.compare_digest(signature, _sign(payload))
        name, value, last_id = json.loads(payload) if valid else (None, None, None)
    except (ValueError, TypeError, UnicodeDecodeError):
        valid = False
    if not valid:
        raise InvalidCursor(
            "The cursor is not valid; start again from the first page.",
            errors={"cursor": ["Not a cursor issued by this API."]},
        )
    if name != sort.name:
        raise InvalidCursor(
            f"The cursor belongs to sort '{name}', not '{sort.name}'.",
            errors={"cursor": ["Use the cursor with the sort it was issued for."]},
        )
    if sort.is_datetime and value is not None:
        value = datetime.fromisoformat(value)
    return value, last_id


def _after(sort: Sort, id_column, value, last_id):
    """Rows strictly after (value, last_id) in the order (column, id), NULLs last."""
    column = sort.column
    if value is None:
        return sa.and_(
            column.is_(None), id_column < last_id if sort.descending else id_column > last_id
        )
    if sort.descending:
        condition = sa.or_(column < value, sa.and_(column == value, id_column < last_id))
    else:
        condition = sa.or_(column > value, sa.and_(column == value, id_column > last_id))
    return sa.or_(condition, column.is_(None)) if sort.nullable else condition


def order_by(sort: Sort, id_column) -> list:
    column = sort.column.desc() if sort.descending else sort.column.asc()
    if sort.nullable:
        column = column.nulls_last()
    return [column, id_column.desc() if sort.descending else id_column.asc()]


def paginate(session, stmt, *, sort: Sort, id_column, limit: int, cursor: str | None) -> Page:
    """Run `stmt` (a select of one entity) for one page; `limit + 1` rows tell if more follow."""
    if cursor:
        value, last_id = decode_cursor(sort, cursor)
        stmt = stmt.where(_after(sort, id_column, value, last_id))
    rows = session.scalars(stmt.order_by(*order_by(sort, id_column)).limit(limit + 1)).all()
    if len(rows) <= limit:
        return Page(list(rows), None)
    last = rows[limit - 1]
    return Page(list(rows[:limit]), encode_cursor(sort, getattr(last, sort.column.key), last.id))
