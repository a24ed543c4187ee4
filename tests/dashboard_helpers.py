"""Helpers for the dashboard tests: read the charts a page carries, and write records the way
the app's commands do (one unit of work), so the data version moves as in real use."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

from sqlalchemy import event, select

from tracker import db
from tracker.models import Commodity, Deal, DealCommodity, Event, Party, Shipment, ShipmentItem
from tracker.records.derived import refresh_deal_ranges
from tracker.records.money import money_fields

CHART_JSON = re.compile(
    r'<script type="application/json" id="chart-([\w-]+)-data">(.*?)</script>', re.S
)


def charts(html: str) -> dict[str, dict]:
    """{chart id: Plotly figure} of every chart the page carries."""
    return {cid: json.loads(body) for cid, body in CHART_JSON.findall(html)}


def bar_value(figure: dict, label: str) -> float:
    """The first trace's value for the bar labelled LABEL (0 when it has none)."""
    trace = figure["data"][0]
    return dict(zip(trace["y"], trace["x"], strict=True)).get(label, 0.0)


def count(html: str, what: str) -> int:
    """A count the dashboard shows (deals, shipments, events)."""
    return int(re.search(rf'data-count="{what}">(\d+)<', html).group(1))


def add_deals(
    app,
    n: int,
    *,
    commodity: str = "antimony",
    usd: str | None = "1000000",
    prefix: str = "extra",
    shipments: int = 1,
) -> None:
    """N dated deals of COMMODITY, each with an event and SHIPMENTS shipments of one item."""
    with db.unit_of_work(app.extensions["tracker.engine"]) as session:
        com = session.scalar(select(Commodity.id).where(Commodity.slug == commodity))
        pak, usa = (session.scalar(select(Party.id).where(Party.iso3 == c)) for c in ("PAK", "USA"))
        ids = []
        for i in range(n):
            money = money_fields(amount=Decimal(usd), currency="USD") if usd else money_fields()
            deal = Deal(
                slug=f"{prefix}-{i}",
                title=f"Test deal {prefix} {i}",
                kind="agreement",
                status="signed",
                announced_on=date(2024, 1 + i % 12, 1),
                announced_precision="month",
                **money,
            )
            session.add(deal)
            session.flush()
            ids.append(deal.id)
            session.add(DealCommodity(deal_id=deal.id, commodity_id=com))
            session.add(
                Event(
                    slug=f"{prefix}-{i}-signed",
                    date=date(2024, 1 + i % 12, 15),
                    date_precision="day",
                    kind="agreement_signed",
                    summary="Signed.",
                    deal_id=deal.id,
                )
            )
            for j in range(shipments):
                ship = Shipment(
                    slug=f"{prefix}-{i}-s{j}",
                    deal_id=deal.id,
                    origin_id=pak,
                    destination_id=usa,
                    status="delivered",
                    dispatched_on=date(2024, 2, 1),
                    dispatched_precision="day",
                )
                session.add(ship)
                session.flush()
                session.add(
                    ShipmentItem(
                        shipment_id=ship.id, commodity_id=com, quantity=Decimal(10), unit="t"
                    )
                )
        session.flush()
        refresh_deal_ranges(session, ids)


class QueryCounter:
    """Counts the SQL statements an engine runs while active."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def _count(self, _conn, _cursor, statement, *_args) -> None:
        self.statements.append(statement)

    def __enter__(self) -> QueryCounter:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)
