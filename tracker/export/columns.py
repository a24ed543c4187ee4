"""Every exported column, defined once: read by the CSV writer, datapackage.json, API and page."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.records import vocab
from tracker.records.partial_dates import Precision

# Frictionless table-schema types; each maps to one pandas dtype and one JSON Schema type.
STRING, INTEGER, NUMBER, BOOLEAN, DATE = "string", "integer", "number", "boolean", "date"
PRECISIONS = tuple(p.value for p in Precision)


@dataclass(frozen=True)
class Column:
    """One column: its name, type, meaning, unit and the only values it may hold."""

    name: str
    type: str
    description: str
    unit: str | None = None
    allowed: tuple[str, ...] = ()
    required: bool = False


def _date(name: str, what: str) -> tuple[Column, Column]:
    """A date column (first day of the period known) and its precision column."""
    return (
        Column(
            f"{name}_on",
            DATE,
            f"{what}: the first day of the period the sources give (see {name}_precision)",
        ),
        Column(
            f"{name}_precision",
            STRING,
            f"How much of {name}_on is known: day, month, quarter or year",
            allowed=PRECISIONS,
        ),
    )


def _money(what: str) -> tuple[Column, ...]:
    """The value columns: amount as stated, currency, USD equivalent and how sure it is."""
    return (
        Column(
            "value_amount",
            NUMBER,
            f"{what} as stated, a plain decimal; empty if not stated",
            unit="value_currency",
        ),
        Column("value_currency", STRING, "ISO 4217 code of value_amount"),
        Column(
            "value_usd",
            NUMBER,
            "USD equivalent: the amount itself for USD, or the figure a "
            "source states; never converted by us",
            unit="USD",
        ),
        Column(
            "value_usd_rate",
            NUMBER,
            "USD per unit of value_currency used for value_usd",
            unit="USD per value_currency",
        ),
        Column("value_usd_rate_date", DATE, "Date of value_usd_rate"),
        Column("value_usd_basis", STRING, "Where value_usd comes from"),
        Column("value_approximate", BOOLEAN, "The sources say 'approximately'", required=True),
        Column("value_up_to", BOOLEAN, "The sources say 'up to'", required=True),
        Column("value_more_than", BOOLEAN, "The sources say 'more than'", required=True),
        Column(
            "value_undisclosed",
            BOOLEAN,
            "A value exists but was not published: value_amount is empty, never 0",
            required=True,
        ),
    )


DEALS = (
    Column(
        "slug",
        STRING,
        "Stable identifier of the deal (also its page: /deals/<slug>)",
        required=True,
    ),
    Column("title", STRING, "Title of the deal", required=True),
    Column("kind", STRING, "What kind of deal", allowed=tuple(vocab.DEAL_KINDS), required=True),
    Column(
        "status", STRING, "Latest known status", allowed=tuple(vocab.DEAL_STATUSES), required=True
    ),
    Column("summary", STRING, "Our summary of the deal"),
    *_date("announced", "Announced"),
    *_date("signed", "Signed"),
    *_date("effective", "In force from"),
    *_date("ended", "Ended"),
    Column("commodities", STRING, "Commodities covered, names joined by '; '"),
    Column(
        "parties",
        STRING,
        "Parties with their role, 'Name (Role)' joined by '; '; critics and witnesses are left out",
    ),
    *_money("Headline value of the deal"),
    Column(
        "commodity_slugs",
        STRING,
        "Slugs of the commodities covered, joined by '; ' (see commodities.csv)",
    ),
    Column(
        "party_slugs",
        STRING,
        "Slugs of the parties, joined by '; '; roles per party are in deal_parties.csv",
    ),
)

SHIPMENTS = (
    Column("shipment_slug", STRING, "Stable identifier of the shipment", required=True),
    Column("deal_slug", STRING, "The deal the shipment is under, if any"),
    Column("origin_iso3", STRING, "ISO 3166 alpha-3 code of the origin country", required=True),
    Column("origin", STRING, "Origin country", required=True),
    Column("origin_party", STRING, "Company or agency that sent it, if known"),
    Column(
        "destination_iso3",
        STRING,
        "ISO 3166 alpha-3 code of the destination country",
        required=True,
    ),
    Column("destination", STRING, "Destination country", required=True),
    Column("destination_party", STRING, "Company or agency that received it, if known"),
    *_date("dispatched", "Dispatched"),
    *_date("arrived", "Arrived"),
    Column(
        "status",
        STRING,
        "Status of the shipment",
        allowed=tuple(vocab.SHIPMENT_STATUSES),
        required=True,
    ),
    Column("description", STRING, "What the sources call the cargo"),
    Column("item_id", INTEGER, "Identifier of this item; empty for a shipment with no items"),
    Column("commodity", STRING, "Slug of the item's commodity"),
    Column("commodity_name", STRING, "Name of the item's commodity"),
    Column("quantity", NUMBER, "Quantity of the item, a plain decimal", unit="unit"),
    Column("unit", STRING, "Unit of quantity (t, kg, ...)"),
    Column("grade", STRING, "Grade or concentration as stated"),
    *_money("Value of the item"),
    Column("origin_party_slug", STRING, "Slug of origin_party (see parties.csv)"),
    Column("destination_party_slug", STRING, "Slug of destination_party (see parties.csv)"),
)

EVENTS = (
    Column("slug", STRING, "Stable identifier of the event", required=True),
    Column(
        "date_on",
        DATE,
        "When it happened: the first day of the period known (see date_precision)",
        required=True,
    ),
    Column(
        "date_precision",
        STRING,
        "How much of date_on is known: day, month, quarter or year",
        allowed=PRECISIONS,
        required=True,
    ),
    Column("kind", STRING, "What happened", allowed=tuple(vocab.EVENT_KINDS), required=True),
    Column("summary", STRING, "Our summary of the event", required=True),
    Column("deal_slug", STRING, "The deal it concerns, if any"),
    Column("shipment_slug", STRING, "The shipment it concerns, if any"),
    Column("parties", STRING, "Parties it concerns, names joined by '; '"),
    Column("party_slugs", STRING, "Slugs of the parties it concerns, joined by '; '"),
)

SOURCES = (
    Column("id", INTEGER, "Stable number of the source (also /api/v1/sources/<id>)", required=True),
    Column("url", STRING, "Canonical URL of the source (its stable identifier)", required=True),
    Column("publisher", STRING, "Who published it", required=True),
    Column("title", STRING, "Title as published", required=True),
    Column("author", STRING, "Author, if named"),
    *_date("published", "Published"),
    Column("retrieved_on", DATE, "When we read it"),
    Column("language", STRING, "Language (BCP 47)", required=True),
    Column("summary", STRING, "Our own words on what the source states"),
    Column(
        "text_kept",
        BOOLEAN,
        "Whether we keep the source's text (quotes are checked against it)",
        required=True,
    ),
    Column(
        "citation_count",
        INTEGER,
        "How many citations in citations.csv (this selection) use it",
        required=True,
    ),
    Column(
        "source_type",
        STRING,
        "What kind of document it is; empty where not yet classified",
        allowed=tuple(vocab.SOURCE_TYPES),
    ),
    Column("archive_url", STRING, "An archived copy of the page, kept by an editor"),
    Column(
        "link_status",
        INTEGER,
        "HTTP status the link check last got; empty if unchecked or no answer",
    ),
    Column("link_checked_on", DATE, "When the link check last ran on it"),
    Column(
        "link_dead",
        BOOLEAN,
        "The link check found the page gone (404/410 or no answer): use archive_url",
        required=True,
    ),
)

CITATIONS = (
    Column("citation_id", INTEGER, "Stable identifier of the citation", required=True),
    Column(
        "record_type",
        STRING,
        "Kind of record the claim is about",
        allowed=vocab.RECORD_TYPES,
        required=True,
    ),
    Column("record", STRING, "Slug of that record", required=True),
    Column(
        "field", STRING, "Field of the record the claim supports; empty for the record as a whole"
    ),
    Column(
        "value",
        STRING,
        "The value as this source states it, normalised (2025-09-08, USD 500000000, samples)",
    ),
    Column(
        "quote", STRING, "The source's own words, verbatim; empty where we do not keep its text"
    ),
    Column("source_url", STRING, "URL of the source (see sources.csv)", required=True),
    Column("source_publisher", STRING, "Who published the source", required=True),
    Column(
        "sources_disagree",
        BOOLEAN,
        "Another source states an incompatible value for the same field of the same record",
        required=True,
    ),
    Column("value_text", STRING, "value as text, whatever it states"),
    Column(
        "value_date",
        DATE,
        "value as a date where it is one: the first day of the period (see value_date_precision)",
    ),
    Column(
        "value_date_precision",
        STRING,
        "How much of value_date is known: day, month, quarter or year",
        allowed=PRECISIONS,
    ),
    Column(
        "value_amount",
        NUMBER,
        "value as an amount where it is money, a plain decimal",
        unit="value_currency",
    ),
    Column("value_currency", STRING, "ISO 4217 code of value_amount"),
    Column("source_id", INTEGER, "Number of the source (see sources.csv id)", required=True),
    Column(
        "source_type",
        STRING,
        "What kind of document the source is",
        allowed=tuple(vocab.SOURCE_TYPES),
    ),
)

PARTIES = (
    Column("slug", STRING, "Stable identifier of the party (also /parties/<slug>)", required=True),
    Column("name", STRING, "Name of the party", required=True),
    Column("kind", STRING, "What kind of party", allowed=tuple(vocab.PARTY_KINDS), required=True),
    Column(
        "country",
        STRING,
        "ISO 3166 alpha-3 code: a country's own, else the party's home country",
    ),
    Column("aliases", STRING, "Other names and acronyms, joined by '; '"),
)

COMMODITIES = (
    Column("slug", STRING, "Stable identifier of the commodity", required=True),
    Column("name", STRING, "Name of the commodity", required=True),
    Column("symbol", STRING, "Chemical symbol, where there is one"),
    Column("group", STRING, "Group (rare earth, battery metal, ...)", required=True),
    Column("hs_codes", STRING, "Harmonized System codes, joined by '; '"),
)

DEAL_PARTIES = (
    Column("deal_slug", STRING, "The deal (see deals.csv)", required=True),
    Column("party_slug", STRING, "The party (see parties.csv)", required=True),
    Column(
        "role",
        STRING,
        "The party's role; one row per role; critic and witness are named, not parties",
        allowed=tuple(vocab.ROLES),
        required=True,
    ),
)

DEAL_COMMODITIES = (
    Column("deal_slug", STRING, "The deal (see deals.csv)", required=True),
    Column("commodity_slug", STRING, "A commodity it covers (see commodities.csv)", required=True),
)

COMMITMENTS = (
    Column("slug", STRING, "Stable identifier of the commitment", required=True),
    Column("deal_slug", STRING, "The deal it is made under (see deals.csv)", required=True),
    Column(
        "kind",
        STRING,
        "What is promised: supply or offtake of a commodity, an investment or a loan",
        allowed=tuple(vocab.COMMITMENT_KINDS),
        required=True,
    ),
    Column("from_party", STRING, "Slug of the party that commits", required=True),
    Column("from_party_name", STRING, "Name of the party that commits", required=True),
    Column("to_party", STRING, "Slug of the party it commits to", required=True),
    Column("to_party_name", STRING, "Name of the party it commits to", required=True),
    Column("commodity", STRING, "Slug of the commodity promised; empty when not specified"),
    Column(
        "quantity", NUMBER, "Quantity promised, a plain decimal; empty if not stated", unit="unit"
    ),
    Column("unit", STRING, "Unit of quantity (t, kg, t/yr, ...)"),
    *_money("Value promised"),
    *_date("due", "Due"),
    Column("summary", STRING, "Our summary of the commitment"),
)

STATUS_HISTORY = (
    Column("deal_slug", STRING, "The deal (see deals.csv)", required=True),
    Column(
        "status",
        STRING,
        "A status the deal has had",
        allowed=tuple(vocab.DEAL_STATUSES),
        required=True,
    ),
    Column(
        "from_on",
        DATE,
        "Since when: the first day of the period the sources give (see from_precision)",
    ),
    Column(
        "from_precision",
        STRING,
        "How much of from_on is known: day, month, quarter or year",
        allowed=PRECISIONS,
    ),
    Column("source_url", STRING, "URL of the source that gives the status (see sources.csv)"),
    Column("source_publisher", STRING, "Who published that source"),
    Column("note", STRING, "Our note on the status"),
)

KINDS: dict[str, tuple[Column, ...]] = {
    "deals": DEALS,
    "shipments": SHIPMENTS,
    "events": EVENTS,
    "sources": SOURCES,
    "citations": CITATIONS,
    "commitments": COMMITMENTS,
    "status_history": STATUS_HISTORY,
    "parties": PARTIES,
    "commodities": COMMODITIES,
    "deal_parties": DEAL_PARTIES,
    "deal_commodities": DEAL_COMMODITIES,
}
# The column that identifies a row across releases (a shipment row is one item of one shipment).
KEYS = {
    "deals": ("slug",),
    "shipments": ("shipment_slug", "item_id"),
    "events": ("slug",),
    "sources": ("url",),
    "citations": ("citation_id",),
    "commitments": ("slug",),
    "status_history": ("deal_slug", "status", "from_on"),
    "parties": ("slug",),
    "commodities": ("slug",),
    "deal_parties": ("deal_slug", "party_slug", "role"),
    "deal_commodities": ("deal_slug", "commodity_slug"),
}
# Columns that name a row of another file: (file, its column). Frictionless checks them.
FOREIGN_KEYS = {
    "shipments": (
        ("deal_slug", "deals", "slug"),
        ("commodity", "commodities", "slug"),
        ("origin_party_slug", "parties", "slug"),
        ("destination_party_slug", "parties", "slug"),
    ),
    "events": (("deal_slug", "deals", "slug"),),
    "citations": (("source_id", "sources", "id"),),
    "deal_parties": (("deal_slug", "deals", "slug"), ("party_slug", "parties", "slug")),
    "deal_commodities": (
        ("deal_slug", "deals", "slug"),
        ("commodity_slug", "commodities", "slug"),
    ),
    "commitments": (
        ("deal_slug", "deals", "slug"),
        ("from_party", "parties", "slug"),
        ("to_party", "parties", "slug"),
        ("commodity", "commodities", "slug"),
    ),
    "status_history": (("deal_slug", "deals", "slug"),),
}
TITLES = {
    "deals": "Deals: one row per deal",
    "shipments": "Shipments: one row per item of a shipment",
    "events": "Events: the timeline, one row per event",
    "sources": "Sources: one row per published document",
    "citations": "Citations: one row per claim a source makes about a record",
    "commitments": "Commitments: one row per promise a party makes under a deal",
    "status_history": "Status history: one row per status a deal has had",
    "parties": "Parties: every company, agency and country the tracker knows",
    "commodities": "Commodities: the reference list",
    "deal_parties": "Deal parties: one row per party and role in a deal",
    "deal_commodities": "Deal commodities: one row per commodity a deal covers",
}
