"""Idempotency-Key bookkeeping: reserve a key with the creation, replay its response later."""

import hashlib
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import IdempotencyRecord

# Keys are remembered for a day, like Stripe's; after that a key may be used again.
RETENTION = timedelta(hours=24)


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def find(user_id: int, key: str) -> IdempotencyRecord | None:
    record = db.session.scalar(
        sa.select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    )
    if record is not None and datetime.now(UTC) - record.created_at > RETENTION:
        db.session.delete(record)
        db.session.flush()
        return None
    return record


def record(user_id: int, key: str, digest: str, status: int, body, headers: dict) -> None:
    """Store the response with what the request created: they commit together. The flush
    meets a concurrent request with the same key at the unique index (IntegrityError)."""
    db.session.add(
        IdempotencyRecord(
            user_id=user_id, key=key, request_hash=digest, status=status, body=body,
            headers=headers,
        )
    )  # fmt: skip
    db.session.flush()
