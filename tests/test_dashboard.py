"""Dashboards over HTTP: charts with captions, tables and row links, all following one Filter;
empty states; numbers that never lag a write; a query count that does not grow with the data."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from tests.dashboard_helpers import QueryCounter, add_deals, bar_value, charts, count
from tracker import db
from tracker.models import Deal

DASHBOARD_CHARTS = {
    "timeline",
    "value-commodity",
    "value-country",
    "value-time",
    "delivery",
    "flows",
}
CHART_PAGES = {
    "/": DASHBOARD_CHARTS,
    "/timeline": {"timeline"},
    "/commodities/antimony": {"timeline", "value-time", "value-country", "flows"},
    "/parties/pakistan": {"timeline", "value-time", "value-commodity", "delivery"},
}
NOTHING = "/?q=no-such-words-anywhere"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_pages_carry_each_chart_with_caption_table_and_rows_link(seeded, path):
    response = seeded.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    figures = charts(html)
    assert set(figures) == CHART_PAGES[path]
    for cid, figure in figures.items():
        assert f'data-chart="{cid}" data-traces="{len(figure["data"])}"' in html
        section = html.split(f'id="chart-{cid}"', 1)[1].split("</figure>", 1)[0]
        assert "<figcaption>" in section and "<details>" in section
        assert 'data-download="' in section


def test_value_charts_state_units_and_basis_and_keep_undisclosed_apart(seeded):
    html = seeded.get("/").get_data(as_text=True)
    assert "USD, nominal, converted at: reported in USD (4 deals)" in html
    delivery = charts(html)["delivery"]
    promised = delivery["data"][0]
    supply = next(i for i, t in enumerate(promised["y"]) if t.startswith("Supply of minerals"))
    # Nothing reported is drawn as zero: the supply promise states no amount.
    assert promised["x"][supply] is None
    assert promised["customdata"][supply][1] == "not reported"
    # A click on the bar opens the deal, where its sources are (the last customdata item).
    assert promised["customdata"][supply][-1].startswith("/deals/")
    # The count panel of the commodity chart counts it as undisclosed, not as USD 0.
    by_commodity = charts(html)["value-commodity"]
    undisclosed = next(t for t in by_commodity["data"] if t["name"] == "Value undisclosed")
    assert sum(undisclosed["x"]) >= 1


def test_the_timeline_draws_month_dates_as_the_month(seeded):
    timeline = charts(seeded.get("/timeline").get_data(as_text=True))["timeline"]
    other = next(t for t in timeline["data"] if t["name"] == "Other")
    # "In late September" 2025 (month precision) sits mid-month, not on the 1st...
    assert any(x.startswith("2025-09-16") for x in other["x"])
    assert not any(x.startswith("2025-09-01") for x in other["x"])
    # ...on a grey bar covering all 30 days of September.
    period = next(t for t in timeline["data"] if t["name"].startswith("Date known only"))
    spans = dict(zip(period["base"], period["x"], strict=True))
    assert spans["2025-09-01"] == 30 * 86_400_000
    hover = other["customdata"][[x[:10] for x in other["x"]].index("2025-09-16")]
    assert hover[:2] == ["September 2025", "the month"]


def test_a_filter_changes_charts_counts_and_links_together(seeded):
    everything = seeded.get("/").get_data(as_text=True)
    antimony = seeded.get("/?commodity=antimony").get_data(as_text=True)
    assert count(antimony, "deals") < count(everything, "deals")
    assert len(charts(antimony)["timeline"]["data"][0]["y"]) == count(antimony, "deals")
    links = [part.split('"')[0] for part in antimony.split('data-download="')[1:]]
    assert len(links) == len(DASHBOARD_CHARTS)
    hrefs = [h for h in antimony.split('href="') if 'data-download="' in h.split(">")[0]]
    assert hrefs and all("commodity=antimony" in h.split('"')[0] for h in hrefs)


def test_a_filter_matching_nothing_shows_empty_states_not_broken_charts(seeded):
    response = seeded.get(NOTHING)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert charts(html) == {}
    assert html.count('class="empty" data-empty=') == len(DASHBOARD_CHARTS)
    assert "No deals or events match this filter" in html
    assert count(html, "deals") == 0


def test_record_text_in_charts_cannot_close_the_script_block(seeded_app):
    add_deals(seeded_app, 1, prefix="xss", shipments=0)
    with db.unit_of_work(seeded_app.extensions["tracker.engine"]) as session:
        session.execute(
            update(Deal).where(Deal.slug == "xss-0").values(title="</script><b>bold</b> & co")
        )
    html = seeded_app.test_client().get("/").get_data(as_text=True)
    assert "</script><b>" not in html
    timeline = charts(html)["timeline"]
    assert "&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; co" in str(
        timeline["data"][0]["customdata"]
    )


def test_a_new_record_appears_at_once(seeded_app):
    client = seeded_app.test_client()
    before = client.get("/?commodity=antimony").get_data(as_text=True)
    assert client.get("/?commodity=antimony").get_data(as_text=True) == before  # cached now
    add_deals(seeded_app, 1, usd="7000000", prefix="new")
    after = client.get("/?commodity=antimony").get_data(as_text=True)
    assert count(after, "deals") == count(before, "deals") + 1
    assert count(after, "shipments") == count(before, "shipments") + 1
    gained = bar_value(charts(after)["value-commodity"], "Antimony") - bar_value(
        charts(before)["value-commodity"], "Antimony"
    )
    assert gained == pytest.approx(0.007)


def test_a_bulk_update_through_a_session_shows_at_once(seeded_app):
    client = seeded_app.test_client()
    before = count(client.get("/").get_data(as_text=True), "deals")
    with db.unit_of_work(seeded_app.extensions["tracker.engine"]) as session:
        slug = session.scalar(select(Deal.slug).limit(1))
        session.execute(update(Deal).where(Deal.slug == slug).values(deleted=True))
    assert count(client.get("/").get_data(as_text=True), "deals") == before - 1


@pytest.mark.parametrize("path", ["/", "/timeline", "/?commodity=antimony", "/parties/pakistan"])
def test_queries_per_page_do_not_grow_with_the_data(seeded_app, path):
    client = seeded_app.test_client()
    engine = seeded_app.extensions["tracker.engine"]
    with QueryCounter(engine) as small:
        assert client.get(path).status_code == 200
    with QueryCounter(engine) as cached:
        assert client.get(path).status_code == 200
    add_deals(seeded_app, 40, prefix="bulk", shipments=3)
    with QueryCounter(engine) as large:
        assert client.get(path).status_code == 200
    assert len(large.statements) == len(small.statements)
    # From the cache a page asks only for the filter's names, the data version and the form.
    assert len(cached.statements) <= 4


def test_download_links_fetch_the_csv_of_the_same_filter(seeded):
    html = seeded.get("/?commodity=antimony").get_data(as_text=True)
    links = set(re.findall(r'<a href="([^"]+)" data-download=', html))
    assert "/export/deals.csv?commodity=antimony" in links
    for link in links:
        response = seeded.get(link.replace("&amp;", "&"))
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        assert len(response.get_data(as_text=True).splitlines()) >= 2  # header and rows
