"""The record layer's pure checks: each bad value refused with a problem naming its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.records.checks import (
    check_citation,
    check_deal,
    check_event,
    check_item,
    check_party,
    check_shipment,
    check_source,
)
from tracker.records.partial_dates import EARLIEST, LATEST

DEAL = {"slug": "us-pak-mou", "title": "US-Pakistan MoU", "kind": "mou", "status": "announced"}


class Known:
    """Refs that know a fixed set of (kind, key) pairs."""

    def __init__(self, *pairs):
        self.pairs = set(pairs)

    def has(self, kind, key):
        return (kind, key) in self.pairs


def fields(checked):
    return {p.field for p in checked.problems}


@pytest.mark.parametrize(
    "raw",
    ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "1e400", "-5", "12.345", "ten", True, [1]],
)
def test_bad_amounts_are_refused_naming_the_field(raw):
    checked = check_deal(DEAL | {"value_amount": raw, "value_currency": "USD"})
    assert fields(checked) == {"value_amount"}
    assert checked.values["value_amount"] is None


@pytest.mark.parametrize("raw", ["NaN", "sNaN", "Infinity", "1e400", "-1", "1.00001"])
def test_bad_quantities_are_refused(raw):
    assert fields(check_item({"commodity": "antimony", "quantity": raw})) == {"quantity"}


def test_good_values_come_out_typed():
    checked = check_deal(
        DEAL
        | {
            "signed": ("2025-09-08", "month"),
            "value_amount": "500000000",
            "value_currency": "eur",
            "value_usd": Decimal("540000000"),
            "value_approximate": "true",
        }
    )
    assert checked.ok, checked.problems
    v = checked.values
    assert (v["signed_on"], v["signed_precision"]) == (date(2025, 9, 1), "month")
    assert v["value_currency"] == "EUR" and v["value_usd_rate"] == Decimal("1.08")
    assert v["value_approximate"] is True


@pytest.mark.parametrize("text", ["0001", "0001-01-01", "9999", "1899-12", "2101-Q1"])
def test_dates_outside_the_range_are_refused(text):
    checked = check_event({"slug": "e", "date": text, "kind": "other", "summary": "s"})
    assert fields(checked) == {"date"}
    assert str(EARLIEST.year) in checked.problems[0].message


def test_range_ends_are_accepted():
    for d in (EARLIEST, LATEST):
        assert check_event({"slug": "e", "date": d, "kind": "other", "summary": "s"}).ok


def test_currency_country_vocabulary_and_required_text():
    checked = check_shipment(
        {
            "slug": "s",
            "origin": "ZZZ",
            "status": "lost",
            "items": [{"commodity": "antimony", "value_amount": "1", "value_currency": "ZZZ"}],
        }
    )
    assert fields(checked) == {"origin", "destination", "status", "items[0].value_currency"}
    assert fields(check_deal({"slug": "x", "kind": "mou", "status": "announced"})) == {"title"}
    assert fields(check_party({"slug": "x", "kind": "company", "name": "  "})) == {"name"}


def test_duplicates_in_multi_selects_are_refused():
    refs = Known(("commodity", "antimony"), ("party", "ussm"))
    checked = check_deal(
        DEAL | {"commodities": ["antimony", "antimony"], "parties": [["ussm", "buyer"]] * 2},
        refs,
    )
    assert fields(checked) == {"commodities", "parties"}
    assert checked.links == {"commodities": ["antimony"], "parties": [["ussm", "buyer"]]}


def test_references_must_exist():
    checked = check_event(
        {"slug": "e", "date": "2025", "kind": "other", "summary": "s", "deal": "nope"},
        Known(),
    )
    assert fields(checked) == {"deal"}
    checked = check_citation(
        {"source": "1", "record_type": "deal", "record": "d", "quote": "not there"}
        | {"source_text": "the text"},
        Known(("source", "1"), ("deal", "d")),
    )
    assert fields(checked) == {"quote"}


def test_text_limits_and_control_characters():
    long = "x" * 131_073
    checked = check_deal(DEAL | {"summary": long, "title": "a\x00b"})
    assert fields(checked) == {"summary", "title"}
    assert "131,073 characters" in checked.problems[-1].message or any(
        "131,073" in p.message for p in checked.problems
    )


def test_slugs_and_urls():
    assert fields(check_deal(DEAL | {"slug": "Not A Slug"})) == {"slug"}
    assert fields(check_deal(DEAL | {"slug": "new"})) == {"slug"}
    src = {"url": "javascript:alert(1)", "publisher": "p", "title": "t"}
    assert fields(check_source(src)) == {"url"}


def test_every_field_a_check_reads_reaches_every_input_path():
    """A field added to check_deal is a DealForm field, a seed key and an import column (its
    export column) or the test says which path lacks it."""
    from tracker.curation.forms import DealForm
    from tracker.importing.columns import DEAL_COLUMNS
    from tracker.records.checks.kinds import DEAL_FIELDS
    from tracker.seeding.build import DEAL_KEYS

    form_fields = set(DealForm.__dict__) | {"value_usd_rate_date"}  # shown as value_rate_date
    for name in DEAL_FIELDS:
        assert name in form_fields, f"DealForm has no field {name!r}"
        assert name in DEAL_KEYS or name.startswith("value_"), f"seed does not take {name!r}"
        assert name in DEAL_COLUMNS or f"{name}_on" in DEAL_COLUMNS, f"no CSV column {name!r}"
