"""The Filter as WHERE clauses, one set per kind of record, so every view selects alike."""

from __future__ import annotations

import difflib
from dataclasses import replace

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    String,
    and_,
    cast,
    except_,
    exists,
    false,
    func,
    intersect,
    or_,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import (
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
)
from tracker.queries.filters import Filter, FilterError
from tracker.queries.search import dialect_of, hit_ids, own_text_holds, words
from tracker.records.vocab import MAX_COMMODITY_DEPTH, NON_PARTY_ROLES

LIST_PAGES = {"commodity": "/commodities", "party": "/parties"}


def check_known(session: Session, f: Filter) -> None:
    """Refuse commodity and party slugs the tracker does not know."""
    for name, model in (("commodity", Commodity), ("party", Party)):
        wanted = set(getattr(f, name))
        if not wanted:
            continue
        found = set(session.scalars(select(model.slug).where(model.slug.in_(wanted))))
        missing = sorted(wanted - found)
        if missing:
            raise FilterError(
                name,
                f"unknown {name} {missing[0]!r}{_suggest(session, model, missing[0])}; "
                f"{LIST_PAGES[name]} lists the known ones",
            )


def resolve_names(session: Session, f: Filter) -> Filter:
    """F with commodity and party names (or aliases, any case) turned into their slugs, so
    a person may type "US Strategic Metals" or "USSM" and the URL keeps the slug."""
    changes = {}
    for name, model in (("commodity", Commodity), ("party", Party)):
        values = getattr(f, name)
        if not values:
            continue
        known = set(session.scalars(select(model.slug).where(model.slug.in_(values))))
        resolved = tuple(
            dict.fromkeys(
                v if v in known else _slug_by_name(session, model, v) or v for v in values
            )
        )
        if resolved != values:
            changes[name] = resolved
    return replace(f, **changes) if changes else f


def _slug_by_name(session: Session, model, text: str) -> str | None:
    """The slug of the record called TEXT (its name or an alias, ignoring case)."""
    lowered = text.strip().lower()
    slug = session.scalars(
        select(model.slug).where(func.lower(model.name) == lowered).order_by(model.id).limit(1)
    ).first()
    if slug:
        return slug
    # Aliases live in a JSON list; only rows whose aliases mention the text are read.
    for candidate, aliases in session.execute(
        select(model.slug, model.aliases).where(
            func.lower(cast(model.aliases, String)).contains(lowered, autoescape=True)
        )
    ):
        if any(a.lower() == lowered for a in aliases):
            return candidate
    return None


def _suggest(session: Session, model, text: str) -> str:
    """'; did you mean …' with the closest names, for a name that matched nothing."""
    names = dict(session.execute(select(model.name, model.slug)).all())
    close = difflib.get_close_matches(text, list(names), n=4, cutoff=0.5)
    if not close:
        lowered = {n.lower(): n for n in names}
        close = [
            lowered[c]
            for c in difflib.get_close_matches(text.lower(), list(lowered), n=4, cutoff=0.5)
        ]
    if not close:
        return ""
    return "; did you mean " + ", ".join(f"{n} ({names[n]})" for n in close) + "?"


def commodity_ids(slugs):
    """Ids of the commodities named and of every commodity under them (a group selects its
    members, theirs, ...): each commodity joined to its ancestors, MAX_COMMODITY_DEPTH deep.
    Fresh aliases, so the subquery never correlates with an outer query's commodity table."""
    levels = [aliased(Commodity) for _ in range(MAX_COMMODITY_DEPTH)]
    query = select(levels[0].id)
    for child, parent in zip(levels, levels[1:], strict=False):
        query = query.outerjoin(parent, child.parent_id == parent.id)
    return query.where(or_(*(level.slug.in_(slugs) for level in levels)))


def _party_ids(f: Filter):
    """Parties named by slug."""
    return select(Party.id).where(Party.slug.in_(f.party))


def _country_party_ids(codes):
    """Countries with these codes, and every party based in them."""
    return select(Party.id).where(or_(Party.iso3.in_(codes), Party.country_iso3.in_(codes)))


def _deal_party(party_ids) -> ColumnElement[bool]:
    # IN over the party index, not a correlated EXISTS: the database then starts from the
    # party's links (hundreds) instead of testing each of ten thousand deals (2 ms, not 72 ms,
    # for a country's deals at a million items).
    return Deal.id.in_(
        select(DealParty.deal_id).where(
            DealParty.party_id.in_(party_ids), DealParty.role.not_in(NON_PARTY_ROLES)
        )
    )


