"""search.any_ranked: whether any row's own text holds a word of the search (relevance is
scored only then), on both databases; on PostgreSQL it leaves the transaction's settings as
they were."""

from __future__ import annotations

from sqlalchemy import select, text

from tracker import db
from tracker.models import Deal
from tracker.queries.search import any_ranked, dialect_of


def test_any_ranked_answers_from_each_tables_own_text(seeded_app):
    with seeded_app.app_context():
        session = db.get_session()
        title = session.scalar(select(Deal.title).where(Deal.deleted.is_(False)).limit(1))
        word = max(title.split(), key=len).strip(",.:;()'\"").lower()
        assert any_ranked(session, "deal", word), word
        assert any_ranked(session, "deal", f"zzqx {word}"), word  # any one word is enough
        assert any_ranked(session, "source", "pakistan")
        assert not any_ranked(session, "deal", "zzqx")
        assert not any_ranked(session, "shipment", "zzqx qxzz")
        assert not any_ranked(session, "deal", "")
        if dialect_of(session) == "postgresql":  # its workers are turned off for one statement
            show = text("SELECT current_setting('max_parallel_workers_per_gather')")
            session.execute(text("SELECT set_config('max_parallel_workers_per_gather', '3', true)"))
            any_ranked(session, "shipment", "cobalt")
            assert session.scalar(show) == "3"
