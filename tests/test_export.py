"""CSV exports over HTTP: the rows the pages select, tidy values, streaming, HEAD and bad input."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, insert

from tracker import db
from tracker.export.columns import KINDS
from tracker.export.writer import BATCH_ROWS
from tracker.models import Deal, Event
from tracker.queries.deals import list_deals
from tracker.queries.events import list_events
from tracker.queries.filters import MAX_PER_PAGE, Filter
from tracker.queries.shipments import list_shipments

FILTERS = [
    "",
    "commodity=antimony",
    "country=PAK",
    "kind=mou&kind=export_control",
    "status=in_force",
    "from=2025-09&to=2025-10",
    "party=us-strategic-metals",
    "event_kind=mou_signed",
    "q=lithium",
]


def rows_of(client, kind: str, query: str = "") -> list[dict[str, str]]:
    """The rows of KIND.csv for QUERY, read back with the csv module."""
    response = client.get(f"/export/{kind}.csv?{query}")
    assert response.status_code == 200, response.data
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"), newline="")))


def every_page(lister, session, f: Filter) -> list:
    """Every row a paged list shows for F, page after page."""
    out, page = [], 1
    while True:
        batch = lister(session, replace(f, page=page, per_page=MAX_PER_PAGE))
        out += batch
        if len(batch) < MAX_PER_PAGE:
            return out
        page += 1


@pytest.mark.parametrize("query", FILTERS)
def test_csv_rows_are_the_rows_the_list_pages_select(seeded_app, seeded, query):
    with seeded_app.test_request_context(f"/deals?{query}"):
        from flask import request

        f = Filter.from_args(request.args)
        session = db.get_session()
        deals = {r.deal.slug for r in every_page(list_deals, session, f)}
        shipments = {r["shipment"].slug for r in every_page(list_shipments, session, f)}
        events = {r["event"].slug for r in every_page(list_events, session, f)}
    assert {r["slug"] for r in rows_of(seeded, "deals", query)} == deals
    assert {r["shipment_slug"] for r in rows_of(seeded, "shipments", query)} == shipments
    assert {r["slug"] for r in rows_of(seeded, "events", query)} == events
    if query == "":
        assert deals and shipments and events


def test_columns_are_in_the_documented_order_and_rfc4180(seeded):
    for kind, columns in KINDS.items():
        response = seeded.get(f"/export/{kind}.csv")
        header = response.data.split(b"\r\n", 1)[0].decode()
        assert header == ",".join(c.name for c in columns)
        assert response.content_type == "text/csv; charset=utf-8; header=present"
    body = seeded.get("/export/deals.csv").data.decode("utf-8")
    assert body.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(body, newline=""), strict=True))
    assert all(len(r) == len(KINDS["deals"]) for r in rows)
    assert any("," in cell for r in rows for cell in r)  # commas inside quoted cells survive


def test_deal_values_are_tidy(seeded):
    deal = next(
        r for r in rows_of(seeded, "deals") if r["slug"] == "ussm-fwo-critical-minerals-mou-2025"
    )
    assert deal["signed_on"] == "2025-09-01" and deal["signed_precision"] == "month"
    assert deal["value_amount"] == "500000000" and deal["value_currency"] == "USD"
    assert deal["value_usd"] == "500000000" and deal["value_usd_rate"] == "1"
    assert deal["value_approximate"] == "true" and deal["value_undisclosed"] == "false"
    assert "Antimony" in deal["commodities"].split("; ")
    assert "Pakistan (Host government)" in deal["parties"].split("; ")
    assert not any(name.isdigit() for name in deal["parties"].split("; "))


def test_undisclosed_value_is_empty_with_a_flag_never_zero(app, client):
    with db.unit_of_work(app.extensions["tracker.engine"]) as session:
        session.add(
            Deal(
                slug="secret-offtake",
                title="Secret offtake",
                kind="offtake",
                status="signed",
                value_undisclosed=True,
            )
        )
    (row,) = rows_of(client, "deals")
    assert row["value_amount"] == "" and row["value_usd"] == ""
    assert row["value_undisclosed"] == "true"


def test_citations_flag_fields_where_sources_disagree(seeded):
    rows = rows_of(seeded, "citations")
    signed = [
        r
        for r in rows
        if r["record"] == "ussm-fwo-critical-minerals-mou-2025" and r["field"] == "signed"
    ]
    assert {r["value"] for r in signed} >= {"2025-09-08", "2025-09-09"}
    assert all(r["sources_disagree"] == "true" for r in signed)
    assert any(r["sources_disagree"] == "false" for r in rows)
    assert all(r["source_url"].startswith("http") for r in rows)
    urls = {r["url"] for r in rows_of(seeded, "sources")}
    assert {r["source_url"] for r in rows} <= urls


def test_filtered_citations_and_sources_belong_to_the_selected_records(seeded):
    deals = {r["slug"] for r in rows_of(seeded, "deals", "commodity=lithium")}
    cited = rows_of(seeded, "citations", "commodity=lithium")
    assert cited and {r["record"] for r in cited if r["record_type"] == "deal"} <= deals
    sources = rows_of(seeded, "sources", "commodity=lithium")
    assert {r["url"] for r in sources} == {r["source_url"] for r in cited}
    assert len(sources) < len(rows_of(seeded, "sources"))


def test_filename_names_the_file_the_date_and_the_filter(seeded):
    response = seeded.get("/export/deals.csv?commodity=antimony&country=PAK")
    expected = f"tracker-deals-{date.today().isoformat()}-commodity-antimony_country-PAK.csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{expected}"'


def _count_statements(app):
    engine = app.extensions["tracker.engine"]
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    return statements


def test_head_answers_the_headers_without_running_the_export(seeded_app, seeded):
    statements = _count_statements(seeded_app)
    response = seeded.head("/export/shipments.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.data == b""
    assert statements == []


def _many_events(app, count: int) -> None:
    engine = db.make_engine(app.config["TRACKER_DATABASE_URL"])
    rows = [
        {
            "slug": f"event-{i}",
            "date": date(2025, 1, 1),
            "date_precision": "day",
            "kind": "statement",
            "summary": f"Statement {i}, with a comma",
        }
        for i in range(count)
    ]
    with engine.begin() as conn:
        conn.execute(insert(Event), rows)
    engine.dispose()


def test_rows_stream_in_batches_and_a_client_that_leaves_stops_the_work(app, client):
    _many_events(app, 2 * BATCH_ROWS + 5)
    response = client.get("/export/events.csv")
    chunks = list(response.response)
    assert len(chunks) == 1 + 3  # the header, then one chunk per batch of rows
    assert sum(c.count(b"\r\n") for c in chunks) == 1 + 2 * BATCH_ROWS + 5
    engine = app.extensions["tracker.engine"]
    leaving = client.get("/export/events.csv", buffered=False)
    iterator = iter(leaving.response)
    next(iterator), next(iterator)
    assert engine.pool.checkedout() >= 1
    leaving.close()
    assert engine.pool.checkedout() == 0


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("comodity=antimony", "comodity"),
        ("commodity=unobtainium", "commodity"),
        ("country=XXX", "country"),
        ("kind=barter", "kind"),
        ("from=September", "from"),
        ("from=2025-13", "from"),
        ("page=2", "page"),
    ],
)
def test_bad_input_is_a_plain_text_400_naming_the_parameter(seeded, query, parameter):
    response = seeded.get(f"/export/deals.csv?{query}")
    assert response.status_code == 400
    assert response.content_type == "text/plain; charset=utf-8"
    assert f"parameter '{parameter}'" in response.get_data(as_text=True)


def test_unknown_file_is_a_plain_text_404(seeded):
    response = seeded.get("/export/contracts.csv")
    assert response.status_code == 404
    assert "deals, shipments, events, sources, citations" in response.get_data(as_text=True)


def test_export_page_explains_columns_and_keeps_the_filter(seeded):
    page = seeded.get("/export?commodity=antimony").get_data(as_text=True)
    assert 'href="/export/deals.csv?commodity=antimony"' in page
    assert 'href="/export/datapackage.json?commodity=antimony"' in page
    assert "value_undisclosed" in page and "CC BY 4.0" in page
    assert seeded.get("/export?per_page=3").status_code == 400


def test_amount_text_never_uses_an_exponent(app, client):
    with db.unit_of_work(app.extensions["tracker.engine"]) as session:
        session.add(
            Deal(
                slug="small-rate",
                title="Rupiah deal",
                kind="investment",
                status="signed",
                value_amount=Decimal("1500000000000.50"),
                value_currency="IDR",
                value_usd=Decimal("90000000.03"),
                value_usd_rate=Decimal("0.0000600000"),
            )
        )
    (row,) = rows_of(client, "deals")
    assert row["value_amount"] == "1500000000000.5"
    assert row["value_usd_rate"] == "0.00006"


def test_database_built_lines_quote_exactly_as_the_csv_module_would(app, client):
    awkward = 'He said "yes", then\r\nleft; naïve — 东'
    with db.unit_of_work(app.extensions["tracker.engine"]) as session:
        session.add(Deal(slug="awkward", title=awkward, kind="mou", status="signed", summary=""))
    body = client.get("/export/deals.csv").data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body, newline=""), strict=True))
    assert rows[1][1] == awkward and rows[1][4] == ""
    again = io.StringIO()
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    assert again.getvalue() == body
