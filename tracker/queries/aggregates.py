"""Aggregates for the charts: every sum and count is a GROUP BY in SQL, returning a few plain rows
(one per commodity, country, month or deal shown), never the records themselves."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import Commodity, Deal, DealCommodity, DealParty, Party, ShipmentItem
from tracker.queries.conditions import deal_conditions
from tracker.queries.filters import Filter
from tracker.records.vocab import NON_PARTY_ROLES

# The queries below alias the tables they join: the Filter's subqueries (EXISTS over
# deal_commodity, shipment_item...) use the plain tables and would otherwise correlate with the
# outer query and lose their FROM.
Com = aliased(Commodity)
PartyA = aliased(Party)
DC = aliased(DealCommodity)
Item = aliased(ShipmentItem)


@dataclass(frozen=True)
class ValueRow:
    """Announced deal value for one group: the USD sum and what it leaves out."""

    key: str
    label: str
    usd: Decimal
    with_usd: int
    undisclosed: int
    unconverted: int
    deals: int

    @property
    def without_value(self) -> int:
        """Deals in the group with no value reported at all."""
        return self.deals - self.with_usd - self.undisclosed - self.unconverted


def _value_columns():
    """Sum and counts over Deal rows: USD known, undisclosed, amount without USD, all."""
    return (
        func.coalesce(func.sum(Deal.value_usd), 0),
        func.count(Deal.value_usd),
        func.count(case((Deal.value_undisclosed.is_(True), 1))),
        func.count(case((and_(Deal.value_amount.is_not(None), Deal.value_usd.is_(None)), 1))),
        func.count(distinct(Deal.id)),
    )


def _value_rows(rows) -> list[ValueRow]:
    return [ValueRow(k, label or k, Decimal(usd or 0), *counts) for k, label, usd, *counts in rows]


def values_by_commodity(session: Session, f: Filter) -> list[ValueRow]:
    """Announced value per commodity; a deal covering several counts in full under each."""
    rows = session.execute(
        select(Com.slug, Com.name, *_value_columns())
        .join(DC, DC.commodity_id == Com.id)
        .join(Deal, Deal.id == DC.deal_id)
        .where(*deal_conditions(f))
        .group_by(Com.slug, Com.name)
        .order_by(func.coalesce(func.sum(Deal.value_usd), 0).desc(), Com.name)
    ).all()
    return _value_rows(rows)


def values_by_country(session: Session, f: Filter) -> list[ValueRow]:
    """Announced value per country taking part (itself, or a party based there), once per deal."""
    iso = func.coalesce(PartyA.iso3, PartyA.country_iso3)
    pairs = (
        select(DealParty.deal_id.label("deal_id"), iso.label("iso"))
        .join(PartyA, PartyA.id == DealParty.party_id)
        .where(DealParty.role.not_in(NON_PARTY_ROLES), iso.is_not(None))
        .distinct()
        .subquery()
    )
    country = aliased(Party)
    rows = session.execute(
        select(pairs.c.iso, func.max(country.name), *_value_columns())
        .join(Deal, Deal.id == pairs.c.deal_id)
        .outerjoin(country, country.iso3 == pairs.c.iso)
        .where(*deal_conditions(f))
        .group_by(pairs.c.iso)
        .order_by(func.coalesce(func.sum(Deal.value_usd), 0).desc(), pairs.c.iso)
    ).all()
    return _value_rows(rows)


def _deal_date():
    """The date a deal's value counts from: announced, else signed, else its first date."""
    return func.coalesce(Deal.announced_on, Deal.signed_on, Deal.first_date)


def values_by_quarter(session: Session, f: Filter) -> list[ValueRow]:
    """Announced value per quarter (key 2025-Q3), oldest first; undated deals key ''."""
    when = _deal_date()
    year, month = func.extract("year", when), func.extract("month", when)
    rows = session.execute(
        select(year, month, *_value_columns())
        .where(*deal_conditions(f))
        .group_by(year, month)
        .order_by(year, month)
    ).all()
    quarters: dict[str, list] = {}
    for y, m, usd, *counts in rows:
        # Months fold into quarters here: at most 12 rows a year, already summed in SQL.
        key = f"{int(y):04d}-Q{(int(m) - 1) // 3 + 1}" if y is not None else ""
        acc = quarters.setdefault(key, [Decimal(0), 0, 0, 0, 0])
        acc[0] += Decimal(usd or 0)
        for i, n in enumerate(counts, start=1):
            acc[i] += n
    return [ValueRow(k, k or "date not known", *v) for k, v in quarters.items()]


def value_bases(session: Session, f: Filter) -> list[tuple[str, int]]:
    """How the USD figures were reached (the basis) and how many deals each."""
    rows = session.execute(
        select(Deal.value_usd_basis, func.count())
        .where(*deal_conditions(f), Deal.value_usd.is_not(None))
        .group_by(Deal.value_usd_basis)
        .order_by(func.count().desc())
    ).all()
    return [(basis or "basis not recorded", n) for basis, n in rows]
