"""shipment_tally's sums and deal_shipment_words do not drift from a recomputation, however many
writes add and take away amounts with cents and change descriptions: thousands of mixed shipment
writes (seeded, so a failure replays), then `tracker db check` finds no difference."""

from __future__ import annotations

import random
from decimal import Decimal

from sqlalchemy import select

from tests.test_summaries import assert_in_step
from tracker import db
from tracker.models import Commodity, Deal, Party, Shipment
from tracker.records import writer
from tracker.records.money import money_fields

WRITES = 2_000
PER_TRANSACTION = 25
# Few descriptions: deal_shipment_words rows gain and lose the same lines over and over.
DESCRIPTIONS = (None, "ore samples", "Cobalt hydroxide", "ore samples")


def _usd(rng: random.Random) -> Decimal | None:
    """Amounts binary floats cannot hold exactly: cents on every scale up to USD 100 billion
    (sums stay within the 15 significant digits a SQLite REAL keeps; README: Speed at scale)."""
    if rng.random() < 0.15:
        return None
    return Decimal(rng.randint(1, 10 ** rng.randint(2, 13))) / 100


def _items(rng: random.Random, commodities: list[str]) -> list[dict]:
    items = []
    for commodity in rng.sample(commodities, rng.randint(0, len(commodities))):
        usd = _usd(rng)
        money = money_fields(amount=usd, currency="USD") if usd is not None else money_fields()
        items.append({"commodity": commodity, "quantity": Decimal("1.5"), "unit": "t"} | money)
    return items


def test_thousands_of_mixed_writes_leave_no_difference(seeded_app):
    rng = random.Random(20261130)
    engine = seeded_app.extensions["tracker.engine"]
    with db.unit_of_work(engine) as s:
        # Few deals, countries and commodities: every tally row takes thousands of changes.
        commodities = list(s.scalars(select(Commodity.slug)))[:2]
        countries = list(s.scalars(select(Party.id).where(Party.kind == "country")))[:2]
        deals = list(s.scalars(select(Deal.id)))[:2]
    made: list[int] = []
    done = 0
    while done < WRITES:
        with db.unit_of_work(engine) as s:
            for _ in range(PER_TRANSACTION):
                done += 1
                choice = rng.random()
                if choice < 0.35 or not made:
                    record = writer.create(
                        s,
                        actor="drift test",
                        model=Shipment,
                        values={
                            "slug": f"drift-{done}",
                            "deal_id": rng.choice(deals),
                            "origin_id": rng.choice(countries),
                            "destination_id": rng.choice(countries),
                            "status": "dispatched",
                            "description": rng.choice(DESCRIPTIONS),
                        },
                        links={"items": _items(rng, commodities)},
                    )
                    made.append(record.id)
                    continue
                shipment = s.get(Shipment, rng.choice(made))
                if choice < 0.85:
                    writer.update(
                        s,
                        actor="drift test",
                        record=shipment,
                        values={
                            "deal_id": rng.choice(deals),
                            "origin_id": rng.choice(countries),
                            "description": rng.choice(DESCRIPTIONS),
                        },
                        links={"items": _items(rng, commodities)},
                    )
                elif not shipment.deleted:
                    writer.soft_delete(s, actor="drift test", record=shipment, note=None)
    assert len(made) > WRITES // 4
    assert_in_step(seeded_app)
