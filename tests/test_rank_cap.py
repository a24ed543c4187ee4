"""A search whose words are in the own text of more than sorting.RANK_CAP records is listed
newest first, not ranked (every match would be scored before the first page is known), and
its CSV export comes in the same order as its list."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from tracker import db
from tracker.cache import versioning
from tracker.models import Shipment
from tracker.queries import sorting


def _slugs(client, path: str) -> list[str]:
    return [row["shipment_slug"] for row in client.get(path).get_json()["items"]]


def test_a_search_over_the_cap_lists_newest_first_in_the_api_and_the_export(app, monkeypatch):
    args = ["demo-data", "--deals", "6", "--shipments", "60", "--seed", "3"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    client = app.test_client()
    oldest = _slugs(client, "/api/v1/shipments?sort=date&per_page=3")
    with app.app_context():  # three old shipments say the word thrice: they rank first
        session = db.get_session()
        for slug in oldest:
            shipment = session.scalar(select(Shipment).where(Shipment.slug == slug))
            shipment.description = "synthetic synthetic synthetic consignment"
        versioning.bump(session)
        session.commit()
    newest = _slugs(client, "/api/v1/shipments?q=synthetic&sort=-date&per_page=500")
    assert len(newest) == 60  # "synthetic" is in every demo description
    ranked = _slugs(client, "/api/v1/shipments?q=synthetic&per_page=500")
    assert sorted(ranked) == sorted(newest)
    assert set(ranked[:3]) == set(oldest)  # scored: the thrice-said first, not the newest

    monkeypatch.setattr(sorting, "RANK_CAP", 59)
    with app.app_context():  # the pages kept so far were ranked under the old cap
        session = db.get_session()
        versioning.bump(session)
        session.commit()
    assert _slugs(client, "/api/v1/shipments?q=synthetic&per_page=500") == newest
    exported = client.get("/export/shipments.csv?q=synthetic").get_data(as_text=True)
    in_file = list(dict.fromkeys(r["shipment_slug"] for r in csv.DictReader(io.StringIO(exported))))
    assert in_file == newest
