"""People and their API tokens, and authenticating a token (with services/token_cache.py)."""

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
from factcheck.models.user import CredentialEpoch
from factcheck.policy import at_least
from factcheck.services.common import get_or_404, require_version
from factcheck.services.pagination import Page, Sort, paginate
from factcheck.services.token_cache import TokenCache, Verified

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


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user as a request sees them: a read-only snapshot, not an ORM object.

    Policy and services read `id`, `role` and `active`; /me shows the rest. Snapshots are cached
    per process (TokenCache); every change to a user bumps the credential epoch, so a request
    never sees one older than the last change it could have seen.
    """

    id: int
    name: str
    display_name: str | None
    role: str
    active: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, user: User) -> "Principal":
        return cls(
            id=user.id,
            name=user.name,
            display_name=user.display_name,
            role=user.role,
            active=user.active,
            created_at=user.created_at,
            updated_at=user.updated_at,
        )

    def has_role(self, role: str) -> bool:
        return at_least(self, role)


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
    changed = {field: value for field, value in changes.items() if getattr(user, field) != value}
    if changed.get("active") is False:
        # Deactivation ends every token for good: reactivating the user revives none of them.
        _revoke(user)
    for field, value in changes.items():
        setattr(user, field, value)
    db.session.flush()
    if changed:  # role, active flag or what /me shows: cached verifications are out of date
        credentials_changed()
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
        credentials_changed()
    return token


def revoke_all(user: User) -> int:
    revoked = _revoke(user)
    if revoked:
        credentials_changed()
    return revoked


def _revoke(user: User) -> int:
    tokens = [t for t in list_tokens(user.id) if t.revoked_at is None]
    for token in tokens:
        token.revoked_at = datetime.now(UTC)
    db.session.flush()
    return len(tokens)


def _epoch_now():
    """The epoch as a column of another query (0 if the row is gone)."""
    epoch = sa.select(CredentialEpoch.value).where(CredentialEpoch.id == 1).scalar_subquery()
    return sa.func.coalesce(epoch, 0)


# Core, not ORM: every request with a cached token sends it, and this halves its cost.
_EPOCH = CredentialEpoch.__table__
_READ_EPOCH = sa.select(_EPOCH.c.value).where(_EPOCH.c.id == 1)


def credential_epoch() -> int:
    """The number `credentials_changed` bumps: one primary-key read (0 if the row is gone)."""
    return db.session.scalar(_READ_EPOCH) or 0


def credentials_changed() -> None:
    """A token stopped working or a user changed: every worker's cached verifications go.

    Runs in the transaction that made the change, so the new number and the change commit
    together. Concurrent bumps queue on the row's lock.
    """
    bump = sa.update(CredentialEpoch).where(CredentialEpoch.id == 1)
    bump = bump.values(value=CredentialEpoch.value + 1).execution_options(synchronize_session=False)
    if db.session.execute(bump).rowcount:
        return
    # The migration inserts the row. Should it be gone (deleted by hand, or by a test emptying
    # every table), start again at a random number rather than one a worker may have cached.
    try:
        with db.session.begin_nested():
            db.session.add(CredentialEpoch(id=1, value=secrets.randbits(62) + 1))
    except IntegrityError:  # a concurrent transaction put it back first
        db.session.execute(bump)


def authenticate(secret: str, cache: TokenCache | None = None) -> Principal:
    """The active user a bearer token belongs to; Unauthorized for anything else.

    Without a cache: one query, the token joined with its user. With one, a token verified in
    this process within the last seconds costs one read of the credential epoch instead; any
    other token costs the same one query, which reads the epoch too (so the verification and
    the number it is cached under come from the same snapshot).
    """
    digest = hash_token(secret)
    verified = cache.get(digest) if cache is not None else None
    if verified is not None and not cache.current(verified, credential_epoch()):
        verified = None
    if verified is None:
        verified = _verify(digest, with_epoch=cache is not None)
        if cache is not None:
            cache.put(digest, verified)
    now = datetime.now(UTC)
    if verified.last_used is None or now - verified.last_used > LAST_USED_RESOLUTION:
        _record_use(verified.token_id, now)
        verified.last_used = now
    return verified.principal


def _verify(digest: str, *, with_epoch: bool) -> Verified:
    columns = (ApiToken, _epoch_now()) if with_epoch else (ApiToken,)
    row = db.session.execute(sa.select(*columns).where(ApiToken.token_hash == digest)).first()
    token = row[0] if row is not None else None
    # The lookup is by hash, so timing reveals nothing of the secret; compare anyway.
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        raise Unauthorized("The token is not valid.")
    if token.revoked_at is not None or not token.user.active:
        raise Unauthorized("The token has been revoked.")
    epoch = row[1] if with_epoch else 0
    return Verified(Principal.of(token.user), token.id, token.last_used_at, epoch)


def _record_use(token_id: int, now: datetime) -> None:
    """last_used_at, at most once a LAST_USED_RESOLUTION (every worker may try; one writes)."""
    stale = sa.or_(
        ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - LAST_USED_RESOLUTION
    )
    db.session.execute(
        sa.update(ApiToken).where(ApiToken.id == token_id, stale).values(last_used_at=now)
    )  # commits with the request's unit of work
