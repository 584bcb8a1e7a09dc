"""Helpers every use case shares: loading by id and optimistic concurrency."""

from factcheck.errors import NotFound, PreconditionFailed
from factcheck.extensions import db


def get_or_404(model, object_id: int, *, options=()):
    obj = db.session.get(model, object_id, options=options)
    if obj is None:
        raise NotFound(f"{model.__name__} {object_id} does not exist.")
    return obj


def require_version(obj, expected_version: int | None) -> None:
    """Refuse a change made against an older representation (If-Match with a stale ETag)."""
    if expected_version is not None and obj.version != expected_version:
        raise PreconditionFailed(
            f"{type(obj).__name__} {obj.id} has changed since you read it; "
            "fetch it again and reapply your change.",
            current_etag=f'"{obj.version}"',
        )
