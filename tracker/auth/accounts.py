"""Accounts as data: create, list, disable, check a password, count failed logins."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlmodel import Session
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.models import LoginFailure, User
from tracker.models.common import utcnow

ROLES = ("editor", "admin")
# Short passwords fall to guessing even through the rate limit; 12 is NIST's floor plus margin.
MIN_PASSWORD_LENGTH = 12
# werkzeug's scrypt (n=2^15, r=8, p=1): memory-hard, and no extra dependency.
HASH_METHOD = "scrypt"
# At most this many refused logins per (username, address) in the window, then a wait.
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW = timedelta(minutes=15)
# Checked when the username is unknown, so a refusal takes as long either way.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method=HASH_METHOD)


class AccountError(ValueError):
    """An account cannot be created or changed; the message says why."""


def add_user(session: Session, *, username: str, password: str, role: str) -> User:
    """A new active account with a hashed password."""
    username = username.strip()
    if not username or len(username) > 80:
        raise AccountError("a username needs 1 to 80 characters")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    _check_password(password)
    if find_user(session, username) is not None:
        raise AccountError(f"{username!r} already exists")
    user = User(
        username=username,
        password_hash=generate_password_hash(password, method=HASH_METHOD),
        role=role,
    )
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, username: str) -> User | None:
    """The account called USERNAME (case-insensitive), active or not."""
    return session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()


def list_users(session: Session) -> list[User]:
    """Every account, by name."""
    return list(session.scalars(select(User).order_by(User.username)))


def disable_user(session: Session, username: str) -> User:
    """Stop USERNAME from logging in (their open sessions end on their next request)."""
    user = _existing(session, username)
    user.active = False
    end_sessions(session, user)
    return user


def set_role(session: Session, username: str, role: str) -> User:
    """Make USERNAME an editor or an admin (their session goes on: the role is read per request)."""
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    user = _existing(session, username)
    user.role = role
    session.add(user)
    return user


def set_password(session: Session, username: str, password: str) -> User:
    """Give USERNAME a new password and end every session they have open."""
    _check_password(password)
    user = _existing(session, username)
    user.password_hash = generate_password_hash(password, method=HASH_METHOD)
    end_sessions(session, user)
    return user


def end_sessions(session: Session, user: User) -> None:
    """Move USER's session generation on: every cookie issued before stops logging them in."""
    user.session_generation += 1
    session.add(user)


def _existing(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise AccountError(f"no account is called {username!r}")
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active account whose password this is, or None (same work whichever part is wrong)."""
    user = find_user(session, username)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    return user if ok and user is not None and user.active else None


def too_many_failures(session: Session, key: str) -> bool:
    """Whether KEY has used up its refused logins in the current window."""
    since = utcnow() - LOGIN_WINDOW
    count = session.scalar(
        select(func.count()).where(LoginFailure.key == key, LoginFailure.at >= since)
    )
    return count >= LOGIN_MAX_FAILURES


def record_failure(session: Session, key: str) -> None:
    """Count one refused login for KEY, dropping entries older than the window."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < utcnow() - LOGIN_WINDOW))
    session.add(LoginFailure(key=key))


def clear_failures(session: Session, key: str) -> None:
    """Forget KEY's refused logins after a successful one."""
    session.execute(delete(LoginFailure).where(LoginFailure.key == key))
