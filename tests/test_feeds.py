"""The feed list in the database: `tracker feeds add/list/remove/import`, any name, audited,
in backups; data/feeds.toml is only an optional import."""

from __future__ import annotations

import sqlite3

from sqlmodel import select

from tracker import db
from tracker.models import AuditEntry, Feed

EMOJI_NAME = 'Metals 🪨 "wire" \\ [[feed]]'
TOML = """# old feed list
[[feed]]
url = "https://example.org/a.xml"
name = "A wire"

[[feed]]
url = "https://example.org/b.xml"
"""


def _feeds(app) -> list[tuple[str, str]]:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return [(f.name, f.url) for f in s.exec(select(Feed).order_by(Feed.id))]


def _audit(app) -> list[tuple[str, str, str]]:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        rows = s.exec(
            select(AuditEntry).where(AuditEntry.record_type == "feed").order_by(AuditEntry.id)
        )
        return [(e.action, e.actor, e.changes["name"]) for e in rows]


def test_a_name_with_emoji_and_quotes_is_kept_as_given_and_polling_still_reads_it(app, runner):
    added = runner.invoke(args=["feeds", "add", "https://example.org/m.xml", "--name", EMOJI_NAME])
    assert added.exit_code == 0, added.output

    assert (
        runner.invoke(args=["feeds", "list"]).output == f"{EMOJI_NAME}\thttps://example.org/m.xml\n"
    )
    assert _audit(app) == [("create", "cli:feeds", EMOJI_NAME)]
    run = runner.invoke(args=["jobs", "run", "poll_feeds"])  # the feed is unreachable: one error
    assert "run 1: poll_feeds (manual) ok; seen 0, new 0, skipped 0, errors 1" in run.output
    assert not app.config["TRACKER_FEEDS_FILE"].exists()  # nothing is written to a file


def test_remove_by_url_or_name_is_audited(app, runner):
    runner.invoke(args=["feeds", "add", "https://example.org/a.xml", "--name", "A wire"])
    runner.invoke(args=["feeds", "add", "https://example.org/b.xml", "--name", "B wire"])

    assert runner.invoke(args=["feeds", "remove", "a wire"]).exit_code == 0
    gone = runner.invoke(args=["feeds", "remove", "https://example.org/b.xml"])
    assert gone.output == "removed B wire (https://example.org/b.xml)\n"

    assert _feeds(app) == []
    assert [a[0] for a in _audit(app)] == ["create", "create", "delete", "delete"]
    missing = runner.invoke(args=["feeds", "remove", "nothing"])
    assert missing.exit_code != 0 and "no feed has the URL or name 'nothing'" in missing.output


def test_import_adds_what_is_new_from_the_toml_file(app, runner, tmp_path):
    app.config["TRACKER_FEEDS_FILE"].write_text(TOML, encoding="utf-8")
    runner.invoke(args=["feeds", "add", "https://example.org/a.xml", "--name", "Mine"])

    result = runner.invoke(args=["feeds", "import"])  # default: TRACKER_FEEDS_FILE

    assert result.exit_code == 0, result.output
    assert "imported 1 feeds" in result.output and "1 were listed already" in result.output
    assert _feeds(app) == [
        ("Mine", "https://example.org/a.xml"),
        ("https://example.org/b.xml", "https://example.org/b.xml"),
    ]


def test_a_bad_import_names_the_problem_and_adds_nothing(app, runner, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(TOML + '\n[[feed]]\nurl = "file:///etc/passwd"\n', encoding="utf-8")
    result = runner.invoke(args=["feeds", "import", str(bad)])
    assert result.exit_code != 0
    assert "feed number 3" in result.output and "nothing was imported" in result.output
    assert _feeds(app) == []
    broken = tmp_path / "broken.toml"
    broken.write_text('[[feed]\nurl = "x', encoding="utf-8")
    assert "is not valid TOML" in runner.invoke(args=["feeds", "import", str(broken)]).output
    missing = runner.invoke(args=["feeds", "import", str(tmp_path / "none.toml")])
    assert missing.exit_code != 0 and "does not exist" in missing.output


def test_feeds_are_in_the_backup(app, runner, tmp_path):
    if not app.config["TRACKER_DATABASE_URL"].startswith("sqlite"):
        return  # backups copy SQLite files; PostgreSQL's pg_dump holds every table anyway
    runner.invoke(args=["feeds", "add", "https://example.org/a.xml", "--name", EMOJI_NAME])
    copy = tmp_path / "copy.db"

    assert runner.invoke(args=["backup", str(copy)]).exit_code == 0

    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name, url FROM feed").fetchall() == [
            (EMOJI_NAME, "https://example.org/a.xml")
        ]