def _date_range(f: Filter, start_col, end_col) -> list[ColumnElement[bool]]:
    clauses = []
    if f.date_from:
        clauses.append(end_col >= f.date_from.start)
    if f.date_to:
        clauses.append(start_col <= f.date_to.end)
    return clauses


def deal_conditions(f: Filter) -> list[ColumnElement[bool]]:
    """Deals the Filter selects: they cover the commodity, involve the country or party as a
    party (not a critic or witness), and their span of dates overlaps the range."""
    c: list[ColumnElement[bool]] = [Deal.deleted == false()]
    if f.commodity:
        # IN over the commodity index, as for parties below.
        c.append(
            Deal.id.in_(
                select(DealCommodity.deal_id).where(
                    DealCommodity.commodity_id.in_(commodity_ids(f.commodity))
                )
            )
        )
    if f.country:
        c.append(_deal_party(_country_party_ids(f.country)))
    if f.party:
        c.append(_deal_party(_party_ids(f)))
    if f.kind:
        c.append(Deal.kind.in_(f.kind))
    if f.status:
        c.append(Deal.status.in_(f.status))
    if f.event_kind:
        c.append(
            exists().where(
                Event.deal_id == Deal.id, Event.kind.in_(f.event_kind), Event.deleted == false()
            )
        )
    c += _date_range(f, Deal.first_date, Deal.last_date)
    c += [_deal_word(w) for w in words(f.q)]
    return c


def party_ids_named(w: str):
    """Ids of the parties whose name or aliases hold the word W (a subquery)."""
    return hit_ids("party", w)


def commodity_ids_named(w: str):
    """Ids of the commodities whose name or aliases hold the word W (a subquery)."""
    return hit_ids("commodity", w)


def _deal_word(w: str) -> ColumnElement[bool]:
    """The deal's title or summary holds W, or one of its parties, commodities, sources or
    shipments does (names and aliases count: USSM finds US Strategic Metals' deals).

    One IN per path, OR-ed, cheapest first, on `deal.id + 0` so that no index on the id is
    tempted: each deal is tested in turn, and a path's set of ids is built only when a deal
    needs it. The path through shipments reads deal_shipment_words (one row per deal), not the
    shipments' own index: a word such as "synthetic" is in every one of a million shipments,
    and listing them to find their deals took 450 ms."""
    key = Deal.id + 0
    return or_(
        key.in_(hit_ids("deal", w)),
        key.in_(select(DealParty.deal_id).where(DealParty.party_id.in_(party_ids_named(w)))),
        key.in_(
            select(DealCommodity.deal_id).where(
                DealCommodity.commodity_id.in_(commodity_ids_named(w))
            )
        ),
        key.in_(
            select(Citation.record_id).where(
                Citation.record_type == "deal",
                Citation.source_id.in_(hit_ids("source", w)),
            )
        ),
        key.in_(hit_ids("deal_shipment_words", w)),
    )


def _shipment_word_paths(w: str) -> list[Select]:
    """Ids of the shipments whose description holds W, or whose commodities, ends or deal do:
    one select per index path (an id may come from several)."""
    parties = party_ids_named(w)
    return [
        hit_ids("shipment", w),
        select(Shipment.id).where(Shipment.origin_id.in_(parties)),
        select(Shipment.id).where(Shipment.destination_id.in_(parties)),
        select(Shipment.id).where(Shipment.origin_party_id.in_(parties)),
        select(Shipment.id).where(Shipment.destination_party_id.in_(parties)),
        select(ShipmentItem.shipment_id).where(
            ShipmentItem.commodity_id.in_(commodity_ids_named(w))
        ),
        select(Shipment.id).where(Shipment.deal_id.in_(hit_ids("deal", w))),
    ]


def _shipment_word(w: str) -> ColumnElement[bool]:
    """The shipment's description holds W, or its commodities, ends or deal do (ids read
    through indexes, as for deals). UNION ALL: the IN removes repeats itself, so a UNION
    would sort the ids once more."""
    return Shipment.id.in_(union_all(*_shipment_word_paths(w)))


def shipment_id_paths(f: Filter) -> list[list[Select]] | None:
    """The id sets whose intersection is F's shipments, deleted ones included: each word's
    index paths (an id may come from several), and the commodity's items as a set of one
    path. None unless F selects by words, with a commodity at most: a country's ends, as a
    set, made q=cobalt&country=CHN&country=USA slower on PostgreSQL (260 ms against 200),
    where its planner starts from the word's few matches."""
    if not words(f.q) or not f.selects_only("q", "commodity"):
        return None
    sets = [_shipment_word_paths(w) for w in words(f.q)]
    if f.commodity:
        ids = commodity_ids(f.commodity)
        sets.append([select(ShipmentItem.shipment_id).where(ShipmentItem.commodity_id.in_(ids))])
    return sets


