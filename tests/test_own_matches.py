"""search.own_matches: how many rows' own text holds a word of the search, counted up to a
limit (relevance is scored only between none and sorting.RANK_CAP), on both databases; on
PostgreSQL it leaves the transaction's settings as they were."""

from __future__ import annotations

from sqlalchemy import func, select, text

from tracker import db
from tracker.models import Source
from tracker.queries.search import dialect_of, own_matches


def test_own_matches_counts_each_tables_own_text_up_to_the_limit(seeded_app):
    with seeded_app.app_context():
        session = db.get_session()
        live = select(func.count()).select_from(Source).where(Source.title.ilike("%pakistan%"))
        titled = session.scalar(live)
        assert titled > 2
        assert own_matches(session, "source", "pakistan", 1000) >= titled
        assert own_matches(session, "source", "pakistan", 2) == 2  # read no further
        assert own_matches(session, "source", "zzqx pakistan", 1) == 1  # any word is enough
        assert own_matches(session, "deal", "zzqx", 10) == 0
        assert own_matches(session, "shipment", "zzqx qxzz", 10) == 0
        assert own_matches(session, "deal", "", 10) == 0
        if dialect_of(session) == "postgresql":  # its workers are turned off for one statement
            show = text("SELECT current_setting('max_parallel_workers_per_gather')")
            session.execute(text("SELECT set_config('max_parallel_workers_per_gather', '3', true)"))
            own_matches(session, "shipment", "cobalt", 10)
            assert session.scalar(show) == "3"
