"""The page of /shipments under a commodity: read along the date index testing each shipment's
items (a common commodity's first pages), or from the commodity's items then sorted (a rare
one, a deep page): both give the same shipments in the same order."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from tracker import db
from tracker.models import Commodity
from tracker.queries import paging
from tracker.queries.filters import Filter


@pytest.fixture
def demo(app):
    args = ["demo-data", "--deals", "12", "--shipments", "400", "--seed", "3"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    return app


def test_both_ways_of_reading_a_commodity_page_agree(demo, monkeypatch):
    with demo.app_context():
        session = db.get_session()
        slugs = list(session.scalars(select(Commodity.slug)))
        pages = 0
        for slug in slugs:
            for page in (1, 2, 5):
                f = replace(Filter(commodity=(slug,)), page=page, per_page=10)
                found = {}
                for walk in (True, False):
                    monkeypatch.setattr(paging, "_walk_the_dates", lambda *_a, w=walk: w)
                    found[walk] = paging.latest_shipment_ids(session, f)
                assert found[True] == found[False], (slug, page)
                pages += bool(found[True])
        assert pages > 10  # commodities with shipments, and pages past the first


def test_the_walk_is_chosen_for_a_common_commoditys_first_pages_only(monkeypatch):
    counts = {(): 1_000_000, ("antimony",): 22_000, ("tin",): 500}
    monkeypatch.setattr(paging.tallies, "count_shipments", lambda _session, f: counts[f.commodity])
    common, rare = Filter(commodity=("antimony",)), Filter(commodity=("tin",))
    assert paging._walk_the_dates(None, common, 50)
    assert not paging._walk_the_dates(None, common, 50_000)  # a deep page: read the items
    assert not paging._walk_the_dates(None, rare, 50)
    assert not paging._walk_the_dates(None, Filter(), 50)
