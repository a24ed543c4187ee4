"""Every bad value through every input path that takes its field: the form (400, the error on
that field), the CSV import from the command line (exit 1, row and column named) and by upload
(400), the seed (non-zero exit, record and key named) and the inbox (400, field named). Each
time nothing is written: every table keeps its row count."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlmodel import func, select

from tests.helpers import post_form
from tests.inbox_support import TIN_TEXT, article_id, paste
from tracker import db
from tracker.importing.columns import COLUMNS
from tracker.models import (
    AuditEntry,
    Citation,
    Deal,
    DealCommodity,
    Event,
    InboxProposal,
    Party,
    Shipment,
    ShipmentItem,
    Source,
)

NUMBERS = ["NaN", "sNaN", "Infinity", "-Infinity", "1e400", "-5"]
YEARS = ["0001", "9999", "0001-01-01", "9999-12"]
# (field, bad value) pairs; each field lists the paths that take it below.
CASES = (
    [("item_currency", "ZZZ")]
    + [("item_quantity", v) for v in NUMBERS]
    + [("deal_amount", v) for v in NUMBERS]
    # USD 10 trillion: a column holds it, but no deal is worth it (and the kept sums of cents
    # would near a 64-bit integer's end).
    + [("deal_amount", "10000000000000")]
    + [("deal_title", ""), ("party_name", ""), ("deal_commodities", "twice")]
    + [("deal_date", v) for v in YEARS]
)
DEAL_FORM = {"title": "Matrix deal", "kind": "mou", "status": "announced"}
SHIPMENT_FORM = {"origin": "PAK", "destination": "USA", "status": "dispatched"}


def _counts(app) -> dict[str, int]:
    tables = (Deal, DealCommodity, Shipment, ShipmentItem, Party, Event, Source, Citation)
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        counts = {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in tables}
        counts["audit"] = s.scalar(select(func.count()).select_from(AuditEntry))
        counts["payloads"] = str(s.exec(select(InboxProposal.payload)).all())
    return counts


# ---------------------------------------------------------------- the form


def _form(client, field: str, value: str):
    """POST the form that takes FIELD; returns (response, the form field that must fail)."""
    if field == "item_currency":
        items = f"antimony; 1; t; ; 10; {value}"
        return post_form(client, "/shipments/new", SHIPMENT_FORM | {"items": items}), "items"
    if field == "item_quantity":
        items = f"antimony; {value}; t"
        return post_form(client, "/shipments/new", SHIPMENT_FORM | {"items": items}), "items"
    if field == "deal_amount":
        data = DEAL_FORM | {"value_amount": value, "value_currency": "USD"}
        return post_form(client, "/deals/new", data), "value_amount"
    if field == "deal_title":
        return post_form(client, "/deals/new", DEAL_FORM | {"title": value}), "title"
    if field == "party_name":
        return post_form(client, "/parties/new", {"name": value, "kind": "company"}), "name"
    if field == "deal_commodities":
        data = DEAL_FORM | {"commodities": ["antimony", "antimony"]}
        return post_form(client, "/deals/new", data), "commodities"
    return post_form(client, "/deals/new", DEAL_FORM | {"signed": value}), "signed"


@pytest.mark.parametrize(("field", "value"), CASES)
def test_form_refuses(editor, seeded_app, field, value):
    before = _counts(seeded_app)
    response, name = _form(editor, field, value)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    # The error sits in the field's own box, after its label.
    assert re.search(rf'class="field has-error">\s*<label for="{name}"', html), name
    assert _counts(seeded_app) == before


# ---------------------------------------------------------------- the CSV import

CSV_FIELDS = {
    "item_currency": ("shipments", "value_currency"),
    "item_quantity": ("shipments", "quantity"),
    "deal_amount": ("deals", "value_amount"),
    "deal_title": ("deals", "title"),
    "deal_commodities": ("deals", "commodities"),
    "deal_date": ("deals", "signed_on"),
}
CSV_CASES = [(f, v) for f, v in CASES if f in CSV_FIELDS]


def _csv_file(field: str, value: str) -> tuple[str, bytes, str]:
    """(kind, the file, the column that must be named) for one bad value."""
    kind, column = CSV_FIELDS[field]
    row = dict.fromkeys(COLUMNS[kind], "")
    if kind == "deals":
        row |= {"slug": "matrix-deal", "title": "Matrix deal", "kind": "mou"}
        row |= {"status": "announced", "commodities": "Antimony"}
    else:
        row |= {"shipment_slug": "matrix-shipment", "origin_iso3": "PAK"}
        row |= {"destination_iso3": "USA", "status": "dispatched", "commodity": "antimony"}
        row |= {"value_amount": "10", "value_currency": "USD"}
    if field == "deal_amount":
        row["value_currency"] = "USD"
    row[column] = "Antimony; antimony" if field == "deal_commodities" else value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind])
    writer.writeheader()
    writer.writerow(row)
    return kind, out.getvalue().encode(), column


@pytest.mark.parametrize(("field", "value"), CSV_CASES)
def test_csv_import_from_the_command_line_refuses(seeded_app, tmp_path, field, value):
    kind, data, column = _csv_file(field, value)
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    before = _counts(seeded_app)
    result = seeded_app.test_cli_runner().invoke(args=["import", kind, str(path)])
    assert result.exit_code == 1
    assert f"row 2, {column}: " in result.output and "nothing was written" in result.output
    assert _counts(seeded_app) == before


@pytest.mark.parametrize(("field", "value"), CSV_CASES)
def test_csv_upload_refuses(editor, seeded_app, field, value):
    kind, data, column = _csv_file(field, value)
    before = _counts(seeded_app)
    upload = {"kind": kind, "file": (io.BytesIO(data), "bad.csv")}
    response = post_form(editor, "/import", upload, content_type="multipart/form-data")
    assert response.status_code == 400
    assert f"<td>2</td><td>{column}</td>" in response.get_data(as_text=True)
    assert _counts(seeded_app) == before


# ---------------------------------------------------------------- the seed

SEED_KEYS = {
    "item_currency": "shipments[matrix-shipment].items[0].value.currency",
    "item_quantity": "shipments[matrix-shipment].items[0].quantity",
    "deal_amount": "deals[matrix-deal].value.amount",
    "deal_title": "deals[matrix-deal].title",
    "party_name": "parties[matrix-party].name",
    "deal_commodities": "deals[matrix-deal].commodities",
    "deal_date": "deals[matrix-deal].signed",
}


def _seed_toml(field: str, value: str) -> str:
    if field in ("item_currency", "item_quantity"):
        quantity = value if field == "item_quantity" else "1"
        currency = value if field == "item_currency" else "USD"
        item = f'{{commodity = "antimony", quantity = "{quantity}", '
        item += f'value = {{amount = "10", currency = "{currency}"}}}}'
        return (
            '[[shipments]]\nslug = "matrix-shipment"\norigin = "PAK"\ndestination = "USA"\n'
            f'status = "dispatched"\nitems = [{item}]\n'
        )
    if field == "party_name":
        return f'[[parties]]\nslug = "matrix-party"\nname = "{value}"\nkind = "company"\n'
    title = value if field == "deal_title" else "Matrix deal"
    lines = ["[[deals]]", 'slug = "matrix-deal"', f'title = "{title}"', 'kind = "mou"']
    lines.append('status = "announced"')
    twice = '"antimony", "antimony"' if field == "deal_commodities" else '"antimony"'
    lines.append(f"commodities = [{twice}]")
    if field == "deal_amount":
        lines.append(f'value = {{amount = "{value}", currency = "USD"}}')
    if field == "deal_date":
        lines.append(f'signed = "{value}"')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("field", "value"), CASES)
def test_seed_refuses(seeded_app, tmp_path, field, value):
    path = tmp_path / "matrix.toml"
    path.write_text(_seed_toml(field, value), encoding="utf-8")
    before = _counts(seeded_app)
    result = seeded_app.test_cli_runner().invoke(args=["seed", str(path)])
    assert result.exit_code != 0
    assert f"matrix.toml: {SEED_KEYS[field]}: " in result.output, result.output
    assert "nothing was written" in result.output
    assert _counts(seeded_app) == before


# ---------------------------------------------------------------- the inbox

INBOX_FIELDS = {
    "item_currency": ("money", "currency"),
    "deal_amount": ("money", "amount"),
    "party_name": ("organisation", "name"),
    "deal_date": ("event", "date"),
}
INBOX_CASES = [(f, v) for f, v in CASES if f in INBOX_FIELDS or f == "deal_title"]


def _proposal_id(app, aid: int, kind: str) -> int:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        query = select(InboxProposal.id).where(
            InboxProposal.article_id == aid, InboxProposal.kind == kind
        )
        return s.exec(query).first()


@pytest.mark.parametrize(("field", "value"), INBOX_CASES)
def test_inbox_refuses(editor, seeded_app, field, value):
    aid = article_id(paste(editor, TIN_TEXT))
    page = f"/inbox/{aid}"
    before = _counts(seeded_app)
    if field == "deal_title":
        money = str(_proposal_id(seeded_app, aid, "money"))
        data = {"deal": "new", "title": value, "proposal": [money]}
        response = post_form(editor, f"{page}/accept", data, form_url=page)
        named = "deal title: "
    else:
        kind, name = INBOX_FIELDS[field]
        pid = _proposal_id(seeded_app, aid, kind)
        url = f"{page}/proposals/{pid}/edit"
        response = post_form(editor, url, {name: value}, form_url=page)
        named = f"Proposal {pid}: {name}: "
    assert response.status_code == 400
    assert named in response.get_data(as_text=True)
    assert _counts(seeded_app) == before


@pytest.mark.parametrize(
    ("money", "field", "refused"),
    [
        # A stated USD equivalent at the ceiling, of an amount in another currency.
        ({"value_amount": "5", "value_currency": "EUR", "value_usd": "10000000000000"},
         "value_usd", True),
        # Just under the ceiling: kept.
        ({"value_amount": "9999999999999.99", "value_currency": "USD"}, "value_amount", False),
        # A cent stated as a trillion dollars: the derived rate would not fit its column.
        ({"value_amount": "0.01", "value_currency": "EUR", "value_usd": "1000000000000"},
         "value_usd", True),
    ],
)  # fmt: skip
def test_the_form_refuses_usd_figures_no_deal_reaches(editor, seeded_app, money, field, refused):
    before = _counts(seeded_app)
    response = post_form(editor, "/deals/new", DEAL_FORM | {"title": "Ceiling deal"} | money)
    if not refused:
        assert response.status_code == 302
        return
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(rf'class="field has-error">\s*<label for="{field}"', html), field
    assert _counts(seeded_app) == before