def shipment_id_set(f: Filter, up_to: int | None = None) -> CompoundSelect | None:
    """The ids of the live shipments F selects (up to the id UP_TO when given), distinct, as
    set operations on id lists: the sets of shipment_id_paths INTERSECTed, EXCEPT the deleted
    ones (a partial index of a few ids, migration 0024). No shipment row is read: the IN form
    checked `deleted` on each of a common word's 22,000 rows (32 of a 38 ms count at a
    million). UP_TO bounds every path's index range, so that a word in every shipment is read
    only as far as the first ids need (shipment_facets.first_ids)."""
    sets = shipment_id_paths(f)
    if sets is None:
        return None
    if up_to is not None:
        sets = [[p.where(p.selected_columns[0] <= up_to) for p in paths] for paths in sets]
    # Each set read as a subquery: SQLite takes no parentheses around a compound select, and
    # applies INTERSECT and EXCEPT left to right.
    named = [select(union_all(*paths).subquery().c[0].label("id")) for paths in sets]
    shared = named[0] if len(named) == 1 else select(intersect(*named).subquery().c.id)
    return except_(shared, deleted_shipment_ids())


def deleted_shipment_ids() -> Select:
    """Ids of the deleted shipments, read from their partial index (migration 0024) alone."""
    return select(Shipment.id).where(Shipment.deleted == true())


def deleted_shipments(session: Session) -> int:
    """How many shipments are deleted (their partial index alone): the word indexes keep
    deleted rows, and a bound read from them allows for these."""
    return session.scalar(deleted_shipment_ids().with_only_columns(func.count()))


def _shipment_word_each(w: str, seek: bool = False) -> ColumnElement[bool]:
    """The same test as _shipment_word, made on each shipment in turn (for a page read along
    the date index): its ends and deal against the word's few parties and deals, its items
    against the word's commodities through the item index. Each id column is wrapped
    (`+ 0`) so that no index on it is tempted to start from the matches: the walk along the
    dates stays the plan. The descriptions' matches are listed once, as in the UNION, or with
    SEEK looked up for each shipment (search.own_text_holds: listing them cost 190 ms for a
    word in nearly every one of a million shipments, paging.seek_words)."""
    parties = party_ids_named(w)
    ends = (Shipment.origin_id, Shipment.destination_id,
            Shipment.origin_party_id, Shipment.destination_party_id)  # fmt: skip
    return or_(
        own_text_holds("shipment", Shipment.id, w)
        if seek
        else (Shipment.id + 0).in_(hit_ids("shipment", w)),
        *((end + 0).in_(parties) for end in ends),
        exists().where(
            ShipmentItem.shipment_id == Shipment.id,
            ShipmentItem.commodity_id.in_(commodity_ids_named(w)),
        ),
        (Shipment.deal_id + 0).in_(hit_ids("deal", w)),
    )


def _event_word(w: str) -> ColumnElement[bool]:
    """The event's summary holds W, or a party it names, or its deal's own text does."""
    return Event.id.in_(
        union(
            hit_ids("event", w),
            select(EventParty.event_id).where(EventParty.party_id.in_(party_ids_named(w))),
            select(Event.id).where(Event.deal_id.in_(hit_ids("deal", w))),
        )
    )


def deal_ids_selected(f: Filter, **only) -> ColumnElement:
    """Ids of deals matching the deal-level parts of the Filter named in ONLY (a subquery)."""
    sub = Filter(**{k: getattr(f, k) for k in only})
    return select(Deal.id).where(*deal_conditions(sub))


