"""People and their API tokens."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from factcheck.errors import Conflict, InvalidInput, NotFound, Unauthorized
from factcheck.extensions import db
from factcheck.models import ApiToken, User
from factcheck.services.common import get_or_404, require_version
from factcheck.services.pagination import Page, Sort, paginate

TOKEN_PREFIX = "fct_"
# Writing last_used_at on every request would turn reads into writes; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)
BY_ID = Sort.by("id", User.id, descending=False)


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret, shown once (only the hash is stored).

    Reads through to the token's fields, so it serialises as the token plus its secret.
    """

    record: ApiToken
    secret: str

    def __getattr__(self, name):
        return getattr(self.record, name)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_user(name: str, role: str, display_name: str | None = None) -> User:
    if db.session.scalar(sa.select(User.id).where(User.name == name)) is not None:
        raise Conflict(f"A user named {name!r} exists.", errors={"name": ["Already taken."]})
    user = User(name=name, role=role, display_name=display_name)
    db.session.add(user)
    try:
        with db.session.begin_nested():  # a concurrent create of the same name
            db.session.flush()
    except IntegrityError as exc:
        raise Conflict(
            f"A user named {name!r} exists.", errors={"name": ["Already taken."]}
        ) from exc
    return user


def get_user(user_id: int) -> User:
    return get_or_404(User, user_id)


def find_user(name: str) -> User:
    user = db.session.scalar(sa.select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"No user named {name!r}.")
    return user


def update_user(user_id: int, changes: dict, *, expected_version: int | None = None) -> User:
    user = get_user(user_id)
    require_version(user, expected_version)
    if changes.get("active") is False and user.active:
        # Deactivation ends every token for good: reactivating the user revives none of them.
        _revoke(user)
    for field, value in changes.items():
        setattr(user, field, value)
    db.session.flush()
    return user


def list_users(*, limit: int, cursor: str | None) -> Page:
    return paginate(
        db.session, sa.select(User), sort=BY_ID, id_column=User.id, limit=limit, cursor=cursor
    )


def issue_token(user: User, label: str | None = None) -> IssuedToken:
    if not user.active:
        raise InvalidInput(f"User {user.name} is deactivated.", errors={"user": ["Inactive."]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, token_hash=hash_token(secret), prefix=secret[:12], label=label)
    db.session.add(token)
    db.session.flush()
    return IssuedToken(token, secret)


def list_tokens(user_id: int) -> list[ApiToken]:
    get_user(user_id)
    return list(
        db.session.scalars(
            sa.select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)
        )
    )


def get_token(token_id: int) -> ApiToken:
    return get_or_404(ApiToken, token_id)


def revoke_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        db.session.flush()
    return token


def revoke_all(user: User) -> int:
    return _revoke(user)


def _revoke(user: User) -> int:
    tokens = [t for t in list_tokens(user.id) if t.revoked_at is None]
    for token in tokens:
        token.revoked_at = datetime.now(UTC)
    db.session.flush()
    return len(tokens)


def authenticate(secret: str) -> User:
    """The active user a bearer token belongs to; Unauthorized for anything else."""
    digest = hash_token(secret)
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == digest))
    # The lookup is by hash, so timing reveals nothing of the secret; compare anyway.
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        raise Unauthorized("The token is not valid.")
    if token.revoked_at is not None or not token.user.active:
        raise Unauthorized("The token has been revoked.")
    now = datetime.now(UTC)
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        db.session.execute(
            sa.update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now)
        )  # commits with the request's unit of work
    return token.user
