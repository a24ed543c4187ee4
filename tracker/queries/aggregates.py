"""Aggregates for the value charts: every sum and count is a GROUP BY in SQL, returning a few
plain rows (one per commodity, country or quarter shown), never the records themselves.

What the sums mean (the same on every page, chart, caption and CSV):
- Only deals count: export controls (kind export_control) have no value to add and are left
  out (`value_conditions`); they have their own page, /export-controls.
- Additive by default: each deal's USD value is counted ONCE. A deal covering one commodity
  counts under it; a deal covering several goes to one "Several commodities" group, whose
  `members` name what they cover. A deal between several countries (nearly all are) counts
  under those countries together ("Pakistan + United States", `members` naming them). A deal
  with none goes to "No commodity recorded" ("No country recorded"). So the groups add up to
  `value_total`.
- `values_by_commodity_each` is the other view, NOT additive: a deal counts in full under each
  commodity it covers. Nothing draws it by default; it is there for a reader who asks
  "how much do deals touching antimony add up to", and says so in its name.
- A value is never added as zero: undisclosed values, amounts without a USD figure and deals
  without a value are counted beside the sum.
- `disputed` counts the group's deals whose value sources disagree on (records/conflicts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, distinct, func, literal, null, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import (
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    DealGroups,
    Party,
    ShipmentItem,
    Source,
)
from tracker.queries.conditions import deal_conditions
from tracker.queries.filters import Filter
from tracker.records.conflicts import find_conflicts
from tracker.summaries.deal_groups import SEPARATOR

# The queries below alias the tables they join: the Filter's subqueries (EXISTS over
# deal_commodity, shipment_item...) use the plain tables and would otherwise correlate with the
# outer query and lose their FROM.
Com = aliased(Commodity)
PartyA = aliased(Party)
DC = aliased(DealCommodity)
Groups = aliased(DealGroups)
Item = aliased(ShipmentItem)

# Keys of the groups that are not one commodity or country.
SEVERAL, NONE = "several", "none"
EXPORT_CONTROL = "export_control"


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
    disputed: int = 0
    # For a "several" group: the commodities or countries its deals cover.
    members: tuple[str, ...] = ()
    # For groups folded together: how many of them MEMBERS leaves unnamed (see Ranked).
    unnamed: int = 0

    @property
    def without_value(self) -> int:
        """Deals in the group with no value reported at all."""
        return self.deals - self.with_usd - self.undisclosed - self.unconverted


@dataclass(frozen=True)
class Ranked:
    """Value groups largest first: ROWS, and REST, the groups past them added up into one row
    (its `unnamed` says how many they are), or None when ROWS holds every group. A query asked
    for only the largest groups reads those and the rest's sums, not thousands of rows."""

    rows: list[ValueRow]
    rest: ValueRow | None = None


def value_conditions(f: Filter) -> list:
    """The deals whose values the charts add: the Filter's, export controls left out."""
    return [*deal_conditions(f), Deal.kind != EXPORT_CONTROL]


def disputed_value_deals(session: Session, f: Filter) -> list[int]:
    """Ids of the selected deals whose value the sources disagree on (the value functions below
    take them as DISPUTED when a page has read them once already)."""
    return disputed_among(session, select(Deal.id).where(*value_conditions(f)))


def disputed_among(session: Session, selected) -> list[int]:
    """Ids among SELECTED (deal ids, a list or a query) whose value is cited with values that
    cannot all be true. Only deals with two or more differing value citations are read (a
    handful), then compared as the deal page compares them."""
    candidates = (
        select(Citation.record_id)
        .where(Citation.record_type == "deal", Citation.field == "value")
        .where(Citation.record_id.in_(selected))
        .group_by(Citation.record_id)
        .having(func.count(distinct(Citation.value)) > 1)
    )
    pairs = session.execute(
        select(Citation, Source)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.record_type == "deal", Citation.field == "value")
        .where(Citation.record_id.in_(candidates))
    ).all()
    return sorted({c.record_id for c in find_conflicts(pairs)})


# ValueRow's fields that _value_columns fills, in its order.
VALUE_FIELDS = ("usd", "with_usd", "undisclosed", "unconverted", "deals", "disputed")


