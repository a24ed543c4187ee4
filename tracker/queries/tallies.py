"""Shipment counts and sums read from shipment_tally instead of the shipment and item tables,
whenever the tally can answer the Filter exactly. The tally is not small (410,041 rows at a
million shipments under 10,000 deals, nearly all of them the deals' commodity pairs), but each
query here reads only the rows of one shape through ix_shipment_tally_key: at most one per deal
(10,001 for a count without a commodity), or one per country and commodity pair.

It can when the Filter names at most one commodity and, on the shipment side, nothing else
but deal kinds and statuses (the Sankey: not even those). Otherwise every function here
returns None and the caller runs its query over the records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from sqlalchemy import ColumnElement, Select, case, exists, func, select, union_all
from sqlmodel import Session

from tracker.models import Commodity, Party, ShipmentTally
from tracker.queries import word_hits
from tracker.queries.conditions import (
    commodity_ids_named,
    deal_ids_selected,
    deleted_shipment_ids,
    deleted_shipments,
    party_ids_named,
)
from tracker.queries.filters import Filter
from tracker.queries.search import (
    dialect_of,
    hit_ids,
    own_matches,
    whole_word_matches_among,
    words,
)
from tracker.summaries.tallies import ALL, SAME

T = ShipmentTally
# live_descriptions_holding for one word (a session's, perhaps kept per request).
Holding = Callable[[str], int]
CODE = func.coalesce(Party.iso3, Party.country_iso3)


def answerable(f: Filter, *, by_deal: bool = True, session: Session | None = None) -> bool:
    """Whether shipment_tally can answer the Filter's shipment conditions exactly (BY_DEAL:
    through the per-deal rows, which also answer deal kinds and statuses). The tally is kept
    per commodity, so a commodity group (which selects its members) is answered over the
    records; SESSION lets that be asked."""
    others = f.country or f.party or f.event_kind or f.q or f.date_from or f.date_to
    if others or len(f.commodity) > 1:
        return False
    if f.commodity and session is not None and _is_group(session, f.commodity[0]):
        return False
    return by_deal or not (f.kind or f.status)


def _is_group(session: Session, slug: str) -> bool:
    """Whether commodity SLUG has members (tracker/queries/conditions.commodity_ids)."""
    group = select(Commodity.id).where(Commodity.slug == slug).scalar_subquery()
    return bool(session.scalar(select(exists().where(Commodity.parent_id == group))))


def chosen_commodity_id(f: Filter) -> ColumnElement:
    """The id of the commodity the Filter names."""
    return select(Commodity.id).where(Commodity.slug == f.commodity[0]).scalar_subquery()


def _deal_rows(f: Filter) -> list[ColumnElement[bool]]:
    """Per-deal rows of the deals the Filter's kinds and statuses select (or of all)."""
    c = [T.side.is_(None)]
    if f.kind or f.status:
        c.append(T.deal_id.in_(deal_ids_selected(f, kind=f.kind, status=f.status)))
    return c


def _whole(f: Filter) -> list[ColumnElement[bool]]:
    """Rows that hold each selected shipment once, with all its items."""
    if f.commodity:
        return [T.among_id == chosen_commodity_id(f), T.commodity_id.is_not(None)]
    return [T.among_id.is_(None)]


def _once(f: Filter) -> list[ColumnElement[bool]]:
    """Rows whose shipments column counts each selected shipment exactly once."""
    if f.commodity:
        return [T.among_id == chosen_commodity_id(f), T.commodity_id == T.among_id]
    return [T.among_id.is_(None)]


def count_shipments(session: Session, f: Filter) -> int | None:
    """How many shipments the Filter selects, or None when the tally cannot say."""
    if len(f.country) == 1 and f.selects_only("country"):
        return _count_country(session, f.country[0])
    if not answerable(f, session=session):
        return None
    # Without kinds or statuses, the one row over all shipments (or the commodity's).
    rows = _deal_rows(f) if f.kind or f.status else [T.side == ALL]
    query = select(func.coalesce(func.sum(T.shipments), 0)).where(*rows, *_once(f))
    return int(session.scalar(query))


