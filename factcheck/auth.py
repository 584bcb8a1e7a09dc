"""Bearer-token authentication and role checks at the HTTP edge.

The request's user is resolved once, before the view; views declare the least role they need.
What each role may do is `factcheck.policy`'s; services apply its object-level rules (whose
claims a submitter may read, the two-person rule).

Each process keeps the tokens it verified for FACTCHECK_TOKEN_CACHE_SECONDS (0 turns the cache
off), at most FACTCHECK_TOKEN_CACHE_SIZE of them (factcheck/config.py): a request with a cached
token reads one number (the credential epoch) instead of looking the token up.
"""

import functools

from flask import current_app, g, request

from factcheck import policy
from factcheck.errors import Unauthorized
from factcheck.services import accounts
from factcheck.services.accounts import Principal
from factcheck.services.token_cache import TokenCache

_CACHE = "factcheck.token_cache"

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
    g.user = accounts.authenticate(secret.strip(), token_cache())
    g.user_id = g.user.id


def current_user() -> Principal | None:
    return g.get("user")


def token_cache() -> TokenCache | None:
    """This process's cache of verified tokens for the current app (None when turned off)."""
    extensions = current_app.extensions
    if _CACHE not in extensions:
        config = current_app.config
        seconds = float(config["FACTCHECK_TOKEN_CACHE_SECONDS"])
        size = int(config["FACTCHECK_TOKEN_CACHE_SIZE"])
        cache = TokenCache(seconds, size) if seconds > 0 else None
        extensions.setdefault(_CACHE, cache)  # a concurrent first request may have won
    return extensions[_CACHE]


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
