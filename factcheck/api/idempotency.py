"""Idempotency-Key on creating POSTs: a retried request never creates a second resource.

The first request with a key stores its response in the same database transaction as the
resource it creates (a unique index on user and key), so of several concurrent retries only
one can commit, and whatever was created can always be replayed: later retries with the same
key and the same request get that response again (with `Idempotent-Replayed: true`); the same
key with a different request is a 422.
"""

import functools

import sqlalchemy as sa
from flask import current_app, request

from factcheck import jsonsafe
from factcheck.auth import current_user
from factcheck.errors import DomainError, InvalidInput
from factcheck.extensions import db
from factcheck.services import idempotency

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
PARAMETER = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    "description": "Makes retries safe: the same key and request replay the first response",
}
REPLAYED_HEADERS = ("Location", "ETag", "Content-Type")


def idempotent(blp):
    """Make a creating view idempotent and document its Idempotency-Key header (outermost,
    so it sees the finished response)."""

    def decorator(view):
        return blp.doc(parameters=[PARAMETER])(_idempotent(view))

    return decorator


def _idempotent(view):
    @functools.wraps(view)
    def run(*args, **kwargs):
        key = request.headers.get(HEADER)
        user = current_user()
        if key is None or user is None:
            return view(*args, **kwargs)
        if not key.strip() or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise InvalidInput(
                f"{HEADER} must be 1-{MAX_KEY_LENGTH} printable characters.",
                errors={HEADER: ["Invalid key."]},
            )
        digest = idempotency.request_hash(request.method, request.path, request.get_data())
        record = idempotency.find(user.id, key)
        if record is not None:
            return _replay(record, digest)

        # The response is stored in the request's unit of work, so it commits with what it
        # created and a retry can always replay it.
        try:
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code < 300:
                headers = {k: v for k, v in response.headers.items() if k in REPLAYED_HEADERS}
                idempotency.record(
                    user.id, key, digest, response.status_code, response.get_json(), headers
                )
        except (sa.exc.IntegrityError, DomainError):
            # A concurrent request with the same key may have won: answer as its retry would.
            db.session.rollback()
            record = idempotency.find(user.id, key)
            if record is None:
                raise
            return _replay(record, digest)
        return response

    return run


def _replay(record, digest: str):
    if record.request_hash != digest:
        raise InvalidInput(
            f"This {HEADER} was used with a different request.",
            errors={HEADER: ["Already used with another request."]},
        )
    headers = {**record.headers, "Idempotent-Replayed": "true"}
    body = jsonsafe.dumps(record.body)  # HTML-safe, as the first answer was
    return current_app.response_class(body, status=record.status, headers=headers)
