"""Editor accounts and the failed logins that rate-limit them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from tracker.models.common import timestamp_column


class User(SQLModel, table=True):
    """Someone who may edit: an editor, or an admin who also manages accounts."""

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True, index=True)
    # werkzeug's scrypt hash with its parameters and salt; never the password itself.
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=10)
    active: bool = True
    # Bumped by logout, a password change and disabling: a session cookie carries the
    # generation it was issued under, and one from an older generation no longer logs anyone in.
    session_generation: int = 0
    created_at: datetime = Field(sa_column=timestamp_column())


class LoginFailure(SQLModel, table=True):
    """One refused login, keyed by username and client address, for the rate limit."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200)
    at: datetime = Field(sa_column=timestamp_column())
