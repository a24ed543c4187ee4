"""Controlled vocabularies: the only values kinds, statuses and roles may take."""

from __future__ import annotations

DEAL_KINDS = {
    "mou": "MoU",
    "framework": "Framework",
    "agreement": "Agreement",
    "investment": "Investment",
    "offtake": "Offtake",
    "equity": "Equity stake",
    "loan": "Loan",
    "grant": "Grant",
    "acquisition": "Acquisition",
    "price_floor": "Price floor",
    "export_control": "Export control",
    "trade_agreement": "Trade agreement",
}

DEAL_STATUSES = {
    "announced": "Announced",
    "mou_signed": "MoU signed",
    "signed": "Signed",
    "in_force": "In force",
    "delivering": "Delivering",
    "completed": "Completed",
    "stalled": "Stalled",
    "cancelled": "Cancelled",
}

PARTY_KINDS = {
    "country": "Country",
    "company": "Company",
    "government_agency": "Government agency",
    "state_enterprise": "State-owned enterprise",
    "military_enterprise": "Military enterprise",
    "political_party": "Political party",
    "international_org": "International organisation",
}

ROLES = {
    "buyer": "Buyer",
    "seller": "Seller",
    "investor": "Investor",
    "host_government": "Host government",
    "implementing_agency": "Implementing agency",
    "signatory": "Signatory",
    "financier": "Financier",
    "lender": "Lender",
    "borrower": "Borrower",
    "developer": "Developer",
    "offtaker": "Offtaker",
    "regulator": "Regulator",
    "exporter": "Exporter",
    "importer": "Importer",
    "jv_partner": "JV partner",
    "witness": "Witness",
    "critic": "Critic",
}
# Named in the story but not bound by the deal: shown apart, never counted as parties.
NON_PARTY_ROLES = frozenset({"witness", "critic"})

SHIPMENT_STATUSES = {
    "planned": "Planned",
    "dispatched": "Dispatched",
    "in_transit": "In transit",
    "delivered": "Delivered",
    "cancelled": "Cancelled",
}

EVENT_KINDS = {
    "mou_signed": "MoU signed",
    "agreement_signed": "Agreement signed",
    "shipment_dispatched": "Shipment dispatched",
    "shipment_arrived": "Shipment arrived",
    "investment_announced": "Investment announced",
    "export_control": "Export control",
    "suspension": "Suspension",
    "statement": "Statement",
    "denial": "Denial",
    "other": "Other",
}

# What kind of document a source is; a figure resting only on "analysis" is marked as such.
SOURCE_TYPES = {
    "government": "Government or regulator document",
    "company": "Company release",
    "filing": "Exchange filing",
    "news": "News report",
    "analysis": "Analysis or blog",
}

RECORD_TYPES = ("deal", "shipment", "event", "party", "commodity")


def label(vocabulary: dict[str, str], value: str | None) -> str:
    """The human label of a vocabulary value ('' for none)."""
    if not value:
        return ""
    return vocabulary.get(value, value)


# What a party may undertake towards another under a deal (tracker/models/commitments.py).
COMMITMENT_KINDS = {
    "supply": "Supply",
    "offtake": "Offtake",
    "investment": "Investment",
    "loan": "Loan",
}
# Kinds whose delivery is shipments of a commodity; the others are counted in money.
GOODS_COMMITMENTS = frozenset({"supply", "offtake"})
# A commodity, its group, the group's group...: the Filter joins this many levels, and the
# reference file may not nest deeper (tracker/seeding/reference.py checks it).
MAX_COMMODITY_DEPTH = 4
