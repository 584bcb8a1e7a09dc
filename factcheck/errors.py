"""Domain errors and their single JSON shape (RFC 9457 problem details).

Services raise these without knowing about HTTP; `problem()` turns any of them, and any
Werkzeug HTTP error, into the same body so clients handle one format everywhere.
"""

from http import HTTPStatus

PROBLEM_CONTENT_TYPE = "application/problem+json"


class DomainError(Exception):
    status = 400
    slug = "bad-request"
    headers: dict[str, str] = {}

    def __init__(self, detail: str, *, errors: dict | None = None, **extra):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.extra = extra


class Unauthorized(DomainError):
    status = 401
    slug = "unauthorized"
    headers = {"WWW-Authenticate": 'Bearer realm="factcheck"'}


class Forbidden(DomainError):
    status = 403
    slug = "forbidden"


class NotFound(DomainError):
    status = 404
    slug = "not-found"


class Conflict(DomainError):
    status = 409
    slug = "conflict"


class InvalidTransition(Conflict):
    """A workflow action the claim's current status does not allow; names the ones it does."""

    slug = "invalid-transition"


class PreconditionFailed(DomainError):
    status = 412
    slug = "precondition-failed"


class InvalidInput(DomainError):
    """Well-formed input that contradicts stored data (a span past the end of its article)."""

    status = 422
    slug = "validation-error"


class InvalidCursor(DomainError):
    status = 400
    slug = "invalid-cursor"


# RFC 9110's names for the statuses Python renamed in 3.13, so that a problem's title is the same
# on every Python the service runs on.
_TITLES = {
    413: ("Content Too Large", "Content is too large"),
    414: ("URI Too Long", "URI is too long"),
    416: ("Range Not Satisfiable", "Cannot satisfy request range"),
    422: ("Unprocessable Content", ""),
}


def status_title(status: int) -> str:
    """A status's name in RFC 9110, whatever the Python."""
    return _TITLES[status][0] if status in _TITLES else HTTPStatus(status).phrase


def problem(
    status: int,
    detail: str | None = None,
    *,
    slug: str | None = None,
    errors: dict | None = None,
    **extra,
) -> dict:
    title, description = _TITLES.get(status) or (
        HTTPStatus(status).phrase,
        HTTPStatus(status).description,
    )
    body = {
        "type": f"urn:factcheck:problem:{slug}" if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail or description,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return body


def flatten_messages(messages, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested messages into {"field.sub.0": ["message", ...]}."""
    if isinstance(messages, list | tuple):
        if all(isinstance(m, str) for m in messages):
            return {prefix or "_body": list(messages)}
        flat: dict[str, list[str]] = {}
        for item in messages:
            flat.update(flatten_messages(item, prefix))
        return flat
    if isinstance(messages, dict):
        flat = {}
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema" and prefix:
                name = prefix
            elif key == "_schema":
                name = "_body"
            flat.update(flatten_messages(value, name))
        return flat
    return {prefix or "_body": [str(messages)]}