def _value_columns(disputed: list[int], *, repeated: bool = False, labelled: bool = False):
    """Sum and counts over Deal rows: USD known, undisclosed, amount without USD, all, disputed.
    REPEATED: a join repeats a deal's row within a group, so deals are counted distinct (a
    COUNT DISTINCT per group that queries joining one row per deal need not pay). LABELLED:
    named as ValueRow's fields (for a query reading them back from a subquery)."""
    columns = (
        func.coalesce(func.sum(Deal.value_usd), 0),
        func.count(Deal.value_usd),
        func.count(case((Deal.value_undisclosed.is_(True), 1))),
        func.count(case((and_(Deal.value_amount.is_not(None), Deal.value_usd.is_(None)), 1))),
        func.count(distinct(Deal.id)) if repeated else func.count(Deal.id),
        func.count(case((Deal.id.in_(disputed or [-1]), 1))),
    )
    if labelled:
        return tuple(c.label(name) for c, name in zip(columns, VALUE_FIELDS, strict=True))
    return columns


def _row(
    key: str, label: str, usd, *counts, members: tuple[str, ...] = (), unnamed: int = 0
) -> ValueRow:
    return ValueRow(key, label, Decimal(usd or 0), *counts, members=members, unnamed=unnamed)


def _largest_first(rows: list[ValueRow]) -> list[ValueRow]:
    return sorted(rows, key=lambda r: (-r.usd, r.key in (SEVERAL, NONE), r.label))


def value_total(session: Session, f: Filter, disputed: list[int] | None = None) -> ValueRow:
    """Every selected deal once: the total the additive charts add up to."""
    if disputed is None:
        disputed = disputed_value_deals(session, f)
    usd, *counts = session.execute(
        select(*_value_columns(disputed)).where(*value_conditions(f))
    ).one()
    return _row("all", "In all", usd, *counts)


def values_by_commodity(
    session: Session, f: Filter, disputed: list[int] | None = None
) -> list[ValueRow]:
    """Announced value per commodity, each deal once (see the module docstring); deals are
    grouped by their row in deal_groups (tracker/summaries/deal_groups)."""
    if disputed is None:
        disputed = disputed_value_deals(session, f)
    bucket = case((Groups.commodities > 1, -1), else_=func.coalesce(Groups.commodity_id, 0))
    rows = session.execute(
        select(bucket, *_value_columns(disputed))
        .select_from(Deal)
        .outerjoin(Groups, Groups.id == Deal.id)
        .where(*value_conditions(f))
        .group_by(bucket)
    ).all()
    names = dict(
        session.execute(
            select(Com.id, Com.slug).where(Com.id.in_([r[0] for r in rows if r[0] > 0]))
        ).all()
    )
    labels = dict(session.execute(select(Com.slug, Com.name)).all())
    out = []
    for key, usd, *counts in rows:
        if key == -1:
            members = _several_commodities(session, f)
            out.append(_row(SEVERAL, "Several commodities", usd, *counts, members=members))
        elif key == 0:
            out.append(_row(NONE, "No commodity recorded", usd, *counts))
        else:
            out.append(_row(names[key], labels[names[key]], usd, *counts))
    return _largest_first(out)


def _several_commodities(session: Session, f: Filter) -> tuple[str, ...]:
    """The commodities the selected multi-commodity deals cover: a probe per commodity (a few
    dozen, each stopping at its first deal) rather than a join through thousands of deals."""
    selected = select(Deal.id).where(*value_conditions(f))
    covered = (
        select(DC.deal_id)
        .join(Groups, Groups.id == DC.deal_id)
        .where(DC.commodity_id == Com.id, Groups.commodities > 1, DC.deal_id.in_(selected))
    )
    return tuple(session.scalars(select(Com.name).where(covered.exists()).order_by(Com.name)))


def values_by_commodity_each(session: Session, f: Filter) -> list[ValueRow]:
    """NOT additive: a deal covering several commodities counts in full under each."""
    disputed = disputed_value_deals(session, f)
    rows = session.execute(
        select(Com.slug, Com.name, *_value_columns(disputed, repeated=True))
        .join(DC, DC.commodity_id == Com.id)
        .join(Deal, Deal.id == DC.deal_id)
        .where(*value_conditions(f))
        .group_by(Com.slug, Com.name)
    ).all()
    return _largest_first([_row(k, label, *rest) for k, label, *rest in rows])


