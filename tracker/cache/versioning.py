"""The data version: every write bumps it in its own transaction, so a cache keyed on it never
serves a number older than the data (a write and its bump commit or roll back together)."""

from __future__ import annotations

from sqlalchemy import event, select, update
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession

from tracker.models import DataVersion
from tracker.models.version import DATA_VERSION_ID

# The flag on session.info that says this transaction has already bumped the version.
BUMPED = "tracker.data_version_bumped"


def bump(session: OrmSession) -> None:
    """Add one to the data version inside SESSION's transaction (once per transaction)."""
    if session.info.get(BUMPED):
        return
    # Through the connection, not session.execute: that would re-enter the ORM events below.
    session.connection().execute(
        update(DataVersion.__table__)
        .where(DataVersion.__table__.c.id == DATA_VERSION_ID)
        .values(version=DataVersion.__table__.c.version + 1)
    )
    session.info[BUMPED] = True


def read(session: OrmSession) -> int | None:
    """The current data version (None when the row is missing: then nothing may be cached)."""
    return session.scalar(select(DataVersion.version).where(DataVersion.id == DATA_VERSION_ID))


def _after_flush(session: OrmSession, _context) -> None:
    """Any ORM insert, update or delete of a record bumps the version."""
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(not isinstance(obj, DataVersion) for obj in touched):
        bump(session)


def _do_orm_execute(state: ORMExecuteState) -> None:
    """Bulk INSERT/UPDATE/DELETE statements run through a session bump it too."""
    if state.is_insert or state.is_update or state.is_delete:
        bump(state.session)


def _end_transaction(session: OrmSession, _transaction=None) -> None:
    session.info.pop(BUMPED, None)


def install() -> None:
    """Listen on every ORM session (idempotent): the app and the CLI write through sessions."""
    for name, listener in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _do_orm_execute),
        ("after_commit", _end_transaction),
        ("after_soft_rollback", _end_transaction),
    ):
        if not event.contains(OrmSession, name, listener):
            event.listen(OrmSession, name, listener)
