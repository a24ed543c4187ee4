"""Summary tables kept in step with the records in the same transaction as every write, so a
page computed cold reads a few hundred rows, not a million (tracker.summaries maintains them,
`tracker db check` recomputes them from the records)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, Index, Text
from sqlmodel import Field, SQLModel

from tracker.models.common import AMOUNT_DIGITS, AMOUNT_PLACES


class ShipmentTally(SQLModel, table=True):
    """Shipments (not deleted) counted, and their items summed, in two small shapes.

    Per deal (side empty): the row with among_id and commodity_id empty counts every shipment
    of the deal (deal_id empty: of no deal) with all their items; a row with both set counts
    the deal's shipments that carry commodity among_id and also commodity_id, with their
    items of commodity_id. Per country (side 'origin' or 'destination', country_id the party
    at that end, deal_id empty): the same pairs, for the Sankey's two sides. A filter on one
    commodity reads the rows of that among_id; without one, the rows where the two are equal.
    Per country whole (side set, among_id and commodity_id empty): every shipment at that end;
    side 'same': shipments whose origin and destination have one country code (country_id the
    origin), whole and in pairs (the facets count a country's shipments at either end without
    double counting). Side 'all' (deal and country empty): every shipment, whole and in pairs
    (a commodity's count is one row). About 36 rows a deal: 410,041 at a million shipments
    under 10,000 deals.
    Rows change by the difference each written shipment makes, never by a rescan.
    """

    __tablename__ = "shipment_tally"
    __table_args__ = (
        # The count last: sums over one shape's rows read the index alone (migration 0025).
        Index(
            "ix_shipment_tally_key",
            *("side", "among_id", "commodity_id", "deal_id", "country_id", "shipments"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    side: str | None = Field(default=None, max_length=11)
    deal_id: int | None = None
    country_id: int | None = None
    among_id: int | None = None
    commodity_id: int | None = None
    shipments: int = 0
    items: int = 0
    items_with_usd: int = 0
    value_usd: Decimal = Field(
        default=Decimal(0), max_digits=AMOUNT_DIGITS + 4, decimal_places=AMOUNT_PLACES
    )


class DealShipmentWords(SQLModel, table=True):
    """The words of a deal's shipments, one row per deal (id is the deal's): the distinct
    descriptions of every shipment under it, one a line. Its word index answers "a shipment
    of this deal says W" from one entry per deal, where the shipments' own index would list
    every matching shipment (a million for "synthetic") before any deal could be tested.
    Soft-deleted shipments count, as they do in the shipments' own index."""

    __tablename__ = "deal_shipment_words"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    descriptions: str = Field(sa_type=Text)


class DealGroups(SQLModel, table=True):
    """The groups a deal's value is counted under on the value charts, one row per deal that
    has any (id is the deal's): the countries taking part (their ISO codes, sorted and joined
    by '+': a country takes part itself or through a party based there, critics and witnesses
    left out), and its commodities (how many, and the one when there is one). Grouping deals
    by these columns replaces a join through every deal's parties and commodities per chart."""

    __tablename__ = "deal_groups"

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    countries: str = Field(default="", sa_type=Text)
    commodities: int = 0
    commodity_id: int | None = None


class FacetMember(SQLModel, table=True):
    """The facet values one live deal or event counts under in its whole list (list 'deals'
    or 'events'): its kind, status, commodity slugs, country codes and event kinds, as the
    facets of /deals and /timeline count them with no filter; for a deal, its USD value in
    whole cents on each row (empty without one, and for events). Kept so that a write can
    take back exactly what a record counted before it changed."""

    __tablename__ = "facet_member"

    list: str = Field(primary_key=True, max_length=8)
    record_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    facet: str = Field(primary_key=True, max_length=16)
    value: str = Field(primary_key=True, max_length=80)
    usd_cents: int | None = Field(default=None, sa_type=BigInteger)


class FacetCount(SQLModel, table=True):
    """How many live deals or events of the whole list count under each facet value: the
    facets of /deals and /timeline with no filter read these rows instead of counting
    10,000 deals and 30,000 events per request; for deals, also how many of them have a USD
    value and its sum in whole cents (/commodities reads a commodity's deal value here, not
    from its 30,000 deal links). Changed by the difference each written record's members make
    (tracker/summaries/facet_tally)."""

    __tablename__ = "facet_count"

    list: str = Field(primary_key=True, max_length=8)
    facet: str = Field(primary_key=True, max_length=16)
    value: str = Field(primary_key=True, max_length=80)
    count: int = 0
    with_usd: int = 0
    usd_cents: int = Field(default=0, sa_type=BigInteger)