def values_by_country(
    session: Session, f: Filter, disputed: list[int] | None = None, *, largest: int | None = None
) -> Ranked:
    """Announced value per country taking part, each deal once (see the module docstring). A
    deal between several countries counts once, under the bar of those countries together
    ("Pakistan + United States"), whose members name them. Deals are grouped by their
    countries as deal_groups keeps them (ISO codes, sorted and joined by '+').

    LARGEST: read only the groups whose value reaches the LARGEST-th largest (ties all read, so
    the order by label below stays exact) and the others as one sum: 10,000 deals make some
    8,500 groups, and naming and sorting them all was most of a cold dashboard at that size."""
    if disputed is None:
        disputed = disputed_value_deals(session, f)
    codes = func.coalesce(Groups.countries, "")
    grouped = (
        select(codes.label("codes"), *_value_columns(disputed, labelled=True))
        .select_from(Deal)
        .outerjoin(Groups, Groups.id == Deal.id)
        .where(*value_conditions(f))
        .group_by(codes)
        .cte("country_groups")
    )
    if largest is None:
        # Through Core, not the ORM session: result handling per row cost more than the query.
        rows = session.connection().execute(select(grouped)).all()
        rest = None
    else:
        rows, rest = _largest_and_rest(session, grouped, largest)
    every = set(SEPARATOR.join(r[0] for r in rows if r[0]).split(SEPARATOR)) - {""}
    names = {code: code for code in every}
    names.update(
        session.execute(select(PartyA.iso3, PartyA.name).where(PartyA.iso3.in_(every))).all()
    )
    out = []
    for joined, usd, *counts in rows:
        key = joined.split(SEPARATOR) if joined else ()
        if not key:
            out.append(_row(NONE, "No country recorded", usd, *counts))
        elif len(key) == 1:
            out.append(_row(joined, names[joined], usd, *counts))
        else:
            labels = sorted(map(names.__getitem__, key))
            out.append(_row(joined, " + ".join(labels), usd, *counts, members=tuple(labels)))
    return Ranked(_largest_first(out), rest)


def _largest_and_rest(session: Session, grouped, largest: int):
    """GROUPED's rows whose value reaches the LARGEST-th largest, and the others added up (a
    ValueRow, or None when there are none), in one statement so the groups are made once."""
    floor = (
        select(grouped.c.usd)
        .order_by(grouped.c.usd.desc())
        .offset(largest - 1)
        .limit(1)
        .scalar_subquery()
    )
    values = list(grouped.c)[1:]
    read = (
        session.connection()
        .execute(
            union_all(
                select(grouped, literal(1)).where(or_(floor.is_(None), grouped.c.usd >= floor)),
                # The rest's row: the one with no codes (every group has codes, '' for none).
                select(
                    null(), *(func.coalesce(func.sum(c), 0) for c in values), func.count()
                ).where(grouped.c.usd < floor),
            )
        )
        .all()
    )
    rows = [r[:-1] for r in read if r[0] is not None]
    rest = next((r for r in read if r[0] is None and r[-1]), None)
    if rest is None:
        return rows, None
    return rows, _row("other", "", *rest[1:-1], unnamed=rest[-1])


def _deal_date():
    """The date a deal's value counts from: announced, else signed, else its first date."""
    return func.coalesce(Deal.announced_on, Deal.signed_on, Deal.first_date)


def values_by_quarter(
    session: Session, f: Filter, disputed: list[int] | None = None
) -> list[ValueRow]:
    """Announced value per quarter (key 2025-Q3), oldest first; undated deals key ''. Each deal
    has one date, so the quarters (with the undated row) add up to value_total."""
    if disputed is None:
        disputed = disputed_value_deals(session, f)
    when = _deal_date()
    year, month = func.extract("year", when), func.extract("month", when)
    rows = session.execute(
        select(year, month, *_value_columns(disputed))
        .where(*value_conditions(f))
        .group_by(year, month)
        .order_by(year, month)
    ).all()
    quarters: dict[str, list] = {}
    for y, m, usd, *counts in rows:
        # Months fold into quarters here: at most 12 rows a year, already summed in SQL.
        key = f"{int(y):04d}-Q{(int(m) - 1) // 3 + 1}" if y is not None else ""
        acc = quarters.setdefault(key, [Decimal(0), 0, 0, 0, 0, 0])
        acc[0] += Decimal(usd or 0)
        for i, n in enumerate(counts, start=1):
            acc[i] += n
    return [ValueRow(k, _quarter_label(k), *v) for k, v in quarters.items()]


def _quarter_label(key: str) -> str:
    """'Q3 2025' for '2025-Q3', as dates are written on every page."""
    return f"{key[-2:]} {key[:4]}" if key else "date not known"


def value_bases(session: Session, f: Filter) -> list[tuple[str, int]]:
    """How the USD figures were reached (the basis) and how many deals each."""
    rows = session.execute(
        select(Deal.value_usd_basis, func.count())
        .where(*value_conditions(f), Deal.value_usd.is_not(None))
        .group_by(Deal.value_usd_basis)
        .order_by(func.count().desc())
    ).all()
    return [(basis or "basis not recorded", n) for basis, n in rows]