def shipment_conditions(
    f: Filter, *, test_each: bool = False, seek: frozenset[str] = frozenset()
) -> list[ColumnElement[bool]]:
    """Shipments the Filter selects: an item of the commodity, the country or party at either
    end (or a party of their deal), a deal of the kind and status, dispatched in the range.
    TEST_EACH: the commodity, the country and the words tested on each shipment in turn (a
    correlated EXISTS, ids against short lists), for a page read along the date index when
    the selection is common enough that its first page is found in a short walk; the words in
    SEEK looked up in the description index for each shipment."""
    c: list[ColumnElement[bool]] = [Shipment.deleted == false()]
    if f.commodity and test_each:
        c.append(
            exists().where(
                ShipmentItem.shipment_id == Shipment.id,
                ShipmentItem.commodity_id.in_(commodity_ids(f.commodity)),
            )
        )
    elif f.commodity:
        # IN over the item index, not a correlated EXISTS: the database then starts from the
        # commodity's items (a few thousand) instead of testing every one of a million shipments.
        c.append(
            Shipment.id.in_(
                select(ShipmentItem.shipment_id).where(
                    ShipmentItem.commodity_id.in_(commodity_ids(f.commodity))
                )
            )
        )
    if f.country:
        ids = _country_party_ids(f.country)
        ends = (Shipment.origin_id + 0, Shipment.destination_id + 0) if test_each else (
            Shipment.origin_id, Shipment.destination_id)  # fmt: skip
        c.append(or_(*(end.in_(ids) for end in ends)))
    if f.party:
        ids = _party_ids(f)
        c.append(
            or_(
                Shipment.origin_party_id.in_(ids),
                Shipment.destination_party_id.in_(ids),
                Shipment.deal_id.in_(deal_ids_selected(f, party=f.party)),
            )
        )
    if f.kind or f.status:
        c.append(Shipment.deal_id.in_(deal_ids_selected(f, kind=f.kind, status=f.status)))
    if f.event_kind:
        c.append(exists().where(Event.shipment_id == Shipment.id, Event.kind.in_(f.event_kind)))
    when = func.coalesce(Shipment.dispatched_on, Shipment.arrived_on)
    c += _date_range(f, when, when)
    c += [_shipment_word_each(w, w in seek) if test_each else _shipment_word(w) for w in words(f.q)]
    return c


def shipment_conditions_by_end(f: Filter, reader) -> list[list[ColumnElement[bool]]] | None:
    """F's shipment conditions as two sets whose union is F's selection: from the country and
    to it (None without a country). On SQLite each end then reads its own index (migration
    0023) in date or id order, where the OR of the two ends read every match of both and
    sorted them. Not on PostgreSQL (None for a READER, session or connection, on it): its
    planner reads the OR well (a country's first page in 7 ms at a million) and the split
    badly (each end's IN is joined and sorted, not read in index order: 14 to 250 ms)."""
    if not f.country or dialect_of(reader) != "sqlite":
        return None
    rest = shipment_conditions(replace(f, country=()))
    ids = _country_party_ids(f.country)
    return [[*rest, Shipment.origin_id.in_(ids)], [*rest, Shipment.destination_id.in_(ids)]]


def event_conditions(f: Filter) -> list[ColumnElement[bool]]:
    """Events the Filter selects: of the event kind, in the range, and concerning a deal or
    shipment the Filter selects (or naming the party or country themselves)."""
    c: list[ColumnElement[bool]] = [Event.deleted == false()]
    if f.event_kind:
        c.append(Event.kind.in_(f.event_kind))
    if f.date_from:
        c.append(Event.date >= f.date_from.start)
    if f.date_to:
        c.append(Event.date <= f.date_to.end)
    c += [_event_word(w) for w in words(f.q)]
    if f.commodity:
        c.append(
            or_(
                Event.deal_id.in_(deal_ids_selected(f, commodity=f.commodity)),
                _event_shipment(Filter(commodity=f.commodity)),
            )
        )
    for name, ids in (("country", _country_party_ids(f.country)), ("party", _party_ids(f))):
        if getattr(f, name):
            sub = Filter(**{name: getattr(f, name)})
            c.append(
                or_(
                    Event.deal_id.in_(deal_ids_selected(f, **{name: getattr(f, name)})),
                    _event_shipment(sub),
                    exists().where(EventParty.event_id == Event.id, EventParty.party_id.in_(ids)),
                )
            )
    if f.kind or f.status:
        c.append(Event.deal_id.in_(deal_ids_selected(f, kind=f.kind, status=f.status)))
    return c


def _event_shipment(f: Filter) -> ColumnElement[bool]:
    """The event's shipment is one the Filter selects. Correlated (EXISTS through the shipment's
    primary key), not IN (SELECT ...): an IN would list every matching shipment, a million
    rows, before looking at the first event."""
    # Correlated to the event only: the outer query may itself join shipment.
    return (
        exists().where(Shipment.id == Event.shipment_id, *shipment_conditions(f)).correlate(Event)
    )


def all_of(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """One clause from several."""
    return and_(*conditions)
