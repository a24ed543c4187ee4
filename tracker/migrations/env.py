"""Alembic environment: migrates the database named by the caller's config, on any backend."""

import warnings

from alembic import context
from sqlalchemy.exc import SAWarning
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (registers every table on the metadata)
from tracker.db import make_engine
from tracker.queries import search, sorting

config = context.config
target_metadata = SQLModel.metadata


# SQLAlchemy cannot reflect expression indexes (the sort index) and says so; they are left out
# of the comparison below anyway.
warnings.filterwarnings(
    "ignore", message="Skipped unsupported reflection of expression-based index", category=SAWarning
)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """The search indexes are kept by SQL of their own, not by the models: leave them out."""
    return not (search.is_search_object(name) or name in sorting.SORT_INDEXES)


def _restore_search_triggers(connection) -> None:
    """A later batch migration that rebuilds a searched SQLite table drops its triggers."""
    if connection.dialect.name != "sqlite":
        return
    tables = set(connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
    for s in search.SEARCHED.values():
        if s.fts in tables and s.table in tables:
            for statement in search.sqlite_triggers(s):
                connection.exec_driver_sql(statement)
    if "data_version" in tables and "shipment" in tables:
        columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(data_version)")}
        if "shipment_text" in columns:  # from revision 0026 on
            for statement in search.text_token_triggers():
                connection.exec_driver_sql(statement)


def _check_foreign_keys(connection) -> None:
    """Refuse (and so roll back) a migration that left a row pointing at nothing."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise RuntimeError(f"migration left broken references in {', '.join(tables)}")


def run_migrations_offline() -> None:
    """Emit SQL for the configured URL without connecting."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Apply migrations over a connection made the same way the app makes them."""
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copying it and dropping the old one, which a
            # populated database refuses while foreign keys are enforced. The pragma only takes
            # effect outside a transaction; the rows are checked once the migrations are done.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
            _restore_search_triggers(connection)
            if sqlite:
                _check_foreign_keys(connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