def _count_country(session: Session, code: str) -> int | None:
    """Shipments starting or ending at a party of country CODE (what country=CODE selects):
    origin + destination - the 'same' rows, whose two ends share a code. None when a party
    is selected by its country_iso3 though its own iso3 is another: the 'same' rows, which
    compare the ends' codes, cannot say whether both its ends are selected."""
    other = exists().where(Party.country_iso3 == code, Party.iso3.is_not(None), Party.iso3 != code)
    if session.scalar(select(other)):
        return None
    signed = case((T.side == SAME, -T.shipments), else_=T.shipments)
    query = (
        select(func.coalesce(func.sum(signed), 0))
        .join(Party, Party.id == T.country_id)
        .where(
            T.side.in_(("origin", "destination", SAME)),
            T.among_id.is_(None),
            T.commodity_id.is_(None),
            CODE == code,
        )
    )
    return int(session.scalar(query))


# The most own-text matches at_least reads: past the list's "more than" (COUNT_CAP, 10,000)
# and past what a walk along the dates needs for its first eight pages at a million
# (sqrt(depth x all shipments)). Reading them costs PostgreSQL about 6 ms a thousand (634 ms
# for 100,000 of "synthetic").
OWN_TEXT_AT_MOST = 20_000
# The most deleted shipments at_least looks up one by one in a word's index (SQLite: 14 ms for
# a thousand); past that the word's floor takes every deleted shipment as one of its hits.
DELETED_READ = 1_000


def at_least(session: Session, f: Filter, holding: Holding | None = None) -> int:
    """A number of shipments the Filter selects at least: the count when the tally answers;
    for a search of one word (and nothing else), the most that one of its paths selects (the
    shipments carrying one commodity named by the word, those of the deals whose text holds
    it, those starting or ending at the parties it names, the live ones whose own text holds
    it: all that hold it as a whole word on SQLite, as a prefix on PostgreSQL, and up to
    OWN_TEXT_AT_MOST as a prefix);
    else 0. HOLDING: live_descriptions_holding, kept by the caller."""
    counted = count_shipments(session, f)
    if counted is not None:
        return counted
    found = words(f.q)
    if len(found) != 1 or not f.selects_only("q"):
        return 0
    word = found[0]
    paths = union_all(
        select(func.sum(T.shipments).label("n"))
        .where(T.side == ALL, T.among_id.in_(commodity_ids_named(word)),
               T.commodity_id.in_(commodity_ids_named(word)), T.commodity_id == T.among_id)
        .group_by(T.among_id),
        select(func.sum(T.shipments))
        .where(T.side.is_(None), T.among_id.is_(None), T.commodity_id.is_(None),
               T.deal_id.in_(hit_ids("deal", word))),
        select(func.sum(T.shipments))
        .where(T.side.in_(("origin", "destination")), T.among_id.is_(None),
               T.commodity_id.is_(None), T.country_id.in_(party_ids_named(word)))
        .group_by(T.side),
    ).subquery()  # fmt: skip
    tallied = int(session.scalar(select(func.coalesce(func.max(paths.c.n), 0))) or 0)
    live = count_shipments(session, Filter())
    if tallied >= live:
        return tallied
    floor = max(tallied, (holding or partial(live_descriptions_holding, session))(word))
    if floor >= min(live, OWN_TEXT_AT_MOST):
        return floor
    # A word found only in descriptions ("consignment", in every demo shipment) has no tally:
    # its floor was 0, so its list counted a million ids and sorted them for its page (645 ms
    # of a 1,022 ms page at a million, SQLite). Its prefix may find more than the whole word.
    own = own_matches(session, "shipment", word, OWN_TEXT_AT_MOST)
    return max(floor, own - deleted_shipments(session))


