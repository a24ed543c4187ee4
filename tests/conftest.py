"""Test fixtures: each test gets its own migrated database, on SQLite and (when
TRACKER_TEST_DATABASE_URL is set) on PostgreSQL too."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker import create_app, db
from tracker.config import DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR
from tracker.db import migrate
from tracker.seeding import seed

PG_URL = os.environ.get("TRACKER_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _seed(url: str) -> None:
    engine = db.make_engine(url)
    with db.unit_of_work(engine) as session:
        seed(session, seeds=DEFAULT_SEEDS_DIR, data_dir=DEFAULT_DATA_DIR)
    engine.dispose()


class SqliteDatabases:
    """Migrated (and seeded) template files, copied for each test."""

    def __init__(self, root: Path):
        self.empty, self.seeded = root / "empty.db", root / "seeded.db"
        migrate.upgrade(f"sqlite:///{self.empty}")
        shutil.copy(self.empty, self.seeded)
        _seed(f"sqlite:///{self.seeded}")

    def fresh(self, tmp_path: Path, *, seeded: bool) -> str:
        target = tmp_path / "test.db"
        shutil.copy(self.seeded if seeded else self.empty, target)
        return f"sqlite:///{target}"


class PostgresDatabases:
    """Template databases on the server, cloned with CREATE DATABASE ... TEMPLATE per test."""

    def __init__(self, url: str):
        self.base = make_url(url)
        self.admin = create_engine(self.base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        name = self.base.database
        self.empty, self.seeded, self.run = f"{name}_tpl_empty", f"{name}_tpl_seeded", f"{name}_run"
        self._create(self.empty)
        migrate.upgrade(self.url(self.empty))
        self._create(self.seeded, template=self.empty)
        _seed(self.url(self.seeded))

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            clause = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))

    def fresh(self, _tmp_path: Path, *, seeded: bool) -> str:
        self._create(self.run, template=self.seeded if seeded else self.empty)
        return self.url(self.run)


@pytest.fixture(scope="session", params=BACKENDS)
def databases(request, tmp_path_factory):
    """Template databases for one backend; every test on it starts from a copy."""
    if request.param == "sqlite":
        yield SqliteDatabases(tmp_path_factory.mktemp("sqlite"))
        return
    databases = PostgresDatabases(PG_URL)
    yield databases
    databases.admin.dispose()


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory):
    """SQLite templates for tests that are about SQLite itself (override `databases` with it)."""
    return SqliteDatabases(tmp_path_factory.mktemp("sqlite-only"))


def _app(url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "TRACKER_DATABASE_URL": url,
            "TRACKER_SEEDS_DIR": DEFAULT_SEEDS_DIR,
            "TRACKER_DATA_DIR": DEFAULT_DATA_DIR,
            # Files jobs write stay in the test's folder, never in the repo's data/.
            "TRACKER_FEEDS_FILE": tmp_path / "feeds.toml",
            "TRACKER_BACKUP_DIR": tmp_path / "backups",
            "TRACKER_SCHEDULER_LOCK": tmp_path / "scheduler.lock",
            "TRACKER_HOST_DELAY_S": 0.0,
        }
    )
    yield app
    db_engine = app.extensions["tracker.engine"]
    db_engine.dispose()


@pytest.fixture
def app(databases, tmp_path) -> Iterator[Flask]:
    """An app on an empty, migrated database."""
    yield from _app(databases.fresh(tmp_path, seeded=False), tmp_path)


@pytest.fixture
def seeded_app(databases, tmp_path) -> Iterator[Flask]:
    """An app on a database loaded with the reference data and every seed file."""
    yield from _app(databases.fresh(tmp_path, seeded=True), tmp_path)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def seeded(seeded_app: Flask) -> FlaskClient:
    """A test client on the seeded database."""
    return seeded_app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def reference():
    """The extractor's reference data (commodities, organisations), loaded once."""
    from tracker.extract import Reference

    return Reference.load(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def extractor(reference):
    """An extractor over the shipped reference data."""
    from tracker.extract import Extractor

    return Extractor(reference)


@pytest.fixture
def editor(seeded_app: Flask) -> FlaskClient:
    """A client on the seeded database, logged in as the editor "ed"."""
    from tests.helpers import add_user, login

    add_user(seeded_app)
    client = seeded_app.test_client()
    assert login(client).status_code == 302
    return client


@pytest.fixture
def blank_editor(app: Flask) -> FlaskClient:
    """A client on an empty database (build records with tests/factories.py), logged in as
    the editor "ed"."""
    from tests.helpers import add_user, login

    add_user(app)
    client = app.test_client()
    assert login(client).status_code == 302
    return client


@pytest.fixture
def admin(seeded_app: Flask) -> FlaskClient:
    """A client on the seeded database, logged in as the admin "ada"."""
    from tests.helpers import add_user, login

    add_user(seeded_app, "ada", role="admin")
    client = seeded_app.test_client()
    assert login(client, "ada").status_code == 302
    return client
