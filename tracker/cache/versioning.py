"""The data version: a token that changes, in the same transaction, with every write to what the
pages show, so a cache keyed on it never serves a page older than the data.

The token is random, not a counter: a restored database brings back the token it had when it
was backed up, which named exactly that data, and the next write picks a fresh token that no
page was ever cached under. A counter would go back on restore and then reuse numbers whose
cached pages show other data."""

from __future__ import annotations

import secrets

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession

from tracker.models import DataVersion
from tracker.models.version import DATA_VERSION_ID

# The flag on session.info that says this transaction has already bumped the version.
BUMPED = "tracker.data_version_bumped"
# Tables no cached page reads: writing them (a failed login, a job's run record, an article in
# the inbox) leaves every cached page valid. A table missing here bumps, which is always safe.
# The audit log is read only by uncached history pages, and the records it accompanies bump.
UNSHOWN_TABLES = frozenset(
    {
        "data_version",
        "audit_entry",
        "user_account",
        "login_failure",
        "job_run",
        "feed",
        "inbox_article",
        "inbox_proposal",
    }
)
# Columns that only their own record's page shows, and that page keys on them itself
# (views/records.source reads them per request): the link check writes them for every source
# every day, and would otherwise throw away every cached page once per source it checks.
OWN_PAGE_COLUMNS = {"source": frozenset({"link_checked_at", "link_status", "link_error"})}
# Tokens are drawn from 62 bits: a signed 64-bit column holds them on SQLite and PostgreSQL.
TOKEN_BITS = 62


def new_token() -> int:
    """A fresh version token (never 0, the value of a database no write has touched)."""
    return secrets.randbits(TOKEN_BITS) or 1


def bump(session: OrmSession) -> None:
    """Give the data version a new token inside SESSION's transaction (once per transaction)."""
    if session.info.get(BUMPED):
        return
    # Through the connection, not session.execute: that would re-enter the ORM events below.
    table = DataVersion.__table__
    session.connection().execute(
        update(table).where(table.c.id == DATA_VERSION_ID).values(version=new_token())
    )
    session.info[BUMPED] = True


_TABLE = DataVersion.__table__
# Built once: every cached page reads it, and building and ORM-executing a SELECT per request
# cost as much as the rest of a cache hit.
_READ = select(_TABLE.c.version).where(_TABLE.c.id == DATA_VERSION_ID)


def read(session: OrmSession) -> int | None:
    """The current data version (None when the row is missing: then nothing may be cached)."""
    return session.connection().execute(_READ).scalar()


def shown(table_name: str | None) -> bool:
    """Whether a write to TABLE_NAME can change a page (unknown tables count as shown)."""
    return table_name not in UNSHOWN_TABLES


def _table_name(obj) -> str | None:
    return getattr(getattr(obj, "__table__", None), "name", None)


def _shown_update(obj) -> bool:
    """Whether an updated row changed something pages show beyond its own page's columns."""
    name = _table_name(obj)
    if not shown(name):
        return False
    own = OWN_PAGE_COLUMNS.get(name)
    if own is None:
        return True
    changed = {a.key for a in inspect(obj).attrs if a.history.has_changes()}
    return not changed <= own


def _after_flush(session: OrmSession, _context) -> None:
    """An ORM insert, update or delete of a row some page shows bumps the version."""
    added_or_deleted = (*session.new, *session.deleted)
    if any(shown(_table_name(obj)) for obj in added_or_deleted) or any(
        _shown_update(obj) for obj in session.dirty
    ):
        bump(session)


def _do_orm_execute(state: ORMExecuteState) -> None:
    """Bulk INSERT/UPDATE/DELETE statements on shown tables, run through a session, bump it too."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if shown(getattr(table, "name", None)):
            bump(state.session)


def _end_transaction(session: OrmSession, _transaction=None) -> None:
    session.info.pop(BUMPED, None)


LISTENERS = (
    ("after_flush", _after_flush),
    ("do_orm_execute", _do_orm_execute),
    ("after_commit", _end_transaction),
    ("after_soft_rollback", _end_transaction),
)


def watch(factory: sessionmaker) -> None:
    """Bump on every write through sessions made by FACTORY (idempotent)."""
    for name, listener in LISTENERS:
        if not event.contains(factory, name, listener):
            event.listen(factory, name, listener)