def live_descriptions_holding(session: Session, word: str) -> int:
    """At least how many live shipments' descriptions hold WORD, so that it is known whether
    the word is in every live one: on SQLite those holding it whole, every hit counted (20 ms
    for a word in every one of a million, then remembered until the text changes:
    tracker.queries.word_hits), less the deleted shipments among them; on PostgreSQL those
    holding it as a prefix, counted through the GIN index (about 180 ms for such a word:
    search.live_shipments_holding_pg), remembered likewise. Without it PostgreSQL kept a word
    in every description in the search, and read its million ids three times for one page
    (1.6 s for q=synthetic, 3.5 s for q=synthetic+cobalt)."""
    if dialect_of(session) == "postgresql":
        return word_hits.live_shipments_holding(session, word)
    live, deleted = count_shipments(session, Filter()), deleted_shipments(session)
    whole = word_hits.shipments_holding(session, word)
    if whole >= live and 0 < deleted <= DELETED_READ:  # the deleted ones that lack the word
        gone = list(session.scalars(deleted_shipment_ids()))
        return whole - whole_word_matches_among(session, "shipment", word, gone)
    return whole - deleted


def without_search(
    session: Session,
    f: Filter,
    floor: Callable[[Filter], int] | None = None,
    holding: Holding | None = None,
) -> Filter:
    """F without the words of its search that every live shipment holds, else F: the same
    shipments, which the tally counts and the indexes list as they would without those words.
    A word in every shipment ("synthetic", in every demo description) was read as a million ids
    for the count, the facets and the page, alone or beside another word or a commodity
    (q=synthetic+cobalt: 2.8 s at a million). A word alone selects them all when its floor
    (FLOOR(F), kept by the caller, or at_least) reaches their number; beside anything else,
    when every live description holds it (live_descriptions_holding; HOLDING: as at_least).
    Relevance is the caller's to keep: it ranks by every word."""
    found = words(f.q)
    if not found:
        return f
    live = count_shipments(session, Filter())
    if len(found) == 1 and f.selects_only("q"):
        least = floor(f) if floor is not None else at_least(session, f, holding)
        return replace(f, q="") if least >= live else f
    holding = holding or partial(live_descriptions_holding, session)
    kept = [w for w in found if holding(w) < live]
    return f if len(kept) == len(found) else replace(f, q=" ".join(kept))


def flow_side(f: Filter, country_column: str, session: Session | None = None) -> Select | None:
    """(country, commodity, n shipments) for one side of the Sankey, or None when the tally
    cannot say. COUNTRY_COLUMN is 'origin_id' or 'destination_id'."""
    if not answerable(f, by_deal=False, session=session):
        return None
    side = country_column.removesuffix("_id")
    carried = (
        [T.among_id == chosen_commodity_id(f)]
        if f.commodity
        else [T.among_id.is_not(None), T.commodity_id == T.among_id]
    )
    return (
        select(
            T.country_id.label("country"),
            T.commodity_id.label("commodity"),
            func.sum(T.shipments).label("n"),
        )
        .where(T.side == side, *carried)
        .group_by(T.country_id, T.commodity_id)
    )


def delivered(session: Session, f: Filter, deal_ids) -> tuple[int, int, object, int] | None:
    """(shipments, items, USD sum, items with USD) of the selected shipments under the deals
    DEAL_IDS (a subquery), or None when the tally cannot say."""
    if not answerable(f, session=session):
        return None
    under = [*_deal_rows(f), T.deal_id.in_(deal_ids)]
    shipments = session.scalar(select(func.sum(T.shipments)).where(*under, *_once(f)))
    items, usd, with_usd = session.execute(
        select(func.sum(T.items), func.sum(T.value_usd), func.sum(T.items_with_usd)).where(
            *under, *_whole(f)
        )
    ).one()
    return int(shipments or 0), int(items or 0), usd, int(with_usd or 0)
