from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId, UTCDateTime, utcnow
from factcheck.policy import ROLE_NAMES as ROLES
from factcheck.policy import at_least


class User(db.Model):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="role"),
    )

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    display_name: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    role: so.Mapped[str] = so.mapped_column(sa.String(20))
    # Users are deactivated, never deleted: the audit history keeps pointing at them.
    active: so.Mapped[bool] = so.mapped_column(default=True)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: so.Mapped[int] = so.mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def has_role(self, role: str) -> bool:
        return at_least(self, role)


class ApiToken(db.Model):
    """A bearer token. Only its SHA-256 is stored; the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: so.Mapped[int] = so.mapped_column(BigId, primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(BigId, sa.ForeignKey("users.id"), index=True)
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    # The first characters, so people can tell their tokens apart without the secret.
    prefix: so.Mapped[str] = so.mapped_column(sa.String(12))
    label: so.Mapped[str | None] = so.mapped_column(sa.String(100))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    last_used_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    revoked_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    user: so.Mapped[User] = so.relationship(lazy="joined")


class CredentialEpoch(db.Model):
    """One number that changes whenever a token stops working or a user's access changes.

    Revoking tokens and changing a user (role, active flag, profile) add one to it in the same
    transaction, so a worker that reads a different number drops the token verifications it
    cached (see `factcheck.services.token_cache.TokenCache`). One row, id 1.
    """

    __tablename__ = "credential_epoch"
    __table_args__ = (sa.CheckConstraint("id = 1", name="one_row"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True, autoincrement=False)
    value: so.Mapped[int] = so.mapped_column(sa.BigInteger, default=0)
