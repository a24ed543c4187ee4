"""The data version: a token that changes, in the same transaction, with every write to what the
pages show, so a cache keyed on it never serves a page older than the data.

Deal, shipment, event, party and commodity pages key instead on a records-wide token and on their
own page token (tracker/cache/scopes names the pages a row shows on): a write changes the tokens
of the pages that show what it wrote, and the records-wide token only when it cannot name them.

The token is random, not a counter: a restored database brings back the token it had when it
was backed up, which named exactly that data, and the next write picks a fresh token that no
page was ever cached under. A counter would go back on restore and then reuse numbers whose
cached pages show other data."""

from __future__ import annotations

import secrets

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession

from tracker.cache import scopes
from tracker.db import upsert_into
from tracker.db.listening import listen_once
from tracker.models import DataVersion, PageToken
from tracker.models.version import DATA_VERSION_ID

# Flags on session.info: this transaction has already changed the data version, the
# records-wide token, and these page tokens.
BUMPED = "tracker.data_version_bumped"
RECORDS_BUMPED = "tracker.records_version_bumped"
PAGES_BUMPED = "tracker.page_tokens_bumped"
# The execution option by which a bulk statement names the record pages it changes (a set of
# scopes.Scope); without it, a bulk statement on a shown table empties every record page.
PAGES_OPTION = "tracker_pages"
# Tables no cached page reads: writing them (a failed login, a job's run record, an article in
# the inbox) leaves every cached page valid. A table missing here bumps, which is always safe.
# The audit log is read only by uncached history pages, and the records it accompanies bump.
UNSHOWN_TABLES = frozenset(
    {
        "data_version",
        "page_token",
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


def bump(session: OrmSession, pages: set[scopes.Scope] | None = None) -> None:
    """Give the data version a new token inside SESSION's transaction (once per transaction),
    and either the tokens of the scoped PAGES named or, with PAGES None (the safe default: every
    scoped page is cold after it), the records-wide token."""
    values = {}
    if not session.info.get(BUMPED):
        values["version"] = new_token()
    if pages is None and not session.info.get(RECORDS_BUMPED):
        values["records_version"] = new_token()
    # Through the connection, not session.execute: that would re-enter the ORM events below.
    if values:
        session.connection().execute(
            update(_TABLE).where(_TABLE.c.id == DATA_VERSION_ID).values(**values)
        )
        session.info[BUMPED] = True
        if "records_version" in values:
            session.info[RECORDS_BUMPED] = True
    if pages:
        _bump_pages(session, pages - session.info.setdefault(PAGES_BUMPED, set()))


def _bump_pages(session: OrmSession, pages: set[scopes.Scope]) -> None:
    """New tokens for PAGES (their rows made on first use), in one statement."""
    if not pages:
        return
    connection = session.connection()
    insert = upsert_into(connection, _PAGES)
    upsert = insert.on_conflict_do_update(
        index_elements=[_PAGES.c.kind, _PAGES.c.record_id], set_={"token": insert.excluded.token}
    )
    rows = [{"kind": k, "record_id": i, "token": new_token()} for k, i in sorted(pages)]
    connection.execute(upsert, rows)
    session.info[PAGES_BUMPED] |= pages


_TABLE = DataVersion.__table__
_PAGES = PageToken.__table__
# Built once: every cached page reads it, and building and ORM-executing a SELECT per request
# cost as much as the rest of a cache hit.
_READ = select(_TABLE.c.version, _TABLE.c.records_version).where(_TABLE.c.id == DATA_VERSION_ID)


def read(session: OrmSession) -> tuple[int, int] | None:
    """The current data version and records-wide token (None when the row is missing: then
    nothing may be cached)."""
    row = session.connection().execute(_READ).first()
    return None if row is None else (row[0], row[1])


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
    """An ORM insert, update or delete of a row some page shows bumps the version, and the
    tokens of the record pages that show it (all of them when they cannot be named)."""
    written = [obj for obj in (*session.new, *session.deleted) if shown(_table_name(obj))]
    written += [obj for obj in session.dirty if _shown_update(obj)]
    if not written:
        return
    bump(session, scopes.pages_showing(session.connection(), written))


def _do_orm_execute(state: ORMExecuteState) -> None:
    """Bulk INSERT/UPDATE/DELETE statements on shown tables, run through a session, bump it too:
    every scoped page, unless the statement names its pages (PAGES_OPTION)."""
    if state.is_insert or state.is_update or state.is_delete:
        name = getattr(getattr(state.statement, "table", None), "name", None)
        if not shown(name):
            return
        pages = state.execution_options.get(PAGES_OPTION)
        if pages is not None:
            bump(state.session, set(pages))
        else:
            bump(state.session)


def _end_transaction(session: OrmSession, _transaction=None) -> None:
    for flag in (BUMPED, RECORDS_BUMPED, PAGES_BUMPED):
        session.info.pop(flag, None)


LISTENERS = (
    ("after_flush", _after_flush),
    ("do_orm_execute", _do_orm_execute),
    ("after_commit", _end_transaction),
    ("after_soft_rollback", _end_transaction),
)


def watch(factory: sessionmaker) -> None:
    """Bump on every write through sessions made by FACTORY (idempotent)."""
    listen_once(factory, LISTENERS)
