"""Bearer-token authentication and role checks at the HTTP edge.

The request's user is resolved once, before the view; views declare the least role they need.
What each role may do is `factcheck.policy`'s; services apply its object-level rules (whose
claims a submitter may read, the two-person rule).
"""

import functools

from flask import g, request

from factcheck import policy
from factcheck.errors import Unauthorized
from factcheck.models import User
from factcheck.services import accounts

BEARER_SCHEME = {"type": "http", "scheme": "bearer", "description": "An API token"}


def load_user() -> None:
    """before_request: set g.user from `Authorization: Bearer <token>` (None if absent)."""
    g.user = g.user_id = None
    header = request.headers.get("Authorization")
    if header is None:
        return
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("Send 'Authorization: Bearer <token>'.")
    g.user = accounts.authenticate(secret.strip())
    # Kept apart from the ORM object: reading g.user.id after a rollback would need the database.
    g.user_id = g.user.id


def current_user() -> User | None:
    return g.get("user")


def requires(role: str):
    """The view needs a signed-in user with at least `role` (401 without one, 403 below it)."""

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            user = current_user()
            if user is None:
                raise Unauthorized("This endpoint needs an API token.")
            policy.require(user, role)
            return view(*args, **kwargs)

        return guarded

    return decorator
